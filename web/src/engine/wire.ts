// The one place where text and structured-clone data crossing the engine boundary get their
// types: JSON from the WebAssembly engine (FBP message arrays, samples, status) and the
// messages between the main thread and the worker. Each decoder checks the shape it claims and
// throws a WireError naming what was wrong, instead of `JSON.parse(...) as T` trusting it.
import { WORLD_KINDS, type WorldKind } from './engineConstants.generated';
import type {
  EdgeDataEvent,
  FbpMessage,
  PinEventBatch,
  SampleBatch,
  SimulationStatus,
} from './types';
import type { EngineMethod, EngineMethods, FromWorker, ToWorker } from './worker-protocol';

/** Something crossing the engine boundary did not have the shape it must have. */
export class WireError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WireError';
  }
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fail(where: string, what: string): never {
  throw new WireError(`${where}: ${what}`);
}

function object(value: unknown, where: string): Json {
  if (!isObject(value)) fail(where, `expected an object, got ${describe(value)}`);
  return value;
}

function string(value: unknown, where: string): string {
  if (typeof value !== 'string') fail(where, `expected a string, got ${describe(value)}`);
  return value;
}

function number(value: unknown, where: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value))
    fail(where, `expected a finite number, got ${describe(value)}`);
  return value;
}

function numbers(value: unknown, where: string): number[] {
  if (!Array.isArray(value)) fail(where, `expected an array, got ${describe(value)}`);
  value.forEach((item, i) => number(item, `${where}[${i}]`));
  return value as number[];
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `the string ${JSON.stringify(value.slice(0, 40))}`;
  return typeof value;
}

/** Parses engine JSON text; a text that is not JSON names `where` and the parser's reason. */
export function parseJson(text: string, where: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return fail(where, `not JSON (${reason})`);
  }
}

/**
 * One FBP protocol message: protocol and command strings and a payload. The payload is an
 * object except in the few commands whose schema makes it a scalar (component:componentsready
 * carries the count); those pass as they are, since no view reads them as an object.
 */
export function decodeFbpMessage(value: unknown, where = 'fbp message'): FbpMessage {
  const m = object(value, where);
  string(m.protocol, `${where}.protocol`);
  string(m.command, `${where}.command`);
  if (m.payload === undefined) m.payload = {};
  else if (typeof m.payload === 'object' && !isObject(m.payload))
    fail(`${where}.payload`, `expected an object, got ${describe(m.payload)}`);
  // Checked in place, not copied: a run at 'max' speed sends hundreds of thousands.
  return m as unknown as FbpMessage;
}

/** The JSON array of FBP messages the engine's handle/advance/reset return. */
export function decodeFbpArray(text: string, where: string): FbpMessage[] {
  return decodeFbpList(parseJson(text, where), where);
}

/** An already parsed array of FBP messages (reset's `events`). */
export function decodeFbpList(value: unknown, where: string): FbpMessage[] {
  if (!Array.isArray(value)) fail(where, `expected an array of messages, got ${describe(value)}`);
  return value.map((item, i) => decodeFbpMessage(item, `${where}[${i}]`));
}

/** The engine's takeSamples(): columnar series, each as long as `timeMs`. */
export function decodeSampleBatch(text: string, where = 'samples'): SampleBatch {
  const b = object(parseJson(text, where), where);
  const timeMs = numbers(b.timeMs, `${where}.timeMs`);
  const series: Record<string, number[]> = {};
  for (const [name, column] of Object.entries(object(b.series ?? {}, `${where}.series`))) {
    series[name] = numbers(column, `${where}.series.${name}`);
    if (series[name].length !== timeMs.length)
      fail(`${where}.series.${name}`, `${series[name].length} values for ${timeMs.length} times`);
  }
  return { timeMs, series };
}

/** Pin changes (the engine's takePinEvents, or the worker's `pins` message), checked. */
export function decodePinEvents(value: unknown, where = 'pins'): PinEventBatch {
  const b = object(value, where);
  const batch: PinEventBatch = {
    timeMs: numbers(b.timeMs, `${where}.timeMs`),
    pin: numbers(b.pin, `${where}.pin`),
    value: numbers(b.value, `${where}.value`),
    pwm: numbers(b.pwm, `${where}.pwm`),
    dropped: number(b.dropped ?? 0, `${where}.dropped`),
  };
  for (const key of ['pin', 'value', 'pwm'] as const) {
    if (batch[key].length !== batch.timeMs.length)
      fail(`${where}.${key}`, `${batch[key].length} values for ${batch.timeMs.length} times`);
  }
  return batch;
}

/** What the runtime's status() says (the engine host adds speed and pause to it). */
export interface RuntimeStatus {
  timeMs: number;
  started: boolean;
  world: WorldKind;
  optionsError?: string;
}

export function isWorldKind(value: unknown): value is WorldKind {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(WORLD_KINDS, value);
}

export function decodeRuntimeStatus(text: string, where = 'runtime status'): RuntimeStatus {
  const s = object(parseJson(text, where), where);
  if (!isWorldKind(s.world)) fail(`${where}.world`, `unknown world ${describe(s.world)}`);
  const status: RuntimeStatus = {
    timeMs: number(s.timeMs, `${where}.timeMs`),
    started: s.started === true,
    world: s.world,
  };
  if (s.optionsError !== undefined)
    status.optionsError = string(s.optionsError, `${where}.optionsError`);
  return status;
}

/** A call the engine refused: its located message (the `error` of `{ok: false, error}`). */
export class EngineCallError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EngineCallError';
  }
}

/**
 * The one decoder of the engine's error convention (docs/wasm.md): every call that can fail
 * answers `{ok: true, error: "", ...value}` or `{ok: false, error: "located message"}`, as JSON
 * text or as an Embind object. Returns the value without `ok`/`error`; throws EngineCallError
 * for a refusal and WireError for an answer of another shape.
 */
export function engineResult(answer: unknown, where: string): Json {
  const value = object(typeof answer === 'string' ? parseJson(answer, where) : answer, where);
  const { ok, error, ...rest } = value;
  if (ok === true) return rest;
  if (ok === false) throw new EngineCallError(string(error, `${where}.error`));
  return fail(`${where}.ok`, `expected true or false, got ${describe(ok)}`);
}

/**
 * `network:data` as the views use it. The runtime names the packet's virtual time `time`
 * (an extension of the FBP schema, whose field names stay); it becomes `timeMs` here, once.
 */
export function decodeEdgeData(message: FbpMessage): EdgeDataEvent {
  const where = 'network:data';
  const p = message.payload;
  const endpoint = (value: unknown, name: string) => {
    const e = object(value, `${where}.${name}`);
    const result: { node: string; port: string; index?: number } = {
      node: string(e.node, `${where}.${name}.node`),
      port: string(e.port, `${where}.${name}.port`),
    };
    // An unindexed port may come as null or without the field.
    if (e.index !== undefined && e.index !== null)
      result.index = number(e.index, `${where}.${name}.index`);
    return result;
  };
  const event: EdgeDataEvent = {
    graph: string(p.graph, `${where}.graph`),
    id: string(p.id, `${where}.id`),
    tgt: endpoint(p.tgt, 'tgt'),
    data: p.data,
  };
  if (p.src !== undefined) event.src = endpoint(p.src, 'src');
  if (p.timeMs !== undefined) event.timeMs = number(p.timeMs, `${where}.timeMs`);
  return event;
}

const METHODS: Record<EngineMethod, true> = {
  parseFbp: true,
  validateGraph: true,
  graphToFbp: true,
  setSpeed: true,
  pause: true,
  resume: true,
  step: true,
  reset: true,
  setWorldInputs: true,
  setSampleInterval: true,
  status: true,
  openModel: true,
  predict: true,
  closeModel: true,
  putModel: true,
  recordActivity: true,
  generateModelCode: true,
} satisfies Record<keyof EngineMethods, true>;

function isMethod(value: unknown): value is EngineMethod {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(METHODS, value);
}

/**
 * A message the worker received. A malformed call that still carries a numeric id is
 * returned as `{ kind: 'bad-call' }` so the worker can answer that call with the error.
 */
export function decodeToWorker(
  data: unknown,
): { kind: 'ok'; message: ToWorker } | { kind: 'bad-call'; id: number; error: string } {
  const where = 'message to the engine';
  const m = object(data, where);
  if (m.type === 'fbp') {
    return { kind: 'ok', message: { type: 'fbp', message: decodeFbpMessage(m.message, where) } };
  }
  if (m.type !== 'call') fail(`${where}.type`, `expected "fbp" or "call", got ${describe(m.type)}`);
  const id = number(m.id, `${where}.id`);
  if (!isMethod(m.method))
    return { kind: 'bad-call', id, error: `unknown engine method ${describe(m.method)}` };
  if (!Array.isArray(m.args))
    return { kind: 'bad-call', id, error: `${m.method}: args must be an array` };
  return { kind: 'ok', message: { type: 'call', id, method: m.method, args: m.args } };
}

/** A message the main thread received from the worker. */
export function decodeFromWorker(data: unknown): FromWorker {
  const where = 'message from the engine';
  const m = object(data, where);
  switch (m.type) {
    case 'ready':
      return { type: 'ready', version: string(m.version, `${where}.version`) };
    case 'fatal':
      return { type: 'fatal', message: string(m.message, `${where}.message`) };
    case 'fbp':
      return { type: 'fbp', message: decodeFbpMessage(m.message, `${where}.message`) };
    case 'result': {
      const id = number(m.id, `${where}.id`);
      if (m.ok === true) return { type: 'result', id, ok: true, value: m.value };
      return { type: 'result', id, ok: false, error: string(m.error, `${where}.error`) };
    }
    case 'status':
      return { type: 'status', status: decodeSimulationStatus(m.status, `${where}.status`) };
    case 'samples': {
      const b = object(m.batch, `${where}.batch`);
      const batch: SampleBatch = { timeMs: numbers(b.timeMs, `${where}.batch.timeMs`), series: {} };
      for (const [name, column] of Object.entries(object(b.series, `${where}.batch.series`)))
        batch.series[name] = numbers(column, `${where}.batch.series.${name}`);
      return { type: 'samples', batch };
    }
    case 'pins':
      return { type: 'pins', batch: decodePinEvents(m.batch, `${where}.batch`) };
  }
  return fail(`${where}.type`, `unknown message type ${describe(m.type)}`);
}

function decodeSimulationStatus(value: unknown, where: string): SimulationStatus {
  const s = object(value, where);
  if (!isWorldKind(s.world)) fail(`${where}.world`, `unknown world ${describe(s.world)}`);
  const speed = s.speed === 'max' ? 'max' : number(s.speed, `${where}.speed`);
  return {
    timeMs: number(s.timeMs, `${where}.timeMs`),
    running: s.running === true,
    paused: s.paused === true,
    speed,
    world: s.world,
  };
}

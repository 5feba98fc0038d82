// The engine side of the worker protocol: owns the WebAssembly module, the protocol runtime
// and the simulation clock. Runs inside engine.worker.ts, or in the same thread through
// InProcessTransport (Node tests, pages without workers).
import type { EngineModule, EngineRuntime, ModelRunner } from '../../../wasm/emflow-engine';
import type { InProcessEngine } from './transport';
import type {
  CodegenOptions,
  Activity,
  ActivityOptions,
  ActivityRecording,
  FbpMessage,
  WorldInputs,
  ModelInfo,
  NoFloGraph,
  ParseResult,
  PredictResult,
  SimulationStatus,
  Speed,
  WorldKind,
} from './types';
import {
  decodeFbpArray,
  decodeFbpList,
  decodeRuntimeStatus,
  decodePinEvents,
  decodeSampleBatch,
  decodeToWorker,
  engineResult,
  parseJson,
} from './wire';
import type { EngineMethod, FromWorker, ToWorker } from './worker-protocol';

const TICK_MS = 50; // wall time between clock steps
const MAX_BUDGET_MS = 30; // wall time one 'max' tick may use
const MAX_CHUNK_MS = 60_000; // virtual time per advance() call at 'max' speed

export interface EngineHostOptions {
  /** Runtime options passed to EngineRuntime (secret, label, world, seed, ...). */
  runtime?: Record<string, unknown>;
  /** Start the clock loop (default true). Tests drive the clock with step() instead. */
  clock?: boolean;
}

export class EngineHost implements InProcessEngine {
  private readonly runtime: EngineRuntime;
  private sink: (message: FromWorker) => void = () => {};
  private speed: Speed = 1;
  private paused = false;
  private world: WorldKind;
  private timer: ReturnType<typeof setInterval> | undefined;
  private lastTick = 0;
  private carryMs = 0;
  private readonly models = new Map<number, ModelRunner>();
  private nextModel = 1;

  constructor(
    private readonly module: EngineModule,
    options: EngineHostOptions = {},
  ) {
    const runtimeOptions = { timeInEvents: true, world: 'fridge', ...options.runtime };
    this.runtime = new module.EngineRuntime(JSON.stringify(runtimeOptions));
    const status = decodeRuntimeStatus(this.runtime.status());
    if (status.optionsError) {
      this.runtime.delete();
      throw new Error(`engine runtime options: ${status.optionsError}`);
    }
    this.world = status.world;
    this.runtime.setSampleInterval(1000);
    if (options.clock !== false) this.startClock();
  }

  setSink(sink: (message: FromWorker) => void): void {
    this.sink = sink;
    sink({ type: 'ready', version: this.module.version() });
  }

  dispose(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    for (const model of this.models.values()) model.delete();
    this.models.clear();
    this.runtime.delete();
  }

  /** Handles one message from the main thread; a malformed one is answered, never thrown. */
  receive(data: unknown): void {
    let message: ToWorker;
    try {
      const decoded = decodeToWorker(data);
      if (decoded.kind === 'bad-call') {
        this.sink({ type: 'result', id: decoded.id, ok: false, error: decoded.error });
        return;
      }
      message = decoded.message;
    } catch (error) {
      this.reportError(error); // nothing to answer (no call id)
      return;
    }
    if (message.type === 'fbp') {
      try {
        this.emitFbp(this.parseArray(this.runtime.handle(JSON.stringify(message.message))));
        this.flushSamples();
      } catch (error) {
        this.reportError(error);
      }
      return;
    }
    try {
      const value = this.call(message.method, message.args);
      this.sink({ type: 'result', id: message.id, ok: true, value });
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error);
      this.sink({ type: 'result', id: message.id, ok: false, error: text });
    }
  }

  // ---- engine calls ------------------------------------------------------------------------

  private call(method: EngineMethod, args: unknown[]): unknown {
    switch (method) {
      case 'parseFbp':
        return parseJson(this.module.parseFbp(String(args[0])), 'parseFbp') as ParseResult;
      case 'validateGraph':
        return parseJson(
          this.module.validateGraph(JSON.stringify(args[0])),
          'validateGraph',
        ) as ParseResult;
      case 'graphToFbp': {
        const text = this.module.graphToFbp(JSON.stringify(args[0] as NoFloGraph));
        const result = engineResult(text, 'graphToFbp');
        if (typeof result.fbp !== 'string') throw new Error('graphToFbp: no fbp text');
        return result.fbp;
      }
      case 'setSpeed':
        this.speed = checkSpeed(args[0]);
        return this.status();
      case 'pause':
        this.paused = true;
        return this.status();
      case 'resume':
        this.paused = false;
        this.lastTick = now();
        return this.status();
      case 'step': {
        const ms = Number(args[0]);
        if (!(ms >= 0 && ms <= 31 * 86_400_000)) throw new Error('step: ms must be 0..31 days');
        this.advance(ms);
        return this.status();
      }
      case 'reset': {
        const options = (args[0] ?? {}) as { world?: WorldKind; seed?: number; data?: string };
        const answer = this.runtime.reset(
          JSON.stringify({ ...options, world: options.world ?? this.world }),
        );
        const events = decodeFbpList(engineResult(answer, 'reset').events, 'reset.events');
        this.world = decodeRuntimeStatus(this.runtime.status()).world;
        this.emitFbp(events);
        this.runtime.takeSamples();
        this.runtime.takePinEvents(); // the old world's pins: a reset starts a new board
        this.carryMs = 0;
        return this.status();
      }
      case 'setWorldInputs': {
        engineResult(
          this.runtime.setWorldInputs(JSON.stringify(args[0] as WorldInputs)),
          'setWorldInputs',
        );
        return this.status();
      }
      case 'setSampleInterval': {
        const ms = Number(args[0]);
        if (!(ms >= 1)) throw new Error('sample interval must be at least 1 ms');
        this.runtime.setSampleInterval(ms);
        return this.status();
      }
      case 'status':
        return this.status();
      case 'openModel':
        return this.openModel(args[0] as Uint8Array);
      case 'predict':
        return this.predict(Number(args[0]), args[1] as Float32Array, Number(args[2]));
      case 'closeModel': {
        const model = this.models.get(Number(args[0]));
        if (!model) throw new Error(`no open model ${String(args[0])}`);
        model.delete();
        this.models.delete(Number(args[0]));
        return null;
      }
      case 'putModel': {
        if (!(args[1] instanceof Uint8Array)) throw new Error('putModel needs a Uint8Array');
        engineResult(this.runtime.putModel(Number(args[0]), args[1]), 'putModel');
        return null;
      }
      case 'recordActivity':
        return this.recordActivity((args[0] ?? {}) as ActivityOptions);
      case 'generateModelCode': {
        const [blob, name, options] = args as [Uint8Array, string, CodegenOptions | undefined];
        if (!(blob instanceof Uint8Array)) throw new Error('generateModelCode needs a Uint8Array');
        const result = this.module.generateModelCode(
          blob,
          String(name),
          JSON.stringify(options ?? {}),
        );
        return String(engineResult(result, 'generateModelCode').code);
      }
    }
    throw new Error(`unknown engine method ${String(method)}`);
  }

  private openModel(blob: Uint8Array): ModelInfo {
    if (!(blob instanceof Uint8Array)) throw new Error('openModel needs a Uint8Array');
    const runner = new this.module.ModelRunner();
    try {
      engineResult(runner.open(blob), 'openModel');
    } catch (error) {
      runner.delete();
      throw error;
    }
    const handle = this.nextModel++;
    this.models.set(handle, runner);
    return { handle, ...engineResult(runner.info(), 'model info') } as ModelInfo;
  }

  private predict(handle: number, features: Float32Array, rows: number): PredictResult {
    const runner = this.models.get(handle);
    if (!runner) throw new Error(`no open model ${handle}`);
    const result = runner.predict(features, rows);
    if (!result.ok) throw new Error(result.error);
    const nOutputs = rows > 0 ? result.outputs.length / rows : 0;
    return { labels: result.labels, outputs: result.outputs, nOutputs };
  }

  private recordActivity(options: ActivityOptions): ActivityRecording {
    const text = this.module.recordActivity(JSON.stringify(options));
    const result = engineResult(text, 'recordActivity');
    const floats = (name: 'x' | 'y' | 'z') => {
      const column = result[name];
      if (!Array.isArray(column)) throw new Error(`recordActivity: no ${name} column`);
      return Float32Array.from(column as number[]);
    };
    return {
      sampleRateHz: Number(result.sampleRateHz),
      x: floats('x'),
      y: floats('y'),
      z: floats('z'),
      labels: result.labels as Activity[],
      csv: String(result.csv),
    };
  }

  // ---- the clock ---------------------------------------------------------------------------

  private startClock(): void {
    this.lastTick = now();
    this.timer = setInterval(() => this.tick(), TICK_MS);
  }

  private tick(): void {
    const t = now();
    const wall = t - this.lastTick;
    this.lastTick = t;
    if (this.paused) return;
    if (this.speed === 'max') {
      const until = now() + MAX_BUDGET_MS;
      while (now() < until) this.advance(MAX_CHUNK_MS);
    } else {
      this.carryMs += wall * this.speed;
      const ms = Math.floor(this.carryMs);
      this.carryMs -= ms;
      if (ms > 0) this.advance(ms);
    }
    this.sink({ type: 'status', status: this.status() });
  }

  private advance(ms: number): void {
    this.emitFbp(this.parseArray(this.runtime.advance(ms)));
    this.flushSamples();
  }

  private flushSamples(): void {
    const batch = decodeSampleBatch(this.runtime.takeSamples());
    if (batch.timeMs.length > 0) this.sink({ type: 'samples', batch });
    const pins = decodePinEvents(parseJson(this.runtime.takePinEvents(), 'pins'), 'pins');
    if (pins.timeMs.length > 0 || pins.dropped > 0) this.sink({ type: 'pins', batch: pins });
  }

  private status(): SimulationStatus {
    const s = decodeRuntimeStatus(this.runtime.status());
    return {
      timeMs: s.timeMs,
      running: s.started,
      paused: this.paused,
      speed: this.speed,
      world: this.world,
    };
  }

  // A failure with no call to answer reaches the client as a runtime `error` message, which it
  // emits as an 'error' event.
  private reportError(error: unknown): void {
    const text = error instanceof Error ? error.message : String(error);
    this.sink({
      type: 'fbp',
      message: { protocol: 'runtime', command: 'error', payload: { message: text } },
    });
  }

  private emitFbp(messages: FbpMessage[]): void {
    for (const message of messages) this.sink({ type: 'fbp', message });
  }

  private parseArray(text: string): FbpMessage[] {
    return decodeFbpArray(text, 'engine messages');
  }
}

function checkSpeed(value: unknown): Speed {
  if (value === 'max') return 'max';
  const speed = Number(value);
  if (!(speed > 0 && speed <= 1_000_000))
    throw new Error('speed must be > 0 (× real time) or "max"');
  return speed;
}

function now(): number {
  return typeof performance !== 'undefined' ? performance.now() : Date.now();
}

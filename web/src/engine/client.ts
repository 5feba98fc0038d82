// EngineClient: the one object the app talks to. It speaks the FBP protocol to the runtime,
// makes typed engine calls (parse, models, simulation clock) and fans out events.
import { InProcessTransport, WebSocketTransport, WorkerTransport } from './transport';
import type { InProcessEngine, Transport } from './transport';
import type {
  CodegenOptions,
  ActivityOptions,
  ActivityRecording,
  ComponentInfo,
  EdgeDataEvent,
  FbpMessage,
  WorldInputs,
  ModelInfo,
  NoFloGraph,
  ParseResult,
  PredictResult,
  PinEventBatch,
  SampleBatch,
  SimulationStatus,
  Speed,
  WorldKind,
} from './types';
import { decodeEdgeData, decodeFromWorker } from './wire';
import type { EngineMethod, EngineMethods, FromWorker } from './worker-protocol';

/** Events an EngineClient emits. */
export interface EngineEvents {
  /** Every FBP protocol message the runtime sends (including the ones below). */
  fbp: FbpMessage;
  /** `network:data` on a watched edge. */
  data: EdgeDataEvent;
  /** `network:error`, `network:processerror`, and `error` replies of any sub-protocol. */
  error: { protocol: string; message: string; payload: Record<string, unknown> };
  /** World time series recorded while the clock runs (batched, about 30 per second). */
  samples: SampleBatch;
  /** Pins the graph drove that changed (digital levels, PWM duties), batched like samples. */
  pins: PinEventBatch;
  /** A line the graph printed on the serial port (`network:output`). */
  serial: { line: string };
  /** The simulation clock changed (speed, pause, reset, network started/stopped). */
  status: SimulationStatus;
  /** The engine is gone (worker crashed, socket closed). Create a new client to restart. */
  disconnected: { message: string };
}

export interface StartWorkerOptions {
  /** Creates the worker; default: `new Worker(new URL('./engine.worker.ts', import.meta.url))`. */
  createWorker?: () => Worker;
}

export interface ConnectOptions {
  secret?: string;
}

/** A failed engine call or protocol request, with the engine's message. */
export class EngineError extends Error {
  constructor(
    message: string,
    readonly protocol?: string,
  ) {
    super(message);
    this.name = 'EngineError';
  }
}

type Listener<T> = (event: T) => void;

export class EngineClient {
  private nextCallId = 1;
  private readonly pending = new Map<
    number,
    { resolve: (v: unknown) => void; reject: (e: Error) => void }
  >();
  private readonly listeners = new Map<keyof EngineEvents, Set<Listener<never>>>();
  private readonly ready: Promise<void>;
  private alive = true;

  private constructor(private readonly transport: Transport) {
    let markReady: () => void = () => {};
    let failReady: (e: Error) => void = () => {};
    this.ready = new Promise<void>((resolve, reject) => {
      markReady = resolve;
      failReady = reject;
    });
    transport.onMessage((message) => this.dispatch(message, markReady, failReady));
  }

  /** Starts the WebAssembly engine in a Web Worker and waits until it is loaded. */
  static async startWorker(options: StartWorkerOptions = {}): Promise<EngineClient> {
    const worker = options.createWorker
      ? options.createWorker()
      : new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module' });
    return EngineClient.over(new WorkerTransport(worker));
  }

  /** Connects to an FBP runtime over WebSocket (e.g. `npx emflow-runtime --port 3569`). */
  static async connect(url: string, options: ConnectOptions = {}): Promise<EngineClient> {
    return EngineClient.over(new WebSocketTransport(new WebSocket(url, 'noflo'), options.secret));
  }

  /** Uses an engine host in this thread (Node tests; see engine-host.ts). */
  static async inProcess(engine: InProcessEngine): Promise<EngineClient> {
    return EngineClient.over(new InProcessTransport(engine));
  }

  /** Any transport; resolves once the engine reported it is ready. */
  static async over(transport: Transport): Promise<EngineClient> {
    const client = new EngineClient(transport);
    await client.ready;
    return client;
  }

  /** Subscribes to an event; returns the function that unsubscribes. */
  on<K extends keyof EngineEvents>(type: K, listener: Listener<EngineEvents[K]>): () => void {
    let set = this.listeners.get(type);
    if (!set) this.listeners.set(type, (set = new Set()));
    set.add(listener as Listener<never>);
    return () => set.delete(listener as Listener<never>);
  }

  /** True until the worker or socket went away. */
  get connected(): boolean {
    return this.alive;
  }

  /** True when engine calls (parse, models, clock) are available, i.e. not over WebSocket. */
  get supportsEngineCalls(): boolean {
    return this.transport.supportsCalls;
  }

  /** Ends the engine (terminates the worker / closes the socket). */
  close(): void {
    this.alive = false;
    this.transport.close();
    this.failPending('engine closed');
  }

  // ---- FBP protocol ------------------------------------------------------------------------

  /** Sends one protocol message without waiting for anything. */
  send(protocol: string, command: string, payload: Record<string, unknown> = {}): void {
    this.transport.post({ type: 'fbp', message: { protocol, command, payload } });
  }

  /**
   * Sends a message and resolves with the replies up to and including the first one for which
   * `until` returns true (default: the first reply of the same protocol). Rejects on an
   * `error` reply of that protocol or after `timeoutMs`.
   */
  request(
    protocol: string,
    command: string,
    payload: Record<string, unknown> = {},
    until: (m: FbpMessage) => boolean = (m) => m.protocol === protocol,
    timeoutMs = 10000,
  ): Promise<FbpMessage[]> {
    return new Promise((resolve, reject) => {
      const seen: FbpMessage[] = [];
      const timer = setTimeout(() => {
        off();
        reject(new EngineError(`no reply to ${protocol}:${command} within ${timeoutMs} ms`));
      }, timeoutMs);
      const off = this.on('fbp', (m) => {
        if (m.protocol === protocol && m.command === 'error') {
          clearTimeout(timer);
          off();
          reject(new EngineError(String(m.payload.message ?? 'error'), protocol));
          return;
        }
        seen.push(m);
        if (until(m)) {
          clearTimeout(timer);
          off();
          resolve(seen);
        }
      });
      this.send(protocol, command, payload);
    });
  }

  /** `runtime:getruntime` → the runtime description (capabilities, version, ...). */
  async getRuntime(): Promise<Record<string, unknown>> {
    const replies = await this.request('runtime', 'getruntime', {}, (m) => m.command === 'runtime');
    return replies[replies.length - 1].payload;
  }

  /** `component:list` → every component (collected until `componentsready`). */
  async listComponents(): Promise<ComponentInfo[]> {
    const replies = await this.request(
      'component',
      'list',
      {},
      (m) => m.command === 'componentsready',
    );
    return replies
      .filter((m) => m.command === 'component')
      .map((m) => m.payload as unknown as ComponentInfo);
  }

  /**
   * Replaces the runtime's graph `name` with `graph`: graph:clear, then addnode, addedge,
   * addinitial, addinport/addoutport for everything in it. Resolves when all were acknowledged;
   * rejects with the runtime's first error (e.g. an unknown component).
   */
  async loadGraph(graph: NoFloGraph, name = 'main'): Promise<void> {
    const messages: [string, Record<string, unknown>][] = [
      ['clear', { id: name, name, main: true }],
    ];
    for (const [id, p] of Object.entries(graph.processes)) {
      messages.push(['addnode', { id, component: p.component, metadata: p.metadata ?? {} }]);
    }
    for (const c of graph.connections) {
      const tgt = { node: c.tgt.process, port: c.tgt.port, index: c.tgt.index };
      if ('src' in c) {
        const src = { node: c.src.process, port: c.src.port, index: c.src.index };
        messages.push(['addedge', { src, tgt, metadata: c.metadata ?? {} }]);
      } else {
        messages.push(['addinitial', { src: { data: c.data }, tgt, metadata: c.metadata ?? {} }]);
      }
    }
    for (const [pub, p] of Object.entries(graph.inports ?? {})) {
      messages.push(['addinport', { public: pub, node: p.process, port: p.port }]);
    }
    for (const [pub, p] of Object.entries(graph.outports ?? {})) {
      messages.push(['addoutport', { public: pub, node: p.process, port: p.port }]);
    }
    for (const [command, payload] of messages) {
      if (command !== 'clear') payload.graph = name;
      await this.request('graph', command, payload, (m) => m.command === command);
    }
  }

  /** `network:start` for graph `name`; resolves on `network:started`. */
  async start(name = 'main'): Promise<void> {
    await this.request('network', 'start', { graph: name }, (m) => m.command === 'started');
  }

  /** `network:stop`; resolves on `network:stopped`. */
  async stop(name = 'main'): Promise<void> {
    await this.request('network', 'stop', { graph: name }, (m) => m.command === 'stopped');
  }

  /** Chooses which edges produce `data` events (`network:edges`); empty = all edges. */
  async watchEdges(
    edges: { src: { node: string; port: string }; tgt: { node: string; port: string } }[],
    name = 'main',
  ): Promise<void> {
    await this.request('network', 'edges', { graph: name, edges }, (m) => m.command === 'edges');
  }

  // ---- Engine calls (worker / in-process only) ---------------------------------------------

  /** Parses `.fbp` text and validates it against the component library. */
  parseFbp(text: string): Promise<ParseResult> {
    return this.call('parseFbp', text);
  }

  /** Validates a NoFlo JSON graph against the component library. */
  validateGraph(graph: NoFloGraph): Promise<ParseResult> {
    return this.call('validateGraph', graph);
  }

  /** Writes a graph as `.fbp` text (re-parses to the same graph). */
  graphToFbp(graph: NoFloGraph): Promise<string> {
    return this.call('graphToFbp', graph);
  }

  /** Runs the virtual clock at `speed` × real time, or 'max' (as fast as possible). */
  setSpeed(speed: Speed): Promise<SimulationStatus> {
    return this.call('setSpeed', speed);
  }

  /** Holds the virtual clock. */
  pause(): Promise<SimulationStatus> {
    return this.call('pause');
  }

  /** Lets the virtual clock run again at the chosen speed. */
  resume(): Promise<SimulationStatus> {
    return this.call('resume');
  }

  /** Advances the virtual clock by `ms` now (also while paused). */
  step(ms: number): Promise<SimulationStatus> {
    return this.call('step', ms);
  }

  /** Virtual time back to 0, world re-created (optionally another world / seed); graph kept. */
  reset(
    options: { world?: WorldKind; seed?: number; data?: string } = {},
  ): Promise<SimulationStatus> {
    return this.call('reset', options);
  }

  /** Changes the fridge world's inputs (door, ambient temperature, thermal load). */
  setWorldInputs(inputs: WorldInputs): Promise<SimulationStatus> {
    return this.call('setWorldInputs', inputs);
  }

  /** Virtual milliseconds between recorded world samples (default 1000). */
  setSampleInterval(ms: number): Promise<SimulationStatus> {
    return this.call('setSampleInterval', ms);
  }

  /** The current simulation status. */
  status(): Promise<SimulationStatus> {
    return this.call('status');
  }

  /** Opens (validates) a binary model blob; close it with closeModel when done. */
  openModel(blob: Uint8Array): Promise<ModelInfo> {
    return this.call('openModel', blob);
  }

  /** Predicts `rows` rows of `features` (row-major, rows × nFeatures floats). */
  predict(handle: number, features: Float32Array, rows: number): Promise<PredictResult> {
    return this.call('predict', handle, features, rows);
  }

  /** Frees a model opened with openModel. */
  closeModel(handle: number): Promise<null> {
    return this.call('closeModel', handle);
  }

  /**
   * Validates a model blob and puts it in the runtime's device model store under `id` (0..15),
   * replacing an earlier one: Classify / Regress / AnomalyScore nodes with `'<id>' -> MODEL`
   * use it. Models survive network restarts; rejects with the reason when refused.
   */
  putModel(id: number, blob: Uint8Array): Promise<null> {
    return this.call('putModel', id, blob);
  }

  /** Records a labelled accelerometer dataset from the cow-halter world. */
  recordActivity(options: ActivityOptions = {}): Promise<ActivityRecording> {
    return this.call('recordActivity', options);
  }

  /**
   * Generates the C++ header for a tree model blob (for firmware export): the same text as
   * `emflow codegen <options.source> --name <name>`. Rejects for other model kinds and names
   * that are not C++ identifiers.
   */
  generateModelCode(blob: Uint8Array, name: string, options: CodegenOptions = {}): Promise<string> {
    return this.call('generateModelCode', blob, name, options);
  }

  // ---- internals ---------------------------------------------------------------------------

  private call<M extends EngineMethod>(
    method: M,
    ...args: EngineMethods[M]['args']
  ): Promise<EngineMethods[M]['result']> {
    if (!this.alive) return Promise.reject(new EngineError('engine is not running'));
    const id = this.nextCallId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.transport.post({ type: 'call', id, method, args });
    });
  }

  private emit<K extends keyof EngineEvents>(type: K, event: EngineEvents[K]): void {
    for (const listener of [...(this.listeners.get(type) ?? [])]) {
      (listener as Listener<EngineEvents[K]>)(event);
    }
  }

  private failPending(message: string): void {
    for (const { reject } of this.pending.values()) reject(new EngineError(message));
    this.pending.clear();
  }

  private dispatch(data: FromWorker, markReady: () => void, failReady: (e: Error) => void) {
    let message: FromWorker;
    try {
      message = decodeFromWorker(data);
    } catch (error) {
      // A message of the wrong shape is reported, not dispatched half-typed.
      const text = error instanceof Error ? error.message : String(error);
      this.emit('error', { protocol: 'worker', message: text, payload: {} });
      return;
    }
    switch (message.type) {
      case 'ready':
        markReady();
        return;
      case 'fatal':
        this.alive = false;
        failReady(new EngineError(message.message));
        this.failPending(message.message);
        this.emit('disconnected', { message: message.message });
        return;
      case 'result': {
        const waiter = this.pending.get(message.id);
        if (!waiter) return;
        this.pending.delete(message.id);
        if (message.ok) waiter.resolve(message.value);
        else waiter.reject(new EngineError(message.error));
        return;
      }
      case 'status':
        this.emit('status', message.status);
        return;
      case 'samples':
        this.emit('samples', message.batch);
        return;
      case 'pins':
        this.emit('pins', message.batch);
        return;
      case 'fbp': {
        const m = message.message;
        this.emit('fbp', m);
        if (m.protocol === 'network' && m.command === 'data') {
          let event: EdgeDataEvent;
          try {
            event = decodeEdgeData(m); // typed there, once
          } catch (error) {
            const text = error instanceof Error ? error.message : String(error);
            this.emit('error', { protocol: m.protocol, message: text, payload: m.payload });
            return;
          }
          this.emit('data', event);
        } else if (m.protocol === 'network' && m.command === 'output') {
          this.emit('serial', { line: String(m.payload.message ?? '') });
        } else if (
          m.command === 'error' ||
          (m.protocol === 'network' && m.command === 'processerror')
        ) {
          const text = m.payload.message ?? m.payload.error ?? 'error';
          this.emit('error', { protocol: m.protocol, message: String(text), payload: m.payload });
        }
        return;
      }
    }
  }
}

// Hand-written types of the Emscripten module `emflow-engine.mjs` (Emscripten 3.1.6 cannot
// emit them). Keep in step with wasm/bindings.cpp and wasm/engine_api.h.
//
// JSON crosses the boundary as text: each call is one Embind call (~0.5 µs) whatever its size.
//
// One error convention (docs/wasm.md): every call that can fail answers an EngineResult,
// `{ok: true, error: "", ...value}` or `{ok: false, error: "located message"}`, as JSON text
// (documented below as `EngineResult<{...}>` JSON) or as an object. web/src/engine/wire.ts
// (`engineResult`) is the one place the web decodes it. Protocol traffic (handle, advance,
// runUntilOutput, restore) answers FBP messages; their `error` messages are protocol.
// Embind objects (EngineRuntime, ModelRunner) live in WebAssembly memory: call delete() when done.

/** Options of the module factory (a subset of Emscripten's Module object). */
export interface EngineModuleOptions {
  /** The .wasm bytes; required in Node (the web loader would fetch a file URL and fail). */
  wasmBinary?: ArrayBuffer | Uint8Array;
  /** Where to find emflow-engine.wasm in the browser (default: beside the .mjs). */
  locateFile?: (path: string, prefix: string) => string;
  print?: (text: string) => void;
  printErr?: (text: string) => void;
}

/** What a call that can fail answers: its value, or why it was refused. */
export type EngineResult<T extends object = object> =
  ({ ok: true; error: '' } & T) | ({ ok: false; error: string } & Partial<T>);

interface EmbindObject {
  /** Frees the C++ object. Using it afterwards throws. */
  delete(): void;
  isDeleted(): boolean;
}

/** The FBP protocol runtime with its virtual world (see core/host/protocol/runtime.h). */
export interface EngineRuntime extends EmbindObject {
  /** One protocol message (JSON text) → JSON text of an array of replies/events. */
  handle(messageJson: string): string;
  /** Whether the last message given to handle() carried the runtime's secret (or none is set). */
  lastAuthorised(): boolean;
  /** Advances the virtual clock by `ms` → JSON text of an array of events. */
  advance(ms: number): string;
  /** The input-driven clock (what `emflow-runtime --clock input` uses for fbp-spec): graphs
   * that received runtime:packet inputs run as fast as possible until a packet leaves an
   * exported out-port, nothing is pending, or `limitMs` of virtual time passed → JSON events. */
  runUntilOutput(limitMs: number): string;
  /** World samples since the last call → JSON text `{timeMs: number[], series: {[name]: number[]}}`. */
  takeSamples(): string;
  /** Pin changes since the last call → JSON text `{timeMs: number[], pin: number[], value:
   * number[], pwm: number[] (1: duty 0..255, 0: level 0/1), dropped: number}`. */
  takePinEvents(): string;
  /** Virtual ms between world samples of the main graph (0 = no samples). */
  setSampleInterval(ms: number): void;
  /** Re-creates the world at time 0 (`{"world": "fridge"|"activity"|"replay"|"none", "seed": n,
   * "data": csv}`; a name of core/sim/world_registry.h, data for replay) →
   * JSON `EngineResult<{events: FbpMessage[]}>` (refused options: ok false, "reset: ..."). */
  reset(optionsJson: string): string;
  /** `{name: value}` of the world's live inputs (fridge: doorOpen, ambientC, loadW) → JSON
   * `EngineResult`. */
  setWorldInputs(inputsJson: string): string;
  /** JSON text `{timeMs, started, graph, world, sample: {[name]: number}, optionsError?}`;
   * `optionsError` says what was wrong with the constructor's world/seed (defaults were used). */
  status(): string;
  /** JSON text `{main, graphs: {[id]: NoFloGraph}}` (what network:persist saves). */
  snapshot(): string;
  /** Loads a snapshot → JSON text of the graph replies it produced. */
  restore(snapshotJson: string): string;
  /** network:persist calls `callback(snapshotJson)`; return "" or an error message. */
  setPersistCallback(callback: (snapshotJson: string) => string): void;
  /** Validates a model blob and stores a copy in the device model store under `id`
   * (0..15) for Classify / Regress / AnomalyScore nodes (`'<id>' -> MODEL`) → JSON
   * `EngineResult` (why it was refused). Models survive network restarts; the store is shared by the whole module. */
  putModel(id: number, blob: Uint8Array): string;
}

/** A model blob opened for batch prediction (see core/ml/model.h). */
export interface ModelRunner extends EmbindObject {
  /** Validates and opens a blob (copied) → JSON `EngineResult` (why it was refused). */
  open(blob: Uint8Array): string;
  /** JSON `EngineResult<{kind, kindName, nFeatures, nOutputs, fixedPoint}>`. */
  info(): string;
  /** rows × nFeatures features (row-major) → labels and rows × nOutputs outputs. */
  predict(
    features: Float32Array | number[],
    rows: number,
  ): { ok: boolean; error: string; labels: Int32Array; outputs: Float32Array };
}

/** One of the simulator's worlds on a virtual board's pins (wasm/bindings_board_world.cpp,
 * docs/board-worlds.md): the host steps it on the board's time, hands it the board's output
 * levels and puts what it reports on the board's inputs. */
export interface BoardWorld extends EmbindObject {
  /** `{world: "fridge"|"activity"|"replay"|"none", seed?, data?, ...the world's options by key
   * (ambientC, ...)}` as simulateWorld takes them → JSON `EngineResult`. Once per object. */
  open(optionsJson: string): string;
  /** The world's name ("none" before open). */
  name(): string;
  /** Moves the world to `ms` (whole virtual ms, never backwards) → a view of 40 values valid
   * until the next call: per pin 0..19 the digital input (0, 1, or 0xFFFF: the world leaves
   * the pin alone), then per pin the analog counts 0..1023. */
  advanceTo(ms: number): Uint16Array;
  /** The board drives output `pin` to `level` now (false: no such pin). */
  writePin(pin: number, level: boolean): boolean;
  /** The DS18B20s the world attached to pins. */
  thermometers(): { pin: number; rom: number[] }[];
  /** CONVERT T for `rom` on `pin` now → a status name ("ok", "no sensor", ...). */
  startConversion(pin: number, rom: number[]): string;
  /** The latched reading → `raw` 1/16 °C when `status` is "ok" ("not ready" before a
   * conversion ended). */
  readTemperature(pin: number, rom: number[]): { status: string; raw: number };
  /** JSON text `{name: value}`: World::sample (the fridge's airC, compressorOn, ...) and pinN
   * (0/1) for each pin the board drove. */
  sample(): string;
  /** A live input (the fridge's doorOpen, ambientC, loadW; the bench's A0, D2, T9) → JSON
   * `EngineResult`. */
  setInput(name: string, value: number): string;
  /** The true class now (the activity world's activity index), or -1. */
  truth(): number;
  /** The world's clock in ms. */
  timeMs(): number;
}

/** What `emflow run` prints at the end of a fridge simulation. */
export interface FridgeSummary {
  durationMs: number;
  minAirC: number;
  maxAirC: number;
  minContentsC: number;
  maxContentsC: number;
  compressorDuty: number;
  compressorStarts: number;
  cyclesPerHour: number;
  relayOverlaps: number;
  networkErrors: number;
  errorPackets: number;
  packets: number;
  pinWrites: number;
  firstError: string;
}

/** The summary of simulateWorld. */
export interface WorldRunSummary {
  durationMs: number;
  packets: number;
  errorPackets: number;
  networkErrors: number;
  pinWrites: number;
  firstError: string;
  /** Per Classify node: every class it sent, `[timeMs, class]`. */
  predictions: Record<string, [number, number][]>;
}

export interface EngineModule {
  version(): string;
  /** .fbp text → JSON text `{ok, graph, problems: [{message, line, column, severity, node?}]}`
   * (ok: no errors; warnings allowed). */
  parseFbp(text: string): string;
  /** NoFlo JSON graph text → the same shape as parseFbp. */
  validateGraph(graphJson: string): string;
  /** NoFlo JSON graph text → JSON `EngineResult<{fbp, lost: string[]}>`. */
  graphToFbp(graphJson: string): string;
  /** Labelled cow-halter accelerometer recording, see core/world/activity_world.h:
   * options JSON `{seed?, durationS?, sampleRateHz?, segments?: [{activity, durationS}]}` →
   * JSON `EngineResult<{sampleRateHz, x, y, z, labels, csv}>`. */
  recordActivity(optionsJson: string): string;
  /** Runs a graph headless against the fridge world like `emflow run` → `{csv, summary}`
   * (the trace as `emflow run --trace` writes it, byte for byte), with ok/error; options JSON
   * `{durationMs, seed?, sampleMs?, ambientC?, initialC?, loadW?, sensor?, doorSchedule?}`;
   * a wrong argument is refused naming it ("simulateFridge: ambientC must be ..."). */
  simulateFridge(
    fbpText: string,
    optionsJson: string,
  ): EngineResult<{ csv: string; summary: FridgeSummary }>;
  /** Runs a graph headless against any world (`world`: fridge, activity, replay, none) like
   * `emflow run --world` → `{ok, error, csv, summary}` (a bad recording: "data:LINE:COLUMN:
   * ..."). Options JSON `{world, data?, seed?, durationMs? (default: the recording's end, else
   * 1 h), sampleMs?}` and the world's own options by key (the fridge's `ambientC`, ...);
   * `summary.predictions[classifyNode]` lists `[timeMs, class]`. */
  simulateWorld(
    fbpText: string,
    optionsJson: string,
  ): EngineResult<{ csv: string; summary: WorldRunSummary }>;
  /** The world registry → JSON text `[{name, description, needsData, inputs: [{name,
   * description}]}]` (fridge, activity, replay, none). */
  listWorlds(): string;
  /** What a world puts on input pins, as a replay CSV: options JSON `{world, seed?,
   * durationMs, pins: ["A0", ...]}` → JSON `EngineResult<{csv}>`. */
  recordWorldPins(optionsJson: string): string;
  /** Fits a model with the engine's own trainers (core/host/train, docs/train.md). X is
   * row-major with nFeatures columns; y holds class labels or regression targets; params use
   * scikit-learn's names plus `model` ("decision_tree", "random_forest", "extra_trees",
   * "gaussian_nb", …). An integer means a count; pass a string such as "0.5" for fractions.
   * `ok`/`error` as every call; `classes` maps class indices back to labels. */
  trainModel(
    X: Float32Array | number[],
    nFeatures: number,
    y: ArrayLike<number>,
    params: Record<string, string | number | boolean | null>,
    progress?: (done: number, total: number) => void,
  ): { ok: boolean; error: string; blob: Uint8Array; classes: Float64Array };
  /** Builds the Arduino sketch zip for a graph, exactly as `emflow export` does
   * (core/host/export, docs/export.md). `sources` maps repository paths such as
   * "core/runtime/network.h" to file text. Refusals (graph too big for the board, …) come
   * back in `errors` with the numbers (`error`: them one a line). */
  exportFirmware(
    graphText: string,
    sourceName: string,
    board: 'uno' | 'mega',
    sources: Record<string, string>,
  ): {
    ok: boolean;
    error: string;
    name: string;
    zip: Uint8Array;
    errors: string[];
    notes?: string[];
  };
  /** `exportFirmware` with the graph's models: each `{id, blob}` a Classify/Regress/
   * AnomalyScore node uses goes into the sketch's flash (PROGMEM). A model node without its
   * model, or models too big for the board, are refused in `errors` with the numbers. */
  exportFirmwareWithModels(
    graphText: string,
    sourceName: string,
    board: 'uno' | 'mega',
    sources: Record<string, string>,
    models: { id: number; blob: Uint8Array }[],
  ): {
    ok: boolean;
    error: string;
    name: string;
    zip: Uint8Array;
    errors: string[];
    /** What the exporter changed on the way: a reserved sketch name renamed, an Uno graph's
     * A0..A5 remapped to the target's A0..A5; with `ok`. */
    notes?: string[];
  };
  /** A graph compiled to the command stream a board running the generic firmware applies
   * (docs/serial-link.md), checked against the capacities from the board's Info frame —
   * `limitsJson` `{maxNodes?, maxEdges?, maxInitials?, firstAnalogPin?}` ("": the host's; firstAnalogPin: A0 as the board's pin number, 14 Uno, 54 Mega 2560); `watch`: live edits
   * that watch every edge, one frame each. All errors, located ("3:14: …"), in `errors`. */
  compileForBoard(
    fbpText: string,
    limitsJson: string,
  ): {
    ok: boolean;
    error: string;
    errors: string[];
    stream: Uint8Array;
    watch: Uint8Array[];
    nodes: { id: number; name: string; component: string }[];
    edges: { src: number; srcPort: number; tgt: number; tgtPort: number }[];
  };
  /** C++ header for a tree model blob, byte-identical to `emflow codegen SOURCE --name NAME`
   * (core/host/codegen). Options JSON `{source?, maxNodes?, maxDepth?}`; `ok`/`error` as every
   * call. */
  generateModelCode(
    blob: Uint8Array,
    name: string,
    optionsJson: string,
  ): { ok: boolean; error: string; code: string };
  /** `optionsJson` of the runtime: `{secret?, label?, id?, componentPrefix?, timeInEvents?,
   * world?: a name of core/sim/world_registry.h, seed?, data?}`. A constructor cannot answer:
   * refused world options leave the defaults and show as status().optionsError. */
  EngineRuntime: new (optionsJson: string) => EngineRuntime;
  ModelRunner: new () => ModelRunner;
  BoardWorld: new () => BoardWorld;
}

declare function createEngine(options?: EngineModuleOptions): Promise<EngineModule>;
export default createEngine;

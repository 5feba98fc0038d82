// Types shared by the engine client, the worker and the app: FBP protocol messages, the
// NoFlo JSON graph, component descriptions, simulation samples, models. No runtime code here.
import type { WorldKind } from './engineConstants.generated';

/** One FBP network protocol message (https://flowbased.github.io/fbp-protocol/). */
export interface FbpMessage<P = Record<string, unknown>> {
  protocol: 'runtime' | 'graph' | 'component' | 'network' | 'trace' | string;
  command: string;
  payload: P;
}

/** A port of a component, as `component:component` messages describe it. */
export interface PortInfo {
  id: string; // lower-case port name used in graphs: "in", "interval"
  type: string; // "boolean", "int", "number", "bang", "all", ...
  description?: string;
  addressable?: boolean; // array port (IN[0], IN[1], ...)
  required?: boolean;
  default?: unknown;
  values?: unknown[];
}

/** A component of the library, as the runtime lists it (`component:list`). */
export interface ComponentInfo {
  name: string; // "HysteresisLatch" (also offered as "core/HysteresisLatch")
  description: string;
  icon?: string;
  subgraph: boolean;
  inPorts: PortInfo[];
  outPorts: PortInfo[];
}

/** A connection end in a NoFlo JSON graph. */
export interface GraphEndpoint {
  process: string;
  port: string;
  index?: number;
}

/** The NoFlo JSON graph (what `fbp`'s parse() returns). */
export interface NoFloGraph {
  caseSensitive?: boolean;
  properties: Record<string, unknown>;
  inports: Record<string, { process: string; port: string; metadata?: Record<string, unknown> }>;
  outports: Record<string, { process: string; port: string; metadata?: Record<string, unknown> }>;
  groups: { name: string; nodes: string[]; metadata?: Record<string, unknown> }[];
  processes: Record<string, { component: string; metadata?: Record<string, unknown> }>;
  connections: (
    | { src: GraphEndpoint; tgt: GraphEndpoint; metadata?: Record<string, unknown> }
    | { data: unknown; tgt: GraphEndpoint; metadata?: Record<string, unknown> }
  )[];
}

/** A located problem in a graph (parse error or validation error). 1-based; 0 = unknown. */
export interface GraphProblem {
  message: string;
  line: number;
  column: number;
  severity: 'error' | 'warning';
  /** The node the problem is about (validator findings), so the app can select it. */
  node?: string;
}

/** Result of parsing `.fbp` text (and validating it against the component library). */
export interface ParseResult {
  ok: boolean; // true when there are no errors (warnings allowed)
  graph: NoFloGraph | null; // null when the text does not parse at all
  problems: GraphProblem[];
}

/** How fast the virtual clock runs: a multiple of real time, or as fast as possible. */
export type Speed = number | 'max';

/** State of the simulation loop that advances the virtual clock. */
export interface SimulationStatus {
  timeMs: number; // virtual time since reset
  running: boolean; // the network is started
  paused: boolean; // the clock is held (step() still advances it)
  speed: Speed;
  world: WorldKind;
}

/** A world of core/sim/world_registry.cpp, generated from it (engineConstants.generated.ts). */
export type { WorldKind } from './engineConstants.generated';

/**
 * Time series recorded from the world, columnar (ready for uPlot): `timeMs[i]` is the
 * virtual time of `series[name][i]`. Fridge series: `airC`, `contentsC` (compartment air and
 * contents temperature), `sensorC` (last thermometer reading), `ambientC`, `loadW`,
 * `doorOpen` (0/1), `compressorOn` (0/1) and `pin<N>` (0/1 level of each digital output pin
 * the graph wrote, e.g. `pin11`). Activity world series: `activity` (the true activity, an
 * index into `ACTIVITIES` of `activities.ts`), `accelXG`, `accelYG`, `accelZG` (the acceleration in g that the
 * analog pins A0..A2 show) and `pin<N>`. Booleans are 0/1 numbers so every series plots.
 */
export interface SampleBatch {
  timeMs: number[];
  series: Record<string, number[]>;
}

/**
 * Pins the graph drove that changed, in time order, columnar (the engine's takePinEvents):
 * `value` is a digital level 0/1, or a PWM duty 0..255 where `pwm` is 1. Only changes are
 * reported. `dropped` counts older changes discarded because nobody took them in time.
 * A board view takes these from any source (the WebAssembly engine, a simulated AVR).
 */
export interface PinEventBatch {
  timeMs: number[];
  pin: number[];
  value: number[];
  pwm: number[];
  dropped: number;
}

/** A world's live inputs by name (core/sim/world_registry.h lists each world's); omitted
 * inputs keep their value. */
export type WorldInputs = Record<string, number | boolean>;

/** Inputs a user may change while the fridge world runs. Omitted fields keep their value. */
export interface FridgeInputs {
  doorOpen?: boolean;
  ambientC?: number;
  loadW?: number;
}

/** A packet seen on a watched edge (from `network:data`), with its virtual time. */
export interface EdgeDataEvent {
  graph: string;
  id: string; // NoFlo edge id, e.g. "timer() OUT -> TRIGGER thermometer()"
  src?: { node: string; port: string; index?: number }; // absent for an initial packet
  tgt: { node: string; port: string; index?: number };
  data: unknown; // number, boolean, null (bang), "[" / "]" for brackets, { error } for errors
  timeMs?: number; // virtual time (present on the worker transport)
}

/** A model blob opened in the engine. */
export interface ModelInfo {
  handle: number;
  kind: number;
  kindName: string;
  nFeatures: number;
  nOutputs: number; // classes for classifiers, 1 for regressors/anomaly scores
  fixedPoint: boolean;
}

/** Batch predictions: one label per row and `nOutputs` values per row (row-major). */
export interface PredictResult {
  labels: Int32Array;
  outputs: Float32Array;
  nOutputs: number;
}

/** Activities of the cow-halter accelerometer world. */
export type Activity = 'lying' | 'standing' | 'walking' | 'grazing' | 'ruminating';

/** A labelled accelerometer recording: 3 axes in g at `sampleRateHz`, one label per sample. */
export interface ActivityRecording {
  sampleRateHz: number;
  x: Float32Array;
  y: Float32Array;
  z: Float32Array;
  labels: Activity[]; // per sample
  csv: string; // "time_s,x_g,y_g,z_g,activity" with a header row
}

/** Options of an activity recording. Segments are drawn at random unless given. */
export interface ActivityOptions {
  seed?: number;
  durationS?: number;
  sampleRateHz?: number; // default 25
  segments?: { activity: Activity; durationS: number }[];
}

/** Options of model code generation (`emflow codegen`). */
export interface CodegenOptions {
  /** The model's file name, quoted in the header's banner (the CLI quotes its MODEL argument's). */
  source?: string;
  /** Decision nodes per generated function (`--max-nodes`, default 200). */
  maxNodes?: number;
  /** Nesting levels per generated function (`--max-depth`, default 16). */
  maxDepth?: number;
}

// The typed command set between the main thread and the engine worker (engine.worker.ts).
// Both sides import these types, so a renamed method or field is a compile error, not a hang.
import type {
  ActivityOptions,
  ActivityRecording,
  CodegenOptions,
  FbpMessage,
  WorldInputs,
  ModelInfo,
  NoFloGraph,
  ParseResult,
  PredictResult,
  SampleBatch,
  PinEventBatch,
  SimulationStatus,
  Speed,
  WorldKind,
} from './types';

/** Engine calls that return one result. `args` and `result` are typed per method. */
export interface EngineMethods {
  parseFbp: { args: [text: string]; result: ParseResult };
  validateGraph: { args: [graph: NoFloGraph]; result: ParseResult };
  graphToFbp: { args: [graph: NoFloGraph]; result: string };
  setSpeed: { args: [speed: Speed]; result: SimulationStatus };
  pause: { args: []; result: SimulationStatus };
  resume: { args: []; result: SimulationStatus };
  step: { args: [ms: number]; result: SimulationStatus };
  reset: {
    args: [options: { world?: WorldKind; seed?: number; data?: string }];
    result: SimulationStatus;
  };
  setWorldInputs: { args: [inputs: WorldInputs]; result: SimulationStatus };
  setSampleInterval: { args: [ms: number]; result: SimulationStatus };
  status: { args: []; result: SimulationStatus };
  openModel: { args: [blob: Uint8Array]; result: ModelInfo };
  predict: { args: [handle: number, features: Float32Array, rows: number]; result: PredictResult };
  closeModel: { args: [handle: number]; result: null };
  putModel: { args: [id: number, blob: Uint8Array]; result: null };
  recordActivity: { args: [options: ActivityOptions]; result: ActivityRecording };
  generateModelCode: {
    args: [blob: Uint8Array, name: string, options?: CodegenOptions];
    result: string;
  };
}
export type EngineMethod = keyof EngineMethods;

/** Main thread → worker. */
export type ToWorker =
  | { type: 'fbp'; message: FbpMessage }
  | { type: 'call'; id: number; method: EngineMethod; args: unknown[] };

/** Worker → main thread. */
export type FromWorker =
  | { type: 'ready'; version: string }
  | { type: 'fatal'; message: string } // the engine could not start (or crashed)
  | { type: 'fbp'; message: FbpMessage }
  | { type: 'result'; id: number; ok: true; value: unknown }
  | { type: 'result'; id: number; ok: false; error: string }
  | { type: 'status'; status: SimulationStatus }
  | { type: 'samples'; batch: SampleBatch }
  | { type: 'pins'; batch: PinEventBatch };

// Public API of the emflow engine client. The app imports only from here.
//
//   const engine = await EngineClient.startWorker();          // WebAssembly in a Web Worker
//   engine.on('data', (e) => ...);                             // packets on watched edges
//   engine.on('samples', (batch) => plot(batch));              // world time series (uPlot-ready)
//   const parsed = await engine.parseFbp(text);                // graph + located problems
//   await engine.loadGraph(parsed.graph!, 'main');             // graph:clear + addnode/addedge/...
//   await engine.start(); await engine.setSpeed(100);          // run at 100x real time
//   await engine.setWorldInputs({ doorOpen: true });
//   await engine.reset({ world: 'activity', seed: 3 });      // cow halter on A0..A2 instead
//
// Over WebSocket (`EngineClient.connect('ws://localhost:3569', { secret })`) only the FBP
// protocol methods work (send, request, loadGraph, start, stop, listComponents, on('fbp'|'data'));
// engine calls (parseFbp, models, simulation speed) need the worker transport.
export { EngineClient, EngineError } from './client';
export { ACTIVITIES, activityAt } from './activities';
export { WORLD_KINDS, WORLD_NAMES } from './engineConstants.generated';
export type { EngineEvents, StartWorkerOptions, ConnectOptions } from './client';
export type { Transport } from './transport';
export { WorkerTransport, WebSocketTransport, InProcessTransport } from './transport';
export { ENGINE_MODULE_PATH, engineModuleUrl } from './paths';
export { EngineHost } from './engine-host';
export type { EngineHostOptions } from './engine-host';
export type {
  Activity,
  ActivityOptions,
  ActivityRecording,
  ComponentInfo,
  EdgeDataEvent,
  FbpMessage,
  FridgeInputs,
  WorldInputs,
  GraphEndpoint,
  GraphProblem,
  ModelInfo,
  NoFloGraph,
  ParseResult,
  PortInfo,
  PredictResult,
  SampleBatch,
  PinEventBatch,
  SimulationStatus,
  Speed,
  WorldKind,
} from './types';
export type { EngineMethod, EngineMethods, FromWorker, ToWorker } from './worker-protocol';

// Web Worker entry: loads the WebAssembly engine from public/engine/ and serves the worker
// protocol (worker-protocol.ts) over postMessage. Messages that arrive while the module is
// still loading are kept and handled once it is ready.
import type { EngineModule } from '../../../wasm/emflow-engine';
import { EngineHost } from './engine-host';
import { importEngine } from './engineLoader';
import { engineModuleUrl } from './paths';
import type { FromWorker, ToWorker } from './worker-protocol';

const scope = self as unknown as {
  postMessage(message: FromWorker): void;
  onmessage: ((event: MessageEvent<ToWorker>) => void) | null;
};
const early: ToWorker[] = [];
scope.onmessage = (event) => early.push(event.data);

async function start(): Promise<void> {
  const module = await importEngine<EngineModule>(engineModuleUrl());
  const host = new EngineHost(module);
  host.setSink((message) => scope.postMessage(message));
  scope.onmessage = (event) => host.receive(event.data);
  for (const message of early.splice(0)) host.receive(message);
}

start().catch((error: unknown) => {
  const text = error instanceof Error ? error.message : String(error);
  scope.postMessage({ type: 'fatal', message: `engine failed to load: ${text}` });
});

// One of the notebook's fit workers (fitPool.ts): its own WebAssembly engine instance, loaded
// on its first fit, trains the models a sweep asks for and hands each back through shared
// memory (fitShared.ts), because the kernel waiting for it cannot receive messages.
/// <reference lib="webworker" />
import type { KernelEngine } from './kernel';
import { importEngine } from '../engine/engineLoader';
import {
  BLOB,
  DONE,
  FAILED,
  LENGTH,
  OUTCOME,
  SIGNAL,
  STATE,
  TOO_BIG,
  slotWord,
  trainingRows,
  type ToFitWorker,
} from './fitShared';

let control: Int32Array | null = null;
let result: Uint8Array | null = null;
let slot = 0;
let engineUrl = '';
let engine: Promise<KernelEngine> | null = null;
const data = new Map<number, { x: Float64Array; nFeatures: number }>();
let queue: Promise<void> = Promise.resolve();

function loadEngine(): Promise<KernelEngine> {
  engine ??= (async () => {
    const loaded = await importEngine<KernelEngine>(engineUrl);
    if (!loaded.trainModel) throw new Error('this engine build has no trainer');
    return loaded;
  })();
  return engine;
}

/** Publishes an outcome in this worker's slot and wakes the kernel. */
function finish(outcome: number, bytes: Uint8Array, length = bytes.length) {
  if (!control || !result) return;
  if (outcome !== TOO_BIG) result.set(bytes);
  Atomics.store(control, slotWord(slot, LENGTH), length);
  Atomics.store(control, slotWord(slot, OUTCOME), outcome);
  Atomics.store(control, slotWord(slot, STATE), DONE);
  Atomics.add(control, SIGNAL, 1);
  Atomics.notify(control, SIGNAL);
}

function failed(message: string) {
  const bytes = new TextEncoder().encode(message);
  finish(FAILED, bytes.subarray(0, result ? Math.min(bytes.length, result.length) : 0));
}

async function fit(message: Extract<ToFitWorker, { type: 'fit' }>) {
  try {
    const set = data.get(message.dataId);
    if (!set) throw new Error(`fit worker ${slot}: data set ${message.dataId} never arrived`);
    const { x, nFeatures } = set;
    const trained = (await loadEngine()).trainModel!(
      trainingRows(x, nFeatures, message.rows),
      nFeatures,
      message.y,
      message.params,
      undefined,
    );
    if (!trained.ok) return failed(trained.error);
    if (!result || trained.blob.length > result.length)
      return finish(TOO_BIG, trained.blob, trained.blob.length);
    finish(BLOB, trained.blob);
  } catch (error) {
    failed(error instanceof Error ? error.message : String(error));
  }
}

onmessage = (event: MessageEvent<ToFitWorker>) => {
  const message = event.data;
  if (message.type === 'init') {
    control = new Int32Array(message.control);
    result = new Uint8Array(message.result);
    slot = message.slot;
    engineUrl = message.engineUrl;
  } else if (message.type === 'data') {
    data.clear(); // one sweep's data set at a time
    data.set(message.id, { x: message.x, nFeatures: message.nFeatures });
  } else {
    queue = queue.then(() => fit(message)); // one at a time, after the data set it names
  }
};

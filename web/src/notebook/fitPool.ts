// A sweep's fits on every core: a pool of Web Workers (fit.worker.ts), each with its own
// WebAssembly engine instance, run by the notebook's kernel. Python calls fitMany
// synchronously (emflow.model_sweep, through the kernel's bridge), so fitMany blocks the
// kernel's worker in Atomics.wait; the fit workers hand their blobs back through shared
// memory (fitShared.ts). Needs SharedArrayBuffer, i.e. a cross-origin isolated page.
import {
  BLOB,
  BUSY,
  DONE,
  FAILED,
  IDLE,
  LENGTH,
  OUTCOME,
  RESULT_BYTES,
  SIGNAL,
  STATE,
  controlWords,
  slotWord,
  type FitRequest,
  type ToFitWorker,
} from './fitShared';

export type { FitRequest } from './fitShared';

export type FitOutcome = { blob: Uint8Array } | { error: string };

export interface FitWorker {
  postMessage(message: ToFitWorker): void;
  terminate(): void;
}

/** How often a blocked kernel looks at the interrupt buffer while no fit ends. */
const INTERRUPT_POLL_MS = 100;

export class FitPool {
  private readonly workers: FitWorker[];
  /** The shared memory, made at the first fitMany (a kernel that never sweeps never has it). */
  private control: Int32Array | null = null;
  private results: Uint8Array[] = [];
  private dataId = 0;

  /**
   * @param size workers (each loads its engine on its first fit)
   * @param spawn creates one fit worker; it is created now, because a worker created while
   *   its parent is blocked does not start until the parent yields
   * @param engineUrl where the workers import the engine from
   * @param refit fits one request in the kernel itself (a blob too big to hand back)
   */
  constructor(
    readonly size: number,
    private readonly spawn: () => FitWorker,
    private readonly engineUrl: string,
    private readonly refit: (x: Float64Array, nFeatures: number, request: FitRequest) => FitOutcome,
  ) {
    this.workers = Array.from({ length: size }, () => this.spawn());
  }

  /** The control array, after handing every worker its slot of shared memory. */
  private shared(): Int32Array {
    if (this.control) return this.control;
    this.control = new Int32Array(new SharedArrayBuffer(4 * controlWords(this.size)));
    this.results = this.workers.map(() => new Uint8Array(new SharedArrayBuffer(RESULT_BYTES)));
    this.workers.forEach((worker, slot) => this.init(worker, slot));
    return this.control;
  }

  private init(worker: FitWorker, slot: number) {
    const control = this.control!;
    Atomics.store(control, slotWord(slot, STATE), IDLE);
    worker.postMessage({
      type: 'init',
      control: control.buffer as SharedArrayBuffer,
      slot,
      result: this.results[slot].buffer as SharedArrayBuffer,
      engineUrl: this.engineUrl,
    });
  }

  /** Ends a worker in the middle of a fit (a WebAssembly call cannot be cancelled) and puts a
   * fresh one in its slot; the fresh one starts when the kernel next yields. */
  private replace(slot: number) {
    this.workers[slot].terminate();
    this.workers[slot] = this.spawn();
    this.init(this.workers[slot], slot);
  }

  /**
   * Runs every request, as many at once as there are workers, and calls onFit(index, outcome)
   * as each ends (in any order; onFit may throw, which ends the run). `interrupted` is polled
   * while waiting: when it says so, the fits still running are abandoned and fitMany returns
   * true. Returns false when every fit ended.
   */
  fitMany(
    x: Float64Array,
    nFeatures: number,
    requests: FitRequest[],
    onFit: (index: number, outcome: FitOutcome) => void,
    interrupted: () => boolean,
  ): boolean {
    const control = this.shared();
    const dataId = ++this.dataId;
    for (const worker of this.workers)
      worker.postMessage({ type: 'data', id: dataId, x, nFeatures });
    const running: (number | null)[] = Array.from({ length: this.size }, () => null);
    let next = 0;
    const dispatch = (slot: number) => {
      if (next >= requests.length) return;
      const { params, rows, y } = requests[next];
      running[slot] = next++;
      Atomics.store(control, slotWord(slot, STATE), BUSY);
      this.workers[slot].postMessage({
        type: 'fit',
        dataId,
        params,
        rows: Int32Array.from(rows),
        y: Float64Array.from(y),
      });
    };
    const abandon = () => {
      running.forEach((index, slot) => index !== null && this.replace(slot));
      running.fill(null);
    };
    for (let slot = 0; slot < this.size; slot++) dispatch(slot);
    try {
      while (running.some((index) => index !== null)) {
        const signal = Atomics.load(control, SIGNAL);
        let ended = false;
        for (let slot = 0; slot < this.size; slot++) {
          const index = running[slot];
          if (index === null || Atomics.load(control, slotWord(slot, STATE)) !== DONE) continue;
          ended = true;
          const outcome = this.take(slot, x, nFeatures, requests[index]);
          running[slot] = null;
          Atomics.store(control, slotWord(slot, STATE), IDLE);
          dispatch(slot); // the worker goes on while Python looks at this outcome
          onFit(index, outcome);
        }
        if (interrupted()) {
          abandon();
          return true;
        }
        if (!ended) Atomics.wait(control, SIGNAL, signal, INTERRUPT_POLL_MS);
      }
    } catch (error) {
      abandon();
      throw error;
    }
    return false;
  }

  /** Copies a finished slot's outcome out of shared memory. */
  private take(slot: number, x: Float64Array, nFeatures: number, request: FitRequest): FitOutcome {
    const control = this.shared();
    const length = Atomics.load(control, slotWord(slot, LENGTH));
    const kind = Atomics.load(control, slotWord(slot, OUTCOME));
    if (kind === BLOB) return { blob: this.results[slot].slice(0, length) };
    if (kind === FAILED)
      return { error: new TextDecoder().decode(this.results[slot].slice(0, length)) };
    return this.refit(x, nFeatures, request); // TOO_BIG
  }
}

/** Workers for this machine: one per core, at most 6 (each engine instance takes 32 MB). */
export function fitPoolSize(cores: number | undefined): number {
  return Math.max(1, Math.min(6, cores ?? 2));
}

// The main thread's handle on the Python worker: start, run cells (outputs stream in),
// interrupt, restart. Interrupting uses a SharedArrayBuffer when the page is cross-origin
// isolated (COOP/COEP headers); otherwise the only way to stop Python is to end the worker,
// so interrupt() restarts it and says so.
import { engineModuleUrl } from '../engine/paths';
import type { FromKernel, KernelStartOptions, ToKernel } from './kernel-protocol';
import type { CellOutput } from './outputs';
import { packageIndexUrl } from './settings';

export type KernelState =
  | { phase: 'starting' }
  | {
      phase: 'ready';
      busy: boolean;
      pythonVersion: string;
      pyodideVersion: string;
      engineError: string | null;
    }
  | { phase: 'failed'; message: string };

interface Pending {
  onOutput: (o: CellOutput) => void;
  resolve: (r: { ok: boolean; executionCount: number; error?: string }) => void;
}

/** Where the app's static files (pyodide/, py/, engine/) are served: the app's base URL. */
function appUrl(path: string, base: string): string {
  return new URL(`${base}${path}`, self.location.origin).href;
}

export class KernelClient {
  private worker: Worker | null = null;
  private pending = new Map<number, Pending>();
  private nextId = 1;
  private interruptFlag: Int32Array | null = null;
  private listeners = new Set<(s: KernelState) => void>();
  state: KernelState = { phase: 'starting' };

  constructor(private readonly appBase: string = import.meta.env?.BASE_URL ?? '/') {}

  /** True when interrupt() can stop a cell without losing Python's state. */
  get canInterruptInPlace(): boolean {
    return typeof SharedArrayBuffer !== 'undefined' && globalThis.crossOriginIsolated === true;
  }

  subscribe(listener: (s: KernelState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private setState(state: KernelState) {
    this.state = state;
    for (const l of this.listeners) l(state);
  }

  start(): void {
    this.setState({ phase: 'starting' });
    // [0]: Pyodide's interrupt signal; [1]: the last request id an interrupt cancels (cells
    // still queued behind the running one are not run: see kernel.worker.ts).
    const buffer = this.canInterruptInPlace ? new SharedArrayBuffer(8) : null;
    this.interruptFlag = buffer ? new Int32Array(buffer) : null;
    const worker = new Worker(new URL('./kernel.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (e: MessageEvent<FromKernel>) => this.receive(e.data);
    worker.onerror = (e) => this.fail(`the Python worker crashed: ${e.message || 'unknown error'}`);
    this.worker = worker;
    const options: KernelStartOptions = {
      pyodideUrl: appUrl('pyodide/', this.appBase),
      packageIndexUrl: packageIndexUrl(),
      emflowZipUrl: appUrl('py/emflow.zip', this.appBase),
      engineUrl: engineModuleUrl(this.appBase),
      interruptBuffer: buffer,
    };
    this.send({ type: 'start', options });
  }

  private send(message: ToKernel, transfer: Transferable[] = []) {
    this.worker?.postMessage(message, transfer);
  }

  private receive(message: FromKernel) {
    switch (message.type) {
      case 'ready':
        this.setState({ phase: 'ready', busy: false, ...message });
        return;
      case 'startFailed':
        this.fail(message.message);
        return;
      case 'output':
        this.pending.get(message.id)?.onOutput(message.output);
        return;
      case 'done': {
        const p = this.pending.get(message.id);
        this.pending.delete(message.id);
        p?.resolve(message);
        this.markBusy();
      }
    }
  }

  private markBusy() {
    if (this.state.phase === 'ready') this.setState({ ...this.state, busy: this.pending.size > 0 });
  }

  private fail(message: string) {
    this.setState({ phase: 'failed', message });
    this.rejectPending(message);
  }

  private rejectPending(error: string) {
    for (const p of this.pending.values()) p.resolve({ ok: false, executionCount: 0, error });
    this.pending.clear();
  }

  private request(
    message: Exclude<ToKernel, { type: 'start' }>,
    onOutput: (o: CellOutput) => void = () => {},
    transfer: Transferable[] = [],
  ) {
    return new Promise<{ ok: boolean; executionCount: number; error?: string }>((resolve) => {
      this.pending.set(message.id, { onOutput, resolve });
      this.markBusy();
      this.send(message, transfer);
    });
  }

  run(code: string, onOutput: (o: CellOutput) => void) {
    if (this.interruptFlag) Atomics.store(this.interruptFlag, 0, 0);
    return this.request({ type: 'run', id: this.nextId++, code }, onOutput);
  }

  writeFile(path: string, bytes: Uint8Array) {
    return this.request({ type: 'writeFile', id: this.nextId++, path, bytes });
  }

  /** Stops the running cell: KeyboardInterrupt in place, or a restart (returns 'restarted'). */
  interrupt(): 'interrupted' | 'restarted' {
    if (this.interruptFlag) {
      Atomics.store(this.interruptFlag, 1, this.nextId - 1); // queued cells are cancelled too
      Atomics.store(this.interruptFlag, 0, 2); // 2 = SIGINT
      return 'interrupted';
    }
    this.restart(
      'interrupted: Python was restarted (in-place interrupt needs a cross-origin isolated page)',
    );
    return 'restarted';
  }

  /** Ends the worker (variables are lost) and starts a fresh one. */
  restart(reason = 'Python was restarted'): void {
    this.worker?.terminate();
    this.worker = null;
    this.rejectPending(reason);
    this.start();
  }

  dispose(): void {
    this.worker?.terminate();
    this.worker = null;
    this.rejectPending('the notebook was closed');
    this.listeners.clear();
  }
}

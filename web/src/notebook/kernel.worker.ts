// The notebook's Python, in a module Web Worker: Pyodide from the app's own files, the emflow
// package from emflow.zip, and the WebAssembly engine for the built-in trainer and evaluation.
/// <reference lib="webworker" />
import type { PyodideInterface } from 'pyodide';
import { PythonKernel, type KernelEngine } from './kernel';
import type { FromKernel, KernelStartOptions, ToKernel } from './kernel-protocol';
import { FitPool, fitPoolSize } from './fitPool';
import { importEngine } from '../engine/engineLoader';

const post = (message: FromKernel) => postMessage(message);
let kernel: PythonKernel | null = null;
let queue: Promise<unknown> = Promise.resolve();
// The interrupt buffer shared with the page: [0] Pyodide's signal, [1] the last request id an
// interrupt cancelled. Interrupt stops the running cell and the cells queued behind it — else a
// click while an earlier cell is finishing would be spent on that cell and the next one (an
// endless loop, say) would run on.
let interrupt: Int32Array | null = null;

async function fetchBytes(url: string, what: string): Promise<Uint8Array> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${what} not found at ${url} (HTTP ${response.status})`);
  return new Uint8Array(await response.arrayBuffer());
}

/** A sweep's fits run on one engine worker per core; that needs SharedArrayBuffer (the kernel
 * waits for them in Atomics.wait). Without it, sweeps fit one candidate after another. */
function fitPool(engineUrl: string): FitPool | null {
  if (typeof SharedArrayBuffer === 'undefined' || !self.crossOriginIsolated) return null;
  return new FitPool(
    fitPoolSize(navigator.hardwareConcurrency),
    () => new Worker(new URL('./fit.worker.ts', import.meta.url), { type: 'module' }),
    engineUrl,
    (x, nFeatures, request) =>
      kernel ? kernel.refit(x, nFeatures, request) : { error: 'Python is not running' },
  );
}

async function start(options: KernelStartOptions) {
  try {
    let engineError: string | null = null;
    // The engine and the package download while Pyodide starts.
    const engine = importEngine<KernelEngine>(options.engineUrl).catch((e: unknown) => {
      engineError = e instanceof Error ? e.message : String(e);
      return null;
    });
    const emflowZip = fetchBytes(
      options.emflowZipUrl,
      'the emflow Python package (run scripts/copy-pyodide.sh)',
    );
    emflowZip.catch(() => {}); // reported where it is awaited, once Pyodide is up
    const pyodideModule = (await import(/* @vite-ignore */ `${options.pyodideUrl}pyodide.mjs`)) as {
      loadPyodide: (o: object) => Promise<PyodideInterface>;
    };
    kernel = await PythonKernel.start({
      loadPyodide: (o) => pyodideModule.loadPyodide(o),
      indexURL: options.pyodideUrl,
      packageIndexUrl: options.packageIndexUrl,
      engine,
      emflowZip,
      fitPool: fitPool(options.engineUrl),
    });
    if (options.interruptBuffer) {
      interrupt = new Int32Array(options.interruptBuffer);
      kernel.setInterruptBuffer(interrupt);
    }
    const pythonVersion = kernel.pyodide.runPython('import sys; sys.version.split()[0]') as string;
    post({ type: 'ready', pythonVersion, pyodideVersion: kernel.version, engineError });
  } catch (e) {
    post({ type: 'startFailed', message: e instanceof Error ? e.message : String(e) });
  }
}

onmessage = (event: MessageEvent<ToKernel>) => {
  const message = event.data;
  if (message.type === 'start') {
    void start(message.options);
    return;
  }
  // Cells run one after another, in the order they were asked for.
  queue = queue.then(async () => {
    if (!kernel) {
      post({
        type: 'done',
        id: message.id,
        ok: false,
        executionCount: 0,
        error: 'Python is not running',
      });
      return;
    }
    if (message.type === 'run' && interrupt && message.id <= Atomics.load(interrupt, 1)) {
      Atomics.store(interrupt, 0, 0); // spent on this cell, which never starts
      post({
        type: 'output',
        id: message.id,
        output: {
          type: 'error',
          ename: 'KeyboardInterrupt',
          evalue: 'interrupted before this cell started',
          traceback: 'KeyboardInterrupt: interrupted before this cell started',
        },
      });
      post({ type: 'done', id: message.id, ok: false, executionCount: 0 });
      return;
    }
    if (message.type === 'run') {
      const result = await kernel.run(message.code, (output) =>
        post({ type: 'output', id: message.id, output }),
      );
      post({ type: 'done', id: message.id, ...result });
    } else {
      try {
        kernel.writeFile(message.path, message.bytes);
        post({ type: 'done', id: message.id, ok: true, executionCount: 0 });
      } catch (e) {
        post({ type: 'done', id: message.id, ok: false, executionCount: 0, error: String(e) });
      }
    }
  });
};

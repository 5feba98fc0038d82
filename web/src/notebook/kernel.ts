// The Python kernel: Pyodide plus the emflow package and the bridge to the WebAssembly engine.
// Framework-free so that the same code runs in the browser's module worker (kernel.worker.ts)
// and in Node for the Vitest tests (kernel.node.test.ts).
import type { PyodideInterface } from 'pyodide';
import type { EngineModule, ModelRunner } from '../../../wasm/emflow-engine';
import emflowNbSource from './python/emflow_nb.py?raw';
import emflowBackendSource from './python/emflow_backend.py?raw';
import { bytesToBase64, base64ToBytes, parseStructuredOutput, type CellOutput } from './outputs';
import { engineResult } from '../engine/wire';
import type { FitOutcome, FitPool, FitRequest } from './fitPool';
import { trainingRows } from './fitShared';

/** The engine functions the kernel uses (trainModel comes from wasm/bindings_train.cpp). */
export interface KernelEngine extends Pick<EngineModule, 'ModelRunner' | 'recordActivity'> {
  trainModel?: (
    X: Float64Array,
    nFeatures: number,
    y: Float64Array,
    params: Record<string, unknown>,
    progress: ((done: number, total: number) => void) | undefined,
  ) => { ok: boolean; error: string; blob: Uint8Array; classes: Float64Array };
}

export interface KernelOptions {
  loadPyodide: (options: {
    indexURL?: string;
    packageBaseUrl?: string;
    stdout?: (s: string) => void;
    stderr?: (s: string) => void;
  }) => Promise<PyodideInterface>;
  /** Where the Pyodide core is (the served folder or node_modules/pyodide/). */
  indexURL?: string;
  /** Package index for numpy/scikit-learn wheels (build-time or settings value). */
  packageIndexUrl: string;
  /** The engine, or null when it failed to load (training and evaluation then say so). */
  engine: KernelEngine | null;
  /** python/emflow packaged as a zip (web/public/py/emflow.zip). */
  emflowZip: Uint8Array;
  /** Engine workers for a sweep's fits (fitPool.ts); none without SharedArrayBuffer. */
  fitPool?: FitPool | null;
}

/** Start-up options; the engine and the package may still be loading while Pyodide starts. */
export interface KernelStartupOptions extends Omit<KernelOptions, 'engine' | 'emflowZip'> {
  engine: KernelEngine | null | Promise<KernelEngine | null>;
  emflowZip: Uint8Array | Promise<Uint8Array>;
}

export interface RunResult {
  ok: boolean;
  executionCount: number;
}

export const ENGINE_MISSING =
  'the WebAssembly engine is not loaded (build it with scripts/build-wasm.sh), so models can ' +
  'neither be trained by the built-in trainer nor evaluated';

/** Drops Pyodide's own frames (its runner) from a traceback so the user sees their code. */
export function cleanTraceback(text: string): string {
  const lines = text.split('\n');
  const firstCell = lines.findIndex((l) => /File "<cell/.test(l) || /File "\/home/.test(l));
  if (firstCell <= 1) return text.trimEnd();
  return [lines[0], ...lines.slice(firstCell)].join('\n').trimEnd();
}

export class PythonKernel {
  private executionCount = 0;
  private emit: (output: CellOutput) => void = () => {};
  private runner: ModelRunner | null = null;
  private interruptBuffer: Int32Array | Uint8Array | null = null;

  private constructor(
    readonly pyodide: PyodideInterface,
    private readonly options: KernelOptions,
  ) {}

  static async start(startup: KernelStartupOptions): Promise<PythonKernel> {
    let kernel: PythonKernel | null = null;
    const pyodide = await startup.loadPyodide({
      indexURL: startup.indexURL,
      packageBaseUrl: startup.packageIndexUrl,
      stdout: (s) => kernel?.emit({ type: 'stream', name: 'stdout', text: `${s}\n` }),
      stderr: (s) => kernel?.emit({ type: 'stream', name: 'stderr', text: `${s}\n` }),
    });
    const [engine, emflowZip] = await Promise.all([startup.engine, startup.emflowZip]);
    kernel = new PythonKernel(pyodide, { ...startup, engine, emflowZip });
    kernel.install();
    return kernel;
  }

  get version(): string {
    return this.pyodide.version;
  }

  /** Runs one cell; outputs arrive through `emit` while it runs. */
  async run(code: string, emit: (output: CellOutput) => void): Promise<RunResult> {
    this.executionCount += 1;
    const count = this.executionCount;
    this.emit = emit;
    try {
      const value = await this.pyodide.runPythonAsync(code, { filename: `<cell ${count}>` });
      if (value !== undefined && value !== null) {
        const text = this.repr(value);
        if (text !== null) emit({ type: 'result', text });
      }
      return { ok: true, executionCount: count };
    } catch (e) {
      emit(this.errorOutput(e));
      return { ok: false, executionCount: count };
    } finally {
      this.emit = () => {};
    }
  }

  /** Writes a file (e.g. an uploaded CSV) into the notebook's filesystem. */
  writeFile(path: string, bytes: Uint8Array): void {
    const dir = path.split('/').slice(0, -1).join('/');
    if (dir) this.pyodide.FS.mkdirTree(dir);
    this.pyodide.FS.writeFile(path, bytes);
  }

  /** Interrupts running Python through a SharedArrayBuffer (needs cross-origin isolation). */
  setInterruptBuffer(buffer: Int32Array | Uint8Array): void {
    this.interruptBuffer = buffer;
    this.pyodide.setInterruptBuffer(buffer);
  }

  /** Whether Interrupt was pressed while Python waited in JavaScript (a sweep's fit pool):
   * takes the request, which then ends the sweep in Python's own words instead of a
   * KeyboardInterrupt at an arbitrary line. */
  private takeInterrupt(): boolean {
    const buffer = this.interruptBuffer;
    if (!buffer || Atomics.load(buffer, 0) === 0) return false;
    Atomics.store(buffer, 0, 0);
    return true;
  }

  private repr(value: unknown): string | null {
    const proxy = value as { toString?: () => string; destroy?: () => void; type?: string };
    if (typeof value === 'object' && proxy.destroy) {
      const builtins = this.pyodide.globals.get('repr') as (v: unknown) => string;
      const text = builtins(value);
      proxy.destroy();
      return text;
    }
    if (typeof value === 'string') return `'${value}'`;
    // Python's bools arrive as JavaScript booleans: show them as Python writes them.
    if (typeof value === 'boolean') return value ? 'True' : 'False';
    return String(value);
  }

  private errorOutput(e: unknown): CellOutput {
    const error = e as { type?: string; message?: string };
    const traceback = cleanTraceback(error.message ?? String(e));
    const lastLine = traceback.split('\n').filter(Boolean).pop() ?? '';
    const colon = lastLine.indexOf(':');
    return {
      type: 'error',
      ename: error.type ?? (colon > 0 ? lastLine.slice(0, colon) : 'Error'),
      evalue: colon > 0 ? lastLine.slice(colon + 1).trim() : lastLine,
      traceback,
    };
  }

  /** Unpacks emflow into site-packages, registers the JS bridge and the helper modules. */
  private install(): void {
    const py = this.pyodide;
    py.unpackArchive(this.options.emflowZip, 'zip', { extractDir: '/home/pyodide/lib' });
    py.registerJsModule('emflow_host', this.bridge());
    py.FS.writeFile('/home/pyodide/lib/emflow_nb.py', emflowNbSource);
    py.FS.writeFile('/home/pyodide/lib/emflow_backend.py', emflowBackendSource);
    py.runPython(`
import sys
sys.path.insert(0, "/home/pyodide/lib")
import emflow.train, emflow_backend
emflow.train.set_default_backend(emflow_backend.WasmEngineBackend())
`);
  }

  private bridge() {
    return {
      emit: (json: string) => this.emit(parseStructuredOutput(json)),
      load_packages: (namesJson: string) => this.loadPackages(JSON.parse(namesJson) as string[]),
      engine_train: (paramsJson: string, xJson: string, nFeatures: number, yJson: string) =>
        JSON.stringify(this.train(paramsJson, xJson, nFeatures, yJson)),
      fit_pool_size: () => this.options.fitPool?.size ?? 0,
      engine_fit_many: (
        xJson: string,
        nFeatures: number,
        requestsJson: string,
        onFit: (index: number, blob64: string, error: string) => void,
      ) => JSON.stringify(this.fitMany(xJson, nFeatures, requestsJson, onFit)),
      engine_predict: (blob64: string, rowsJson: string) =>
        JSON.stringify(this.predict(blob64, rowsJson)),
      record_activity: (optionsJson: string) =>
        this.options.engine
          ? this.options.engine.recordActivity(optionsJson)
          : JSON.stringify({ ok: false, error: ENGINE_MISSING }),
    };
  }

  /** Pyodide's loadPackage resolves even when downloads fail: the error callback tells. */
  private async loadPackages(names: string[]): Promise<string> {
    const errors: string[] = [];
    const indexUrl = this.options.packageIndexUrl;
    // Progress in words: this line at once, then Pyodide's own per-package messages.
    this.emit({
      type: 'stream',
      name: 'stderr',
      text: `Loading ${names.join(', ')} from ${indexUrl} …\n`,
    });
    try {
      await this.pyodide.loadPackage(names, {
        messageCallback: (m: string) =>
          this.emit({ type: 'stream', name: 'stderr', text: `${m}\n` }),
        errorCallback: (m: string) => errors.push(m),
        checkIntegrity: true,
      });
    } catch (e) {
      errors.push(e instanceof Error ? e.message : String(e));
    }
    const loaded = Object.keys(this.pyodide.loadedPackages);
    const missing = names.filter((n) => !loaded.includes(n));
    const ok = errors.length === 0 && missing.length === 0;
    const error = errors.length
      ? errors.join(' ')
      : missing.length
        ? `not loaded: ${missing.join(', ')}`
        : '';
    return JSON.stringify({ ok, error: oneLine(error), indexUrl, version: this.version });
  }

  private train(paramsJson: string, xJson: string, nFeatures: number, yJson: string) {
    const outcome = this.trainRows(
      new Float64Array(JSON.parse(xJson) as number[]),
      nFeatures,
      new Float64Array(JSON.parse(yJson) as number[]),
      JSON.parse(paramsJson) as Record<string, unknown>,
    );
    return 'error' in outcome ? outcome : { error: '', blob: bytesToBase64(outcome.blob) };
  }

  private trainRows(
    x: Float64Array,
    nFeatures: number,
    y: Float64Array,
    params: Record<string, unknown>,
  ): FitOutcome {
    const engine = this.options.engine;
    if (!engine?.trainModel) return { error: ENGINE_MISSING };
    const result = engine.trainModel(x, nFeatures, y, params, undefined);
    return result.ok ? { blob: result.blob } : { error: result.error };
  }

  /** A sweep's fits on the pool of engine workers; onFit (Python) gets each as it ends, with
   * '' for the blob or the error it lacks (a JavaScript null would reach Python as jsnull). */
  private fitMany(
    xJson: string,
    nFeatures: number,
    requestsJson: string,
    onFit: (index: number, blob64: string, error: string) => void,
  ) {
    const pool = this.options.fitPool;
    if (!pool) return { error: 'no fit workers (the page is not cross-origin isolated)' };
    const x = new Float64Array(JSON.parse(xJson) as number[]);
    const interrupted = pool.fitMany(
      x,
      nFeatures,
      JSON.parse(requestsJson) as FitRequest[],
      (index, outcome) =>
        'blob' in outcome
          ? onFit(index, bytesToBase64(outcome.blob), '')
          : onFit(index, '', outcome.error || 'the trainer failed without a message'),
      () => this.takeInterrupt(),
    );
    return { error: '', interrupted };
  }

  /** Fits one request of a sweep here (fitPool.ts hands back a blob too big to share). */
  refit(x: Float64Array, nFeatures: number, request: FitRequest): FitOutcome {
    const rows = trainingRows(x, nFeatures, request.rows);
    return this.trainRows(rows, nFeatures, Float64Array.from(request.y), request.params);
  }

  private predict(blob64: string, rowsJson: string) {
    const engine = this.options.engine;
    if (!engine) return { error: ENGINE_MISSING };
    this.runner ??= new engine.ModelRunner();
    let info: { kind: number; kindName: string; nFeatures: number; nOutputs: number };
    try {
      engineResult(this.runner.open(base64ToBytes(blob64)), 'openModel');
      const { kind, kindName, nFeatures, nOutputs } = engineResult(
        this.runner.info(),
        'model info',
      );
      // evaluate() shows the model's role (kindName) beside the agreement.
      info = {
        kind: Number(kind),
        kindName: String(kindName),
        nFeatures: Number(nFeatures),
        nOutputs: Number(nOutputs),
      };
    } catch (error) {
      return { error: error instanceof Error ? error.message : String(error) };
    }
    const rows = JSON.parse(rowsJson) as number[][];
    const flat = new Float32Array(rows.length * info.nFeatures);
    rows.forEach((row, r) => {
      if (row.length !== info.nFeatures) {
        throw new Error(`row ${r} has ${row.length} features, the model takes ${info.nFeatures}`);
      }
      flat.set(row, r * info.nFeatures);
    });
    const result = this.runner.predict(flat, rows.length);
    if (!result.ok) return { error: result.error };
    const outputs: number[][] = [];
    for (let r = 0; r < rows.length; r++) {
      outputs.push(Array.from(result.outputs.subarray(r * info.nOutputs, (r + 1) * info.nOutputs)));
    }
    return { error: '', labels: Array.from(result.labels), outputs, info };
  }
}

/** An error message for a notice: whitespace collapsed, at most 300 characters. */
function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 300 ? `${flat.slice(0, 299)}…` : flat;
}

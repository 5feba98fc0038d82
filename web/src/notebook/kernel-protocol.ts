// Messages between the notebook (main thread) and its Python worker (kernel.worker.ts).
import type { CellOutput } from './outputs';

export interface KernelStartOptions {
  /** Folder of pyodide.mjs & co (absolute URL, ends with '/'). */
  pyodideUrl: string;
  /** Package index for numpy/scipy/scikit-learn wheels. */
  packageIndexUrl: string;
  /** URL of emflow.zip (python/emflow packaged by scripts/copy-pyodide.sh). */
  emflowZipUrl: string;
  /** URL of the engine module emflow-engine.mjs. */
  engineUrl: string;
  /** Shared interrupt flag (Int32Array view); only when the page is cross-origin isolated. */
  interruptBuffer: SharedArrayBuffer | null;
}

export type ToKernel =
  | { type: 'start'; options: KernelStartOptions }
  | { type: 'run'; id: number; code: string }
  | { type: 'writeFile'; id: number; path: string; bytes: Uint8Array };

export type FromKernel =
  | { type: 'ready'; pythonVersion: string; pyodideVersion: string; engineError: string | null }
  | { type: 'startFailed'; message: string }
  | { type: 'output'; id: number; output: CellOutput }
  | { type: 'done'; id: number; ok: boolean; executionCount: number; error?: string };

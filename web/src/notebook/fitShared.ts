// What the notebook's kernel and its fit workers share (fitPool.ts, fit.worker.ts). A sweep's
// Python is synchronous, so the kernel's worker blocks in Atomics.wait while the fits run and
// cannot receive messages: each fit worker writes its outcome into its own shared result
// buffer, marks its slot done and wakes the kernel through one shared signal word.

/** Word 0 of the control array: bumped (and notified) by a worker whenever a fit ends. */
export const SIGNAL = 0;
/** Per worker slot: its state, the outcome's byte length, and what kind of outcome it is. */
export const SLOT_WORDS = 3;
export const STATE = 0;
export const LENGTH = 1;
export const OUTCOME = 2;

export const IDLE = 0;
export const BUSY = 1;
export const DONE = 2;

/** The result buffer holds the model blob. */
export const BLOB = 0;
/** The result buffer holds the trainer's error message (UTF-8). */
export const FAILED = 1;
/** The blob did not fit the result buffer (LENGTH says how big it is): the kernel refits it. */
export const TOO_BIG = 2;

/** Each worker's result buffer: larger models than this are fitted again by the kernel. */
export const RESULT_BYTES = 4 << 20;

export function controlWords(slots: number): number {
  return 1 + slots * SLOT_WORDS;
}

/** The control array's index of a slot's field (STATE, LENGTH or OUTCOME). */
export function slotWord(slot: number, field: number): number {
  return 1 + slot * SLOT_WORDS + field;
}

/** One fit: the engine's trainModel settings, the training rows (indices into the data set)
 * and their targets as the engine takes them (class indices, or values). */
export interface FitRequest {
  params: Record<string, unknown>;
  rows: number[];
  y: number[];
}

/** The rows a fit trains on, copied out of the data set (row-major, nFeatures per row). */
export function trainingRows(x: Float64Array, nFeatures: number, rows: ArrayLike<number>) {
  const out = new Float64Array(rows.length * nFeatures);
  for (let r = 0; r < rows.length; r++)
    out.set(x.subarray(rows[r] * nFeatures, (rows[r] + 1) * nFeatures), r * nFeatures);
  return out;
}

export type ToFitWorker =
  | {
      type: 'init';
      control: SharedArrayBuffer;
      slot: number;
      result: SharedArrayBuffer;
      engineUrl: string;
    }
  | { type: 'data'; id: number; x: Float64Array; nFeatures: number }
  | {
      type: 'fit';
      dataId: number;
      params: Record<string, unknown>;
      rows: Int32Array;
      y: Float64Array;
    };

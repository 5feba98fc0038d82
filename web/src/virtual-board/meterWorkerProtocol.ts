// Messages of the model meter's worker (meter.worker.ts): a model and rows in, progress and the
// measured cycles (or why not) out.
import type { MeterResult } from './modelMeter';

export interface MeterRequest {
  hexUrl: string;
  blob: Uint8Array;
  rows: number[][];
  /** Rows per run of the meter: a progress message after each run (default: one run). */
  rowsPerRun?: number;
}

export type MeterReply = { ok: true; result: MeterResult } | { ok: false; error: string };

/** Sent after each run of the meter when the rows take several, before the reply. */
export interface MeterProgress {
  progress: { done: number; total: number };
}

export type MeterMessage = MeterReply | MeterProgress;

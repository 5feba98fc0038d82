// Messages of the model meter's worker (meter.worker.ts): a model and rows in, the measured
// cycles (or why not) out.
import type { MeterResult } from './modelMeter';

export interface MeterRequest {
  hexUrl: string;
  blob: Uint8Array;
  rows: number[][];
}

export type MeterReply = { ok: true; result: MeterResult } | { ok: false; error: string };

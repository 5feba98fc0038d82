// The world's time series as the simulation records them: columnar arrays that grow as sample
// batches arrive, ready for uPlot, and exportable as CSV.
import type { SampleBatch } from '../engine';

/** Beyond this many samples the oldest half is thinned (every other sample dropped). */
export const MAX_SAMPLES = 100_000;

export interface TraceSeries {
  timeMs: number[];
  series: Record<string, number[]>;
}

export const emptyTrace = (): TraceSeries => ({ timeMs: [], series: {} });

/** Appends a batch (mutating `trace` for speed: samples arrive ~30 times a second). */
export function appendSamples(trace: TraceSeries, batch: SampleBatch): void {
  const before = trace.timeMs.length;
  trace.timeMs.push(...batch.timeMs);
  for (const [name, values] of Object.entries(batch.series)) {
    let column = trace.series[name];
    if (!column) {
      // A series that appears late (a pin written for the first time) starts with gaps.
      column = trace.series[name] = new Array<number>(before).fill(NaN);
    }
    column.push(...values);
  }
  for (const column of Object.values(trace.series)) {
    while (column.length < trace.timeMs.length) column.push(NaN);
  }
  if (trace.timeMs.length > MAX_SAMPLES) thinOldestHalf(trace);
}

function thinOldestHalf(trace: TraceSeries): void {
  const half = Math.floor(trace.timeMs.length / 2);
  const keep = (a: number[]) => [
    ...a.slice(0, half).filter((_, i) => i % 2 === 0),
    ...a.slice(half),
  ];
  trace.timeMs = keep(trace.timeMs);
  for (const name of Object.keys(trace.series)) trace.series[name] = keep(trace.series[name]);
}

/** CSV with a header row: time_s then every series, in a stable order. */
export function traceToCsv(trace: TraceSeries): string {
  const names = Object.keys(trace.series).sort();
  const rows = [['time_s', ...names].join(',')];
  for (let i = 0; i < trace.timeMs.length; i++) {
    const cells = names.map((n) => {
      const v = trace.series[n][i];
      return Number.isFinite(v) ? String(v) : '';
    });
    rows.push([(trace.timeMs[i] / 1000).toString(), ...cells].join(','));
  }
  return rows.join('\n') + '\n';
}

/** Virtual time as h:mm:ss (and days when longer). */
export function formatClock(ms: number): string {
  const total = Math.floor(ms / 1000);
  const d = Math.floor(total / 86400);
  const h = Math.floor((total % 86400) / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const hms = `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
  return d > 0 ? `${d}d ${hms}` : hms;
}

/**
 * At most about `maxPoints` samples for drawing: the trace split into buckets, each kept as its
 * coldest and warmest sample of `key` (in time order), so oscillations keep their extremes.
 * The recorded trace itself (and its CSV) keeps every sample.
 */
export function decimate(trace: TraceSeries, maxPoints: number, key = 'airC'): TraceSeries {
  const n = trace.timeMs.length;
  if (n <= maxPoints) return trace;
  const buckets = Math.max(1, Math.floor(maxPoints / 2));
  const size = n / buckets;
  const ref = trace.series[key];
  const picks: number[] = [];
  for (let b = 0; b < buckets; b++) {
    const from = Math.floor(b * size);
    const to = Math.min(n, Math.floor((b + 1) * size));
    if (to <= from) continue;
    let lo = from;
    let hi = from;
    if (ref) {
      for (let i = from; i < to; i++) {
        if (ref[i] < ref[lo] || !Number.isFinite(ref[lo])) lo = i;
        if (ref[i] > ref[hi] || !Number.isFinite(ref[hi])) hi = i;
      }
    } else hi = to - 1;
    if (lo === hi) picks.push(lo);
    else picks.push(Math.min(lo, hi), Math.max(lo, hi));
  }
  const pick = (a: number[]) => picks.map((i) => a[i]);
  return {
    timeMs: pick(trace.timeMs),
    series: Object.fromEntries(Object.entries(trace.series).map(([k, v]) => [k, pick(v)])),
  };
}

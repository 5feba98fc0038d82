// The activity world against the classifier: the true activity (the world's `activity`
// series) at the moment of every predicted class, and how often the two agree. Pure.
import type { PredictionSeries } from './engineSession';
import type { TraceSeries } from './traceSeries';

/** The value in effect at time `t`: the last one at or before it (NaN before the first). */
export function valueAt(times: readonly number[], values: readonly number[], t: number): number {
  let lo = 0;
  let hi = times.length - 1;
  if (hi < 0 || times[0] > t) return NaN;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (times[mid] <= t) lo = mid;
    else hi = mid - 1;
  }
  return values[lo];
}

export interface Agreement {
  /** Predictions compared (those made while the world's activity was known). */
  total: number;
  matched: number;
  /** matched / total in percent, or null before the first prediction. */
  percent: number | null;
}

/** How many predicted classes equal the true activity at their time. */
export function agreement(
  trace: TraceSeries,
  predictions: PredictionSeries | undefined,
): Agreement {
  const truth = trace.series.activity;
  let total = 0;
  let matched = 0;
  if (truth && predictions) {
    const lastSample = trace.timeMs[trace.timeMs.length - 1] ?? -1;
    for (let i = 0; i < predictions.timeMs.length; i++) {
      const t = predictions.timeMs[i];
      if (t > lastSample) break; // the world's sample for that moment has not arrived yet
      const actual = valueAt(trace.timeMs, truth, t);
      if (!Number.isFinite(actual)) continue;
      total++;
      if (actual === predictions.classes[i]) matched++;
    }
  }
  return { total, matched, percent: total ? (100 * matched) / total : null };
}

/** The predicted class in effect at each of `times` (for plotting beside the truth). */
export function predictedOn(
  times: readonly number[],
  predictions: PredictionSeries | undefined,
): number[] {
  if (!predictions) return times.map(() => NaN);
  return times.map((t) => valueAt(predictions.timeMs, predictions.classes, t));
}

/** The Classify node whose predictions the view shows: the first in the graph that sent any. */
export function classifierNode(
  nodes: readonly { id: string; component: string }[],
  predictions: ReadonlyMap<string, PredictionSeries>,
): string | null {
  const classifiers = nodes.filter((n) => n.component.replace(/^.*\//, '') === 'Classify');
  return (classifiers.find((n) => predictions.has(n.id)) ?? classifiers[0])?.id ?? null;
}

// The cow-halter activity world: what the cow is doing (the world's truth), what the
// classifier says, and how often they have agreed since the run started.
import { agreement } from './activityStats';
import type { PredictionSeries } from './engineSession';
import type { TraceSeries } from './traceSeries';
import { ACTIVITIES } from './worlds';

interface Props {
  trace: TraceSeries;
  predictions: PredictionSeries | undefined;
  /** The Classify node shown (null when the graph has none). */
  classifier: string | null;
  dataVersion: number;
}

const lastOf = (values: readonly number[] | undefined): number | null => {
  if (!values) return null;
  for (let i = values.length - 1; i >= 0; i--) if (Number.isFinite(values[i])) return values[i];
  return null;
};

const name = (v: number | null) => (v === null ? '—' : (ACTIVITIES[v] ?? `class ${v}`));
const g = (v: number | null) => (v === null ? '—' : `${v >= 0 ? '+' : ''}${v.toFixed(2)} g`);

export function ActivityView({ trace, predictions, classifier }: Props) {
  const truth = lastOf(trace.series.activity);
  const predicted = lastOf(predictions?.classes);
  const score = agreement(trace, predictions);
  return (
    <div className="fridge activity" data-testid="activity-view">
      <div className="fridge-readout">
        <dl className="readings">
          <dt>cow is</dt>
          <dd data-testid="activity-true">{name(truth)}</dd>
          <dt>{classifier ?? 'classifier'} says</dt>
          <dd data-testid="activity-predicted">
            {classifier ? name(predicted) : 'no Classify node in the graph'}
          </dd>
          <dt>agreement</dt>
          <dd data-testid="activity-agreement" title="predicted class = true activity at that time">
            {score.percent === null
              ? '—'
              : `${score.percent.toFixed(1)} % of ${score.total} windows`}
          </dd>
          <dt>accel x / y / z</dt>
          <dd className="mono small">
            {g(lastOf(trace.series.accelXG))} {g(lastOf(trace.series.accelYG))}{' '}
            {g(lastOf(trace.series.accelZG))}
          </dd>
        </dl>
        <ol className="activity-classes" start={0}>
          {ACTIVITIES.map((a, i) => (
            <li
              key={a}
              className={`${truth === i ? 'is-true' : ''}${predicted === i ? ' is-predicted' : ''}`}
            >
              {a}
            </li>
          ))}
        </ol>
      </div>
    </div>
  );
}

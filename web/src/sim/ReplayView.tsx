// The replay world at a glance: which recording plays, and per column the value the pins show
// now with the range seen so far (what the Playwright test reads to check the run follows the
// file).
import type { TraceSeries } from './traceSeries';

interface Props {
  name: string;
  trace: TraceSeries;
  columns: readonly string[];
  dataVersion: number;
}

function stats(values: readonly number[] | undefined) {
  let min = Infinity;
  let max = -Infinity;
  let last: number | null = null;
  for (const v of values ?? []) {
    if (!Number.isFinite(v)) continue;
    min = Math.min(min, v);
    max = Math.max(max, v);
    last = v;
  }
  return last === null ? null : { min, max, last };
}

const fmt = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(2));

export function ReplayView({ name, trace, columns }: Props) {
  return (
    <div className="fridge replay-view" data-testid="replay-view">
      <div className="fridge-readout">
        <div className="small muted">replaying</div>
        <div className="mono" data-testid="replay-name">
          {name}
        </div>
        <table className="small">
          <thead>
            <tr>
              <th>column</th>
              <th>now</th>
              <th>min</th>
              <th>max</th>
            </tr>
          </thead>
          <tbody>
            {columns.map((c) => {
              const s = stats(trace.series[c]);
              return (
                <tr key={c} data-testid={`replay-column-${c}`}>
                  <td className="mono">{c}</td>
                  <td className="mono" data-testid="now">
                    {s ? fmt(s.last) : '—'}
                  </td>
                  <td className="mono" data-testid="min">
                    {s ? fmt(s.min) : '—'}
                  </td>
                  <td className="mono" data-testid="max">
                    {s ? fmt(s.max) : '—'}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}

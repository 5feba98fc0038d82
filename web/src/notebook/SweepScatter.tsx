// One scatter plot of a sweep view (SweepView): score against a cost on a log x axis, SVG so
// that each point can be clicked; the Pareto front is connected, rows that do not fit the
// board are dimmed, and vertical lines mark limits (the boards' flash) inside the x range.
import type { KeyboardEvent } from 'react';
import type { SweepRow } from './outputs';

export interface Axis {
  label: string;
  value: (row: SweepRow) => number;
  /** Vertical lines; each is drawn when it falls inside the range the points span (×2). */
  limits: { label: string; value: number; name: string }[];
}

interface Props {
  rows: SweepRow[];
  x: Axis;
  yLabel: string;
  /** The best score there is (1 for accuracy): the y range does not go above it. */
  yMax: number;
  picked: number | null;
  onPick: (index: number) => void;
  testId: string;
}

const WIDTH = 470;
const HEIGHT = 250;
const M = { left: 58, right: 14, top: 12, bottom: 36 };

/** Log-axis ticks (1, 2, 5 × 10^k) inside [lo, hi]. */
function logTicks(lo: number, hi: number): number[] {
  const ticks: number[] = [];
  for (let k = Math.floor(Math.log10(lo)); k <= Math.ceil(Math.log10(hi)); k++) {
    for (const m of [1, 2, 5]) {
      const t = m * 10 ** k;
      if (t >= lo && t <= hi) ticks.push(t);
    }
  }
  return ticks;
}

function short(v: number): string {
  if (v >= 1e6) return `${+(v / 1e6).toFixed(1)}M`;
  if (v >= 1e3) return `${+(v / 1e3).toFixed(1)}k`;
  return String(v);
}

export function SweepScatter({ rows, x, yLabel, yMax, picked, onPick, testId }: Props) {
  // Costs can be 0 for the tiniest models (a linear cost fit clamps at zero): keep them ≥ 1.
  const xs = rows.map((r) => Math.max(1, x.value(r)));
  const ys = rows.map((r) => r.score);
  const dataLo = Math.min(...xs);
  const dataHi = Math.max(...xs);
  // The first limit (the Uno's flash) is always in range; the others when the points reach
  // half of them, so a sweep of small models is not squeezed against a far Mega line.
  const limits = x.limits.filter((l, i) => i === 0 || dataHi * 2 >= l.value);
  const lo = Math.min(dataLo, ...limits.map((l) => l.value)) / 1.25;
  const hi = Math.max(dataHi, ...limits.map((l) => l.value)) * 1.25;
  // A sweep's scores are often within a fraction of a percent of each other: the y range is
  // at least 0.002 wide, and the tick labels get the decimals that tell them apart.
  const ySpan = Math.max(0.002, (Math.max(...ys) - Math.min(...ys)) * 1.16);
  const yHi = Math.min(yMax + ySpan * 0.06, (Math.min(...ys) + Math.max(...ys) + ySpan) / 2);
  const yLo = yHi - ySpan;
  const decimals = Math.max(2, Math.ceil(-Math.log10(ySpan / 4)));
  const px = (v: number) =>
    M.left +
    ((Math.log10(v) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo))) *
      (WIDTH - M.left - M.right);
  const py = (v: number) =>
    HEIGHT - M.bottom - ((v - yLo) / (yHi - yLo)) * (HEIGHT - M.top - M.bottom);
  const yTicks = Array.from({ length: 5 }, (_, i) => yLo + (ySpan * (i + 0.5)) / 5);

  const order = rows.map((_, i) => i).sort((a, b) => xs[a] - xs[b] || ys[b] - ys[a]);
  const front = order.filter((i) => rows[i].pareto);
  // Drawn in layers: dimmed rows, then the others, then the front, the picked point on top.
  const layer = (i: number) => (i === picked ? 3 : rows[i].pareto ? 2 : rows[i].fits_board ? 1 : 0);
  const drawOrder = rows.map((_, i) => i).sort((a, b) => layer(a) - layer(b));

  // ← → walk the points by x (the front first when nothing is picked yet).
  const onKey = (e: KeyboardEvent) => {
    if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
    e.preventDefault();
    if (picked === null) {
      onPick(front[0] ?? order[0]);
      return;
    }
    const at = order.indexOf(picked);
    const next =
      order[Math.min(order.length - 1, Math.max(0, at + (e.key === 'ArrowRight' ? 1 : -1)))];
    onPick(next);
  };

  return (
    <svg
      className="nb-sweep-plot"
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      width={WIDTH}
      height={HEIGHT}
      tabIndex={0}
      role="img"
      aria-label={`${yLabel} against ${x.label}`}
      onKeyDown={onKey}
      data-testid={testId}
    >
      <rect
        x={M.left}
        y={M.top}
        width={WIDTH - M.left - M.right}
        height={HEIGHT - M.top - M.bottom}
        className="nb-sweep-frame"
      />
      {logTicks(lo, hi).map((t) => (
        <g key={`x${t}`}>
          <line x1={px(t)} x2={px(t)} y1={M.top} y2={HEIGHT - M.bottom} className="nb-sweep-grid" />
          <text x={px(t)} y={HEIGHT - M.bottom + 13} textAnchor="middle">
            {short(t)}
          </text>
        </g>
      ))}
      {yTicks.map((t) => (
        <g key={`y${t}`}>
          <line x1={M.left} x2={WIDTH - M.right} y1={py(t)} y2={py(t)} className="nb-sweep-grid" />
          <text x={M.left - 4} y={py(t) + 4} textAnchor="end">
            {t.toFixed(decimals)}
          </text>
        </g>
      ))}
      <text x={(M.left + WIDTH - M.right) / 2} y={HEIGHT - 4} textAnchor="middle">
        {x.label}
      </text>
      <text
        transform={`translate(10 ${(M.top + HEIGHT - M.bottom) / 2}) rotate(-90)`}
        textAnchor="middle"
      >
        {yLabel}
      </text>
      {limits.map((l) => (
        <g key={l.name} data-testid={`nb-sweep-limit-${l.name}`}>
          <line
            x1={px(l.value)}
            x2={px(l.value)}
            y1={M.top}
            y2={HEIGHT - M.bottom}
            className="nb-sweep-limit"
          />
          <text
            x={px(l.value) - 3}
            y={M.top + 11}
            textAnchor="end"
            className="nb-sweep-limit-label"
          >
            {l.label} {short(l.value)}
          </text>
        </g>
      ))}
      <polyline
        className="nb-sweep-front"
        points={front.map((i) => `${px(xs[i])},${py(ys[i])}`).join(' ')}
      />
      {drawOrder.map((i) => (
        <circle
          key={i}
          cx={px(xs[i])}
          cy={py(ys[i])}
          r={i === picked ? 7 : rows[i].pareto ? 5 : 3.5}
          className={`nb-sweep-point${rows[i].pareto ? ' nb-front' : ''}${rows[i].fits_board ? '' : ' nb-out'}${i === picked ? ' nb-picked' : ''}`}
          onClick={() => onPick(i)}
          data-testid="nb-sweep-point"
          data-pareto={rows[i].pareto ? 'true' : 'false'}
          data-index={i}
        >
          <title>
            {rows[i].family} {rows[i].dtype} {rows[i].form}: {yLabel} {rows[i].score.toFixed(3)},{' '}
            {x.value(rows[i])}
          </title>
        </circle>
      ))}
    </svg>
  );
}

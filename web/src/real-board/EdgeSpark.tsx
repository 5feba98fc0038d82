// A watched edge's recent values as a small line (the board's packets over board time), so a
// blinking LED or a drifting temperature is seen at a glance beside the numbers.
import type { EdgeSeries } from './realBoardSession';

const W = 120;
const H = 24;
const SHOWN = 200;

export function EdgeSpark({ edge }: { edge: EdgeSeries }) {
  const t = edge.timeMs.slice(-SHOWN);
  const v = edge.values.slice(-SHOWN);
  const finite = v.filter(Number.isFinite);
  if (t.length < 2 || finite.length < 2) return <svg className="edge-spark" width={W} height={H} />;
  const [t0, t1] = [t[0], t[t.length - 1]];
  const [lo, hi] = [Math.min(...finite), Math.max(...finite)];
  const x = (ms: number) => (t1 > t0 ? ((ms - t0) / (t1 - t0)) * (W - 2) + 1 : 1);
  const y = (value: number) => (hi > lo ? H - 2 - ((value - lo) / (hi - lo)) * (H - 4) : H / 2);
  // Booleans and steps are drawn as steps: a value holds until the next packet.
  const points: string[] = [];
  t.forEach((ms, i) => {
    if (!Number.isFinite(v[i])) return;
    if (points.length) points.push(`${x(ms)},${points[points.length - 1].split(',')[1]}`);
    points.push(`${x(ms)},${y(v[i])}`);
  });
  return (
    <svg className="edge-spark" width={W} height={H} aria-hidden="true">
      <polyline points={points.join(' ')} fill="none" stroke="currentColor" strokeWidth="1.5" />
    </svg>
  );
}

// The side-by-side comparison's table: each change of a watched output on the simulator and on
// the virtual board, their times from each graph's start, the difference and the verdict
// (compareTimelines.ts), with a summary line and every stretch where both relays were on.
import { pinLabel } from '../board/boardPins';
import type { Comparison, CompareRow, Verdict } from './compareTimelines';

/** Rows shown: the latest decided ones (the summary counts all). */
const MAX_ROWS = 200;

const VERDICT_TEXT: Record<Verdict, [string, string]> = {
  within: ['✓', 'within one timer interval'],
  outside: ['✗ apart', 'further apart than one timer interval'],
  level: ['✗ level', 'changed to different levels'],
  missing: ['✗ missing', 'the other side ran past this time without the change'],
  pending: ['…', 'the other side has not got here yet'],
};

const sec = (ms: number) => `${(ms / 1000).toFixed(3)} s`;
/** A table cell's time: seconds, the unit in the column's heading. */
const at = (side: CompareRow['simulator']) => (side ? (side.timeMs / 1000).toFixed(3) : '—');
/** The level both sides agree on, or each side's. */
const level = (r: CompareRow) => {
  const name = (s: CompareRow['simulator']) => (s ? (s.high ? 'HIGH' : 'LOW') : '—');
  return r.simulator && r.board && r.simulator.high !== r.board.high
    ? `${name(r.simulator)}/${name(r.board)}`
    : name(r.simulator ?? r.board);
};

interface Props {
  comparison: Comparison;
  /** Why there is nothing to compare yet, if so. */
  waiting: string | null;
  /** The board's column heading ("virtual Uno", "virtual Mega 2560"). */
  boardName?: string;
}

export function ComparisonView({ comparison: c, waiting, boardName = 'virtual Uno' }: Props) {
  // Rows with a verdict; the ones waiting for the slower run are only counted (a simulator
  // at ×1000 would otherwise push every decided row out of the table).
  const shown = c.rows.filter((r) => r.verdict !== 'pending').slice(-MAX_ROWS);
  const ok = c.disagree === 0 && c.overlaps.length === 0;
  return (
    <div className="compare-view" data-testid="compare-view">
      <div
        className={`compare-summary small ${c.rows.length && ok ? 'ok' : ''} ${ok ? '' : 'bad'}`}
        data-testid="compare-summary"
        data-within={c.within}
        data-disagree={c.disagree}
        data-pending={c.pending}
        data-overlaps={c.overlaps.length}
      >
        {waiting ??
          `${c.within} within one timer interval (±${c.toleranceMs} ms), ${c.disagree} not` +
            (c.pending ? `; ${c.pending} waiting for the slower side` : '')}
        {c.overlaps.map((o) => (
          <div key={`${o.side}-${o.fromMs}`} className="compare-overlap" role="alert">
            ✗ {o.side === 'board' ? boardName : 'simulator'}: {o.pins.map(pinLabel).join(' and ')}{' '}
            on together from {sec(o.fromMs)}
            {o.toMs === null ? ' to the end of the run' : ` to ${sec(o.toMs)}`}
          </div>
        ))}
      </div>
      <div className="compare-table-box">
        <table className="compare-table small mono" data-testid="compare-table">
          <thead>
            <tr>
              <th>verdict</th>
              <th>pin</th>
              <th title="the how-many-th change of this pin">#</th>
              <th title="the level the pin changed to">to</th>
              <th className="num" title="time from the simulator's graph start">
                simulator<span className="unit">s</span>
              </th>
              <th className="num" title={`time from the graph's start on the ${boardName}`}>
                {boardName}
                <span className="unit">s</span>
              </th>
              <th className="num" title={`${boardName} minus simulator`}>
                Δ<span className="unit">ms</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {shown.map((r) => (
              <tr
                key={`${r.pin}-${r.index}`}
                className={`verdict-${r.verdict}`}
                data-testid="compare-row"
                data-verdict={r.verdict}
              >
                <td title={VERDICT_TEXT[r.verdict][1]}>{VERDICT_TEXT[r.verdict][0]}</td>
                <td>{pinLabel(r.pin)}</td>
                <td>{r.index + 1}</td>
                <td>{level(r)}</td>
                <td className="num">{at(r.simulator)}</td>
                <td className="num">{at(r.board)}</td>
                <td className="num">
                  {r.diffMs === null ? '' : `${r.diffMs >= 0 ? '+' : ''}${r.diffMs.toFixed(0)}`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

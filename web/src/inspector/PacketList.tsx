// Recent packets on an edge, newest first, with their virtual time.
import { formatValue } from '../graph/flowModel';
import type { PacketRecord } from '../sim/engineSession';
import { formatClock } from '../sim/traceSeries';

export function PacketList({
  packets,
  empty,
}: {
  packets: PacketRecord[] | undefined;
  empty: string;
}) {
  if (!packets?.length) return <div className="muted small">{empty}</div>;
  return (
    <table className="packets" data-testid="packet-list">
      <thead>
        <tr>
          <th>virtual time</th>
          <th>value</th>
        </tr>
      </thead>
      <tbody>
        {[...packets]
          .reverse()
          .slice(0, 20)
          .map((p, i) => (
            <tr key={`${p.timeMs}-${i}`}>
              <td className="mono">{formatClock(p.timeMs)}</td>
              <td className="mono">{formatValue(p.data)}</td>
            </tr>
          ))}
      </tbody>
    </table>
  );
}

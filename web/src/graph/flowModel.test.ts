import { describe, expect, it } from 'vitest';
import { formatValue, HOT_MS, toFlowEdges, toFlowNodes } from './flowModel';
import { libraryFrom } from '../graph-doc/components';
import { parseFbp } from '../graph-doc/fbpRead';
import { edgeKey } from '../graph-doc/graph';
import type { PacketRecord } from '../sim/engineSession';
import { FRIDGE_FBP, LIBRARY } from '../test-support/fixtures';

const graph = () => {
  const r = parseFbp(FRIDGE_FBP + 'x(Mystery) OUT -> IN hysteresis()\n');
  if (!r.ok) throw new Error(r.diagnostic.message);
  return r.graph;
};

describe('graph → React Flow', () => {
  it('draws every library port, IIPs beside in-ports, and marks unknown components', () => {
    const g = graph();
    const nodes = toFlowNodes(g, libraryFrom(LIBRARY), new Map(), {}, 'timer');
    const timer = nodes.find((n) => n.id === 'timer')!;
    expect(timer.selected).toBe(true);
    expect(timer.data.ports.inPorts.map((p) => p.id)).toEqual(['interval', 'enable', 'reset']);
    expect(timer.data.iips).toEqual({ interval: '5000' });
    const mystery = nodes.find((n) => n.id === 'x')!;
    expect(mystery.data.error).toBe('unknown component "Mystery"');
    expect(mystery.data.ports.outPorts).toEqual([{ id: 'out', type: 'all', known: false }]);
  });

  it('shows runtime errors on their node and the last value on out-ports and edges', () => {
    const g = graph();
    const key = edgeKey(g.edges.find((e) => e.src.node === 'thermometer')!);
    const now = 10_000;
    const packets = new Map<string, PacketRecord[]>([
      [key, [{ timeMs: 5000, seenAt: now - 100, data: 4.4375 }]],
    ]);
    const nodes = toFlowNodes(
      g,
      libraryFrom(LIBRARY),
      packets,
      { hysteresis: 'threshold missing' },
      null,
    );
    expect(nodes.find((n) => n.id === 'thermometer')!.data.lastOut).toEqual({ out: '4.44' });
    expect(nodes.find((n) => n.id === 'hysteresis')!.data.error).toBe('threshold missing');
    const edges = toFlowEdges(g, packets, null, now);
    const hot = edges.find((e) => e.id === key)!;
    expect(hot.animated).toBe(true);
    expect(hot.label).toBe('4.44');
    const later = toFlowEdges(g, packets, null, now + HOT_MS);
    expect(later.find((e) => e.id === key)!.animated).toBe(false);
  });

  it('formats packet values compactly', () => {
    expect(formatValue(null)).toBe('•');
    expect(formatValue(true)).toBe('true');
    expect(formatValue(3)).toBe('3');
    expect(formatValue({ error: 'queue full' })).toBe('⚠ queue full');
    expect(formatValue('x'.repeat(40))).toHaveLength(24);
  });
});

// Auto-layout never overlaps nodes (also unconnected ones, also when the view measured nodes
// larger than the estimate), and copy/paste brings nodes back under new names with the edges
// and initial values between them.
import { describe, expect, it } from 'vitest';
import { copyNodes, pasteNodes } from './clipboard';
import { parseFbp } from './fbpRead';
import type { Graph } from './graph';
import { autoLayout, tooClose } from './layout';
import { freeSpot } from '../graph/viewPlacement';

const graphOf = (text: string): Graph => {
  const r = parseFbp(text);
  if (!r.ok) throw new Error(r.diagnostic.message);
  return r.graph;
};

const boxes = (g: Graph, size: (id: string) => { width: number; height: number }) =>
  g.nodes.map((n) => ({ x: n.x, y: n.y, ...size(n.id) }));

function overlaps(list: { x: number; y: number; width: number; height: number }[]): number {
  let count = 0;
  for (let i = 0; i < list.length; i++)
    for (let j = i + 1; j < list.length; j++) if (tooClose(list[i], list[j], 0)) count++;
  return count;
}

const MIXED = [
  "'500' -> INTERVAL timer(Timer) OUT -> IN toggle(ToggleBoolean) OUT -> IN led(DigitalWrite)",
  'a(Drop)',
  'b(HysteresisLatch)',
  'c(ReadDallasTemperature)',
  'd(Threshold)',
  'e(PwmWrite)',
  'f(BreakBeforeMake)',
].join('\n');

describe('auto-layout', () => {
  it('never overlaps nodes, connected or not, with estimated sizes', () => {
    const g = autoLayout(graphOf(MIXED));
    expect(g.nodes.length).toBe(9);
    expect(overlaps(boxes(g, () => ({ width: 110, height: 62 })))).toBe(0);
  });

  it('spaces nodes by the sizes the view measured (tall unconnected nodes)', () => {
    const tall = new Map(
      graphOf(MIXED).nodes.map((n) => [n.id, { width: 220, height: 180 }] as const),
    );
    const g = autoLayout(graphOf(MIXED), tall);
    expect(overlaps(boxes(g, (id) => tall.get(id)!))).toBe(0);
  });
});

describe('copy and paste', () => {
  it('pastes nodes under new names with their inner edges and initial values', () => {
    const g = graphOf(MIXED);
    const clip = copyNodes(g, ['timer', 'toggle', 'a'])!;
    expect(clip.edges.length).toBe(1); // toggle → led stays behind with led
    expect(clip.iips.length).toBe(1);
    const { graph, ids } = pasteNodes(g, clip, { x: 500, y: 300 });
    expect(ids).toEqual(['timer1', 'toggleBoolean1', 'drop1']);
    expect(graph.nodes.length).toBe(12);
    expect(graph.edges).toContainEqual({
      src: { node: 'timer1', port: 'out' },
      tgt: { node: 'toggleBoolean1', port: 'in' },
    });
    expect(graph.iips.find((i) => i.tgt.node === 'timer1')?.data).toBe('500');
    const pasted = graph.nodes.filter((n) => ids.includes(n.id));
    expect(Math.min(...pasted.map((n) => n.x))).toBe(500);
    expect(Math.min(...pasted.map((n) => n.y))).toBe(300);
  });

  it('copies nothing when nothing is selected', () => {
    expect(copyNodes(graphOf(MIXED), [])).toBeNull();
  });
});

describe('a free spot in view', () => {
  it('stays inside the view while there is room there', () => {
    const view = { x: 0, y: 0, width: 900, height: 400 };
    const taken: { x: number; y: number; width: number; height: number }[] = [];
    for (let i = 0; i < 5; i++) {
      const spot = freeSpot({ x: 360, y: 160 }, { width: 180, height: 80 }, taken, view);
      expect(spot.x).toBeGreaterThanOrEqual(0);
      expect(spot.y).toBeGreaterThanOrEqual(0);
      expect(spot.x + 180).toBeLessThanOrEqual(900);
      expect(spot.y + 80).toBeLessThanOrEqual(400);
      for (const t of taken)
        expect(tooClose({ ...spot, width: 180, height: 80 }, t, 0)).toBe(false);
      taken.push({ ...spot, width: 180, height: 80 });
    }
  });

  it('moves a new node off the nodes already there', () => {
    const taken = [{ x: 0, y: 0, width: 180, height: 80 }];
    const spot = freeSpot({ x: 10, y: 10 }, { width: 180, height: 80 }, taken);
    expect(tooClose({ ...spot, width: 180, height: 80 }, taken[0], 0)).toBe(false);
    expect(freeSpot({ x: 400, y: 0 }, { width: 180, height: 80 }, taken)).toEqual({ x: 400, y: 0 });
  });
});

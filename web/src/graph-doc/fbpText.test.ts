import { describe, expect, it } from 'vitest';
import { parseFbp } from './fbpRead';
import { iipLiteral, toFbp } from './fbpWrite';
import { emptyGraph, type Graph } from './graph';
import { FRIDGE_FBP } from '../test-support/fixtures';

const parsed = (text: string, previous?: Graph): Graph => {
  const r = parseFbp(text, previous);
  if (!r.ok) throw new Error(`unexpected parse error: ${r.diagnostic.message}`);
  return r.graph;
};

/** The graph without positions, for comparing what the text can express. */
const structure = (g: Graph) => ({
  ...g,
  nodes: g.nodes.map(({ id, component }) => ({ id, component })),
});

describe('.fbp text ↔ graph', () => {
  it('reads the reference fridge graph: nodes, edges, IIPs and the name annotation', () => {
    const g = parsed(FRIDGE_FBP);
    expect(g.properties.name).toBe('Fridge');
    expect(g.nodes.map((n) => n.id).sort()).toEqual(
      [
        'board',
        'hysteresis',
        'ia',
        'ib',
        'ic',
        'id',
        'switch',
        'thermometer',
        'timer',
        'turnOff',
        'turnOn',
      ].sort(),
    );
    expect(g.edges).toHaveLength(14);
    expect(g.iips).toContainEqual({
      data: '5',
      tgt: { node: 'hysteresis', port: 'highthreshold' },
    });
    expect(g.edges).toContainEqual({
      src: { node: 'board', port: 'pin12' },
      tgt: { node: 'turnOff', port: 'pin' },
    });
  });

  it('places every node of a text-only graph without overlaps (auto-layout)', () => {
    const g = parsed(FRIDGE_FBP);
    for (const n of g.nodes) expect(Number.isFinite(n.x) && Number.isFinite(n.y)).toBe(true);
    const spots = new Set(g.nodes.map((n) => `${n.x},${n.y}`));
    expect(spots.size).toBe(g.nodes.length);
    // Left to right: the timer comes before the thermometer it triggers.
    const x = (id: string) => g.nodes.find((n) => n.id === id)!.x;
    expect(x('timer')).toBeLessThan(x('thermometer'));
    expect(x('thermometer')).toBeLessThan(x('hysteresis'));
  });

  it('writes text that parses back to the same graph', () => {
    const g = parsed(FRIDGE_FBP);
    const text = toFbp(g);
    expect(structure(parsed(text))).toEqual(structure(g));
    expect(text).toContain("'5' -> HIGHTHRESHOLD hysteresis()");
    expect(text.startsWith('# @name Fridge\n')).toBe(true);
  });

  it('round-trips quotes, JSON IIPs, port indices, lonely nodes and exported ports', () => {
    const g: Graph = {
      ...emptyGraph('Odd cases'),
      nodes: [
        { id: 'a', component: 'core/Repeat', x: 0, y: 0 },
        { id: 'b', component: 'Merge', x: 0, y: 0 },
        { id: 'alone', component: 'Timer', x: 0, y: 0 },
      ],
      edges: [
        { src: { node: 'a', port: 'out', index: 1 }, tgt: { node: 'b', port: 'in', index: 0 } },
      ],
      iips: [
        { data: "it's", tgt: { node: 'a', port: 'in' } },
        { data: { k: [1, 2] }, tgt: { node: 'b', port: 'config' } },
      ],
      inports: [{ name: 'start', node: 'a', port: 'in' }],
      outports: [{ name: 'result', node: 'b', port: 'out' }],
    };
    expect(structure(parsed(toFbp(g)))).toEqual(structure(g));
  });

  it('escapes single quotes in string IIPs', () => {
    expect(iipLiteral("don't")).toBe("'don\\'t'");
    expect(iipLiteral([1, 'x'])).toBe('[1,"x"]');
  });

  it('keeps the positions of nodes that already existed', () => {
    const first = parsed(FRIDGE_FBP);
    const moved = {
      ...first,
      nodes: first.nodes.map((n) => (n.id === 'timer' ? { ...n, x: 999, y: 777 } : n)),
    };
    const again = parsed(FRIDGE_FBP.replace("'5000'", "'1000'"), moved);
    const timer = again.nodes.find((n) => n.id === 'timer')!;
    expect([timer.x, timer.y]).toEqual([999, 777]);
  });

  it('reports a syntax error with its line and column', () => {
    const r = parseFbp("a(A) OUT -> IN b(B)\n'5' -> \n");
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.diagnostic.line).toBe(3);
    expect(r.diagnostic.severity).toBe('error');
    expect(r.diagnostic.message).toMatch(/Expected/);
  });

  it('locates a node used without a component at the line that names it', () => {
    const r = parseFbp('a(A) OUT -> IN b(B)\n\nb() OUT -> IN c()\n');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.diagnostic.message).toContain('"c"');
    expect(r.diagnostic.node).toBe('c');
    expect([r.diagnostic.line, r.diagnostic.column]).toEqual([3, 15]);
  });
});

describe('annotations', () => {
  it('round-trips # @runtime (stored as environment.type, as fbp does) and # @name', () => {
    const g = parsed('# @runtime emflow\n# @name Blink\na(A) OUT -> IN b(B)\n');
    expect(g.properties).toEqual({ name: 'Blink', environment: { type: 'emflow' } });
    const text = toFbp(g);
    expect(text).toContain('# @runtime emflow');
    expect(text).not.toContain('object');
    expect(parsed(text).properties).toEqual(g.properties);
  });
});

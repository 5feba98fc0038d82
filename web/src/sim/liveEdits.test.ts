// The graph messages that make structural edits live (web/src/sim/liveEdits.ts).
import { describe, expect, it } from 'vitest';
import { parseFbp } from '../graph-doc/fbpRead';
import { addNode, type Graph, removeNodes, renameNode, setIip } from '../graph-doc/graph';
import { graphEdits } from './liveEdits';
import { FRIDGE_FBP } from '../test-support/fixtures';

const fridge = (): Graph => {
  const r = parseFbp(FRIDGE_FBP);
  if (!r.ok) throw new Error(r.diagnostic.message);
  return r.graph;
};
const ok = (r: ReturnType<typeof addNode>): Graph => {
  if (!r.ok) throw new Error(r.reason);
  return r.graph;
};
const commands = (before: Graph, after: Graph) =>
  graphEdits(before, after, 'main').map((e) => e.command);

describe('live graph edits', () => {
  it('sends nothing when only positions or the name changed', () => {
    const g = fridge();
    const moved = {
      ...g,
      properties: { name: 'Other' },
      nodes: g.nodes.map((n) => ({ ...n, x: n.x + 10 })),
    };
    expect(graphEdits(g, moved, 'main')).toEqual([]);
  });

  it('adds a node before the edge that uses it, with the graph named', () => {
    const g = fridge();
    const withNode = ok(addNode(g, { id: 'inv', component: 'InvertBoolean', x: 0, y: 0 }));
    const after = {
      ...withNode,
      edges: [
        ...withNode.edges,
        { src: { node: 'hysteresis', port: 'out' }, tgt: { node: 'inv', port: 'in' } },
      ],
    };
    expect(graphEdits(g, after, 'main')).toEqual([
      {
        command: 'addnode',
        payload: { id: 'inv', component: 'InvertBoolean', metadata: { x: 0, y: 0 }, graph: 'main' },
      },
      {
        command: 'addedge',
        payload: {
          src: { node: 'hysteresis', port: 'out' },
          tgt: { node: 'inv', port: 'in' },
          graph: 'main',
        },
      },
    ]);
  });

  it('removes a node alone: the runtime drops its edges and initial packets with it', () => {
    const g = fridge();
    expect(commands(g, removeNodes(g, ['hysteresis']))).toEqual(['removenode']);
  });

  it('removes an edge and re-sends only the initial packet that changed', () => {
    const g = fridge();
    const after = setIip(
      { ...g, edges: g.edges.filter((e) => e.src.node !== 'timer') },
      { node: 'hysteresis', port: 'highthreshold' },
      '6',
    );
    const edits = graphEdits(g, after, 'main');
    expect(edits.map((e) => e.command)).toEqual(['removeinitial', 'removeedge', 'addinitial']);
    expect(edits[2].payload).toMatchObject({
      src: { data: '6' },
      tgt: { node: 'hysteresis', port: 'highthreshold' },
    });
  });

  it('turns a rename into renamenode, keeping the node and its connections', () => {
    const g = fridge();
    const r = renameNode(g, 'hysteresis', 'latch');
    if (!r.ok) throw new Error(r.reason);
    const edits = graphEdits(g, r.graph, 'main');
    expect(edits).toEqual([
      { command: 'renamenode', payload: { from: 'hysteresis', to: 'latch', graph: 'main' } },
    ]);
  });

  it('deleting a node and adding one of its component elsewhere is no rename', () => {
    // A rename keeps the node's running state; a new node in another place must start fresh.
    const g = fridge();
    const old = g.nodes.find((n) => n.id === 'ia');
    if (!old) throw new Error('the fridge graph has no node ia');
    const after = ok(
      addNode(removeNodes(g, ['ia']), { ...old, id: 'fresh', x: old.x + 200, y: old.y }),
    );
    const edits = graphEdits(g, after, 'main');
    expect(edits.map((e) => e.command)).toEqual(['removenode', 'addnode']);
    expect(edits[0].payload).toEqual({ id: 'ia', graph: 'main' });
    expect(edits[1].payload).toMatchObject({ id: 'fresh', component: 'InvertBoolean' });
  });

  it('replaces a node whose component changed, with its edges and initial packets', () => {
    const g = fridge();
    const after = {
      ...g,
      nodes: g.nodes.map((n) => (n.id === 'timer' ? { ...n, component: 'Toggle' } : n)),
    };
    // Timer → Toggle: the old node goes, the new one comes with the edge and IIP on that name.
    expect(commands(g, after)).toEqual(['removenode', 'addnode', 'addedge', 'addinitial']);
  });

  it('follows exported ports', () => {
    const g = fridge();
    const after = { ...g, outports: [{ name: 'TEMP', node: 'thermometer', port: 'out' }] };
    expect(graphEdits(g, after, 'main')).toEqual([
      {
        command: 'addoutport',
        payload: { public: 'TEMP', node: 'thermometer', port: 'out', graph: 'main' },
      },
    ]);
    expect(commands(after, g)).toEqual(['removeoutport']);
  });
});

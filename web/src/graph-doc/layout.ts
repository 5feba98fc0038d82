// Automatic layout (dagre, left to right) for graphs that arrive as text without positions.
import dagre from '@dagrejs/dagre';
import type { Graph } from './graph';

export const NODE_WIDTH = 170;
const HEADER = 30;
const PORT_ROW = 20;
const CHAR = 7;

/** Approximate drawn width: the header text or the widest in-port + IIP beside the widest out-port. */
function nodeWidth(g: Graph, id: string, component: string): number {
  const ins = new Map<string, number>();
  for (const e of g.edges) if (e.tgt.node === id) ins.set(e.tgt.port, e.tgt.port.length);
  for (const i of g.iips)
    if (i.tgt.node === id)
      ins.set(i.tgt.port, i.tgt.port.length + Math.min(10, JSON.stringify(i.data).length) + 1);
  const outs = g.edges.filter((e) => e.src.node === id).map((e) => e.src.port.length);
  const ports = Math.max(0, ...ins.values()) + Math.max(0, ...outs);
  const head = id.length + component.length + 2;
  return Math.min(240, Math.max(110, 40 + CHAR * Math.max(ports, head)));
}

/** Approximate node height from the number of ports the graph uses on it. */
function nodeHeight(g: Graph, id: string): number {
  const ins = new Set([
    ...g.edges.filter((e) => e.tgt.node === id).map((e) => e.tgt.port),
    ...g.iips.filter((i) => i.tgt.node === id).map((i) => i.tgt.port),
  ]);
  const outs = new Set(g.edges.filter((e) => e.src.node === id).map((e) => e.src.port));
  return HEADER + PORT_ROW * Math.max(1, ins.size, outs.size) + 12;
}

/** Lays out every node, keeping nothing of the previous positions. */
export function autoLayout(g: Graph): Graph {
  const d = new dagre.graphlib.Graph();
  d.setGraph({ rankdir: 'LR', nodesep: 16, ranksep: 40, marginx: 20, marginy: 20 });
  d.setDefaultEdgeLabel(() => ({}));
  for (const n of g.nodes)
    d.setNode(n.id, { width: nodeWidth(g, n.id, n.component), height: nodeHeight(g, n.id) });
  for (const e of g.edges) d.setEdge(e.src.node, e.tgt.node);
  dagre.layout(d);
  return {
    ...g,
    nodes: g.nodes.map((n) => {
      const p = d.node(n.id);
      return { ...n, x: Math.round(p.x - p.width / 2), y: Math.round(p.y - p.height / 2) };
    }),
  };
}

/**
 * Places nodes whose position is unknown (NaN). When most nodes are new (a graph typed or
 * imported as text) the whole graph is laid out; otherwise a new node goes right of a node it
 * is connected to, or below everything, so the user's arrangement is kept.
 */
export function layoutNewNodes(g: Graph): Graph {
  const fresh = g.nodes.filter((n) => Number.isNaN(n.x) || Number.isNaN(n.y));
  if (fresh.length === 0) return g;
  if (fresh.length * 2 >= g.nodes.length) return autoLayout(g);
  const placed = new Map(
    g.nodes.filter((n) => !fresh.includes(n)).map((n) => [n.id, { x: n.x, y: n.y }]),
  );
  let bottom = Math.max(...[...placed.values()].map((p) => p.y)) + 120;
  for (const n of fresh) {
    const neighbour = g.edges
      .map((e) =>
        e.tgt.node === n.id
          ? placed.get(e.src.node)
          : e.src.node === n.id
            ? placed.get(e.tgt.node)
            : undefined,
      )
      .find((p) => p !== undefined);
    let pos = neighbour
      ? { x: neighbour.x + NODE_WIDTH + 70, y: neighbour.y }
      : { x: 20, y: bottom };
    // Step down until the spot is free of other nodes.
    while (
      [...placed.values()].some(
        (p) => Math.abs(p.x - pos.x) < NODE_WIDTH && Math.abs(p.y - pos.y) < 70,
      )
    )
      pos = { x: pos.x, y: pos.y + 80 };
    placed.set(n.id, pos);
    bottom = Math.max(bottom, pos.y + 120);
  }
  return {
    ...g,
    nodes: g.nodes.map((n) => {
      const p = placed.get(n.id)!;
      return { ...n, x: p.x, y: p.y };
    }),
  };
}

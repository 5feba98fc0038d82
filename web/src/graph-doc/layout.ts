// Automatic layout (dagre, left to right) for graphs that arrive as text without positions.
// Node sizes are the drawn ones when the view measured them (else estimated from the ports
// the graph uses); a last pass moves any node that still overlaps another (dagre stacks
// unconnected nodes in one rank, and an estimate can be short), so no two nodes ever overlap.
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

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

const GAP = 16;

/** Whether two boxes overlap or come closer than `gap`. */
export const tooClose = (a: Box, b: Box, gap = GAP): boolean =>
  a.x < b.x + b.width + gap &&
  b.x < a.x + a.width + gap &&
  a.y < b.y + b.height + gap &&
  b.y < a.y + a.height + gap;

/**
 * Lays out every node, keeping nothing of the previous positions. `sizes` are the drawn sizes
 * by node id (GraphView measures them); missing ones are estimated.
 */
export function autoLayout(
  g: Graph,
  sizes: ReadonlyMap<string, { width: number; height: number }> = new Map(),
): Graph {
  const d = new dagre.graphlib.Graph();
  d.setGraph({ rankdir: 'LR', nodesep: 24, ranksep: 48, marginx: 20, marginy: 20 });
  d.setDefaultEdgeLabel(() => ({}));
  const size = (id: string, component: string) => {
    const m = sizes.get(id);
    return m && m.width > 0 && m.height > 0
      ? { width: m.width, height: m.height }
      : { width: nodeWidth(g, id, component), height: nodeHeight(g, id) };
  };
  for (const n of g.nodes) d.setNode(n.id, size(n.id, n.component));
  for (const e of g.edges) d.setEdge(e.src.node, e.tgt.node);
  dagre.layout(d);
  const boxes: Box[] = g.nodes.map((n) => {
    const p = d.node(n.id);
    return {
      x: Math.round(p.x - p.width / 2),
      y: Math.round(p.y - p.height / 2),
      width: p.width,
      height: p.height,
    };
  });
  separate(boxes);
  return { ...g, nodes: g.nodes.map((n, i) => ({ ...n, x: boxes[i].x, y: boxes[i].y })) };
}

/** Moves boxes down (in reading order) until none is too close to one placed before it. */
export function separate(boxes: Box[]): void {
  const order = boxes
    .map((_, i) => i)
    .sort((a, b) => boxes[a].x - boxes[b].x || boxes[a].y - boxes[b].y);
  const placed: Box[] = [];
  for (const i of order) {
    const b = boxes[i];
    for (let guard = 0; guard < 1000; guard++) {
      const hit = placed.find((p) => tooClose(b, p));
      if (!hit) break;
      b.y = hit.y + hit.height + GAP;
    }
    placed.push(b);
  }
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

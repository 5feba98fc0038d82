// Copy and paste of nodes: the selected nodes with the edges and initial values between them
// (edges to nodes left behind are not copied), pasted under new unique names at a given spot
// as one edit. Pure functions over the graph model; GraphView binds them to Ctrl+C / Ctrl+V.
import { type Graph, type GraphEdge, type GraphIip, type GraphNode, uniqueNodeId } from './graph';

export interface NodeClip {
  nodes: GraphNode[];
  edges: GraphEdge[];
  iips: GraphIip[];
}

export function copyNodes(g: Graph, ids: readonly string[]): NodeClip | null {
  const chosen = new Set(ids);
  const nodes = g.nodes.filter((n) => chosen.has(n.id));
  if (nodes.length === 0) return null;
  return {
    nodes: nodes.map((n) => ({ ...n })),
    edges: g.edges.filter((e) => chosen.has(e.src.node) && chosen.has(e.tgt.node)),
    iips: g.iips.filter((i) => chosen.has(i.tgt.node)),
  };
}

/**
 * Adds the clip's nodes with fresh names (`timer` → `timer1`), their top-left corner at `at`,
 * keeping their arrangement. Returns the new graph and the new names.
 */
export function pasteNodes(
  g: Graph,
  clip: NodeClip,
  at: { x: number; y: number },
): { graph: Graph; ids: string[] } {
  const left = Math.min(...clip.nodes.map((n) => n.x));
  const top = Math.min(...clip.nodes.map((n) => n.y));
  const rename = new Map<string, string>();
  let graph = g;
  for (const n of clip.nodes) {
    const id = uniqueNodeId(graph, n.component);
    rename.set(n.id, id);
    const node = { ...n, id, x: Math.round(at.x + n.x - left), y: Math.round(at.y + n.y - top) };
    graph = { ...graph, nodes: [...graph.nodes, node] };
  }
  const to = (node: string) => rename.get(node)!;
  graph = {
    ...graph,
    edges: [
      ...graph.edges,
      ...clip.edges.map((e) => ({
        src: { ...e.src, node: to(e.src.node) },
        tgt: { ...e.tgt, node: to(e.tgt.node) },
      })),
    ],
    iips: [
      ...graph.iips,
      ...clip.iips.map((i) => ({ ...i, tgt: { ...i.tgt, node: to(i.tgt.node) } })),
    ],
  };
  return { graph, ids: [...rename.values()] };
}

// The one-click fix for an out-port left open (a validator warning): a Drop node placed to the
// right of the node, connected to that port, so the runtime no longer counts its packets as
// errors — what the Blink example does by hand.
import type { Diagnostic } from './diagnostics';
import { type EditResult, type Graph, addNode, findNode, uniqueNodeId } from './graph';

// The validator's wording (core/host/graph/validator.cpp, checkUnconnectedOutputs).
const OPEN_OUT_PORT = /^out-port (\S+) of /;

/** The out-port a warning is about, when it is an "out-port … is not connected" warning. */
export function openOutPort(p: Diagnostic): { node: string; port: string } | null {
  const m = OPEN_OUT_PORT.exec(p.message);
  if (!m || !p.node || p.severity !== 'warning') return null;
  return { node: p.node, port: m[1].toLowerCase() };
}

/** Adds a Drop node fed by `port` of `node`. */
export function connectToDrop(g: Graph, node: string, port: string): EditResult {
  const from = findNode(g, node);
  if (!from) return { ok: false, reason: `no node named "${node}"` };
  const id = uniqueNodeId(g, 'Drop');
  const added = addNode(g, { id, component: 'Drop', x: from.x + 240, y: from.y + 80 });
  if (!added.ok) return added;
  const edge = { src: { node, port }, tgt: { node: id, port: 'in' } };
  return { ok: true, graph: { ...added.graph, edges: [...added.graph.edges, edge] } };
}

// The FBP protocol `graph` messages that turn the graph loaded in the runtime into the graph
// being edited, so that structural edits (nodes, edges, initial packets, exported ports) apply
// to a running network at once. Pure: the engine session sends them in order.
//
// Order matters to the runtime: what goes away is removed first (initial packets, edges, then
// nodes, which take their remaining edges along), then nodes are added before the edges and
// initial packets that refer to them.
import {
  edgeKey,
  type ExportedPort,
  type Graph,
  type GraphNode,
  iipKey,
  type PortRef,
} from '../graph-doc/graph';

export interface GraphEdit {
  command: string;
  payload: Record<string, unknown>;
}

const endpoint = (p: PortRef) =>
  p.index === undefined
    ? { node: p.node, port: p.port }
    : { node: p.node, port: p.port, index: p.index };

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * A node that disappeared and one that appeared with the same component at the same place is
 * a rename (the editor keeps positions on rename): `renamenode` keeps the node's state.
 */
function findRenames(gone: GraphNode[], added: GraphNode[]): Map<string, string> {
  const renames = new Map<string, string>();
  const free = [...added];
  for (const old of gone) {
    const i = free.findIndex(
      (n) => n.component === old.component && n.x === old.x && n.y === old.y,
    );
    if (i < 0) continue;
    renames.set(old.id, free[i].id);
    free.splice(i, 1);
  }
  return renames;
}

/** The graph messages (for graph `name`) that change `before` into `after`. */
export function graphEdits(before: Graph, after: Graph, name: string): GraphEdit[] {
  const edits: GraphEdit[] = [];
  const emit = (command: string, payload: Record<string, unknown>) =>
    edits.push({ command, payload: { ...payload, graph: name } });

  const afterNodes = new Map(after.nodes.map((n) => [n.id, n]));
  const beforeNodes = new Map(before.nodes.map((n) => [n.id, n]));
  // A node whose component changed is a new node under an old name.
  const replaced = new Set(
    before.nodes
      .filter(
        (n) =>
          afterNodes.get(n.id)?.component !== undefined &&
          afterNodes.get(n.id)?.component !== n.component,
      )
      .map((n) => n.id),
  );
  const renames = findRenames(
    before.nodes.filter((n) => !afterNodes.has(n.id)),
    after.nodes.filter((n) => !beforeNodes.has(n.id)),
  );
  const renamedTo = new Set(renames.values());
  const removed = new Set(
    before.nodes
      .filter((n) => (!afterNodes.has(n.id) && !renames.has(n.id)) || replaced.has(n.id))
      .map((n) => n.id),
  );
  const rename = (p: PortRef): PortRef => {
    const to = renames.get(p.node);
    return to ? { ...p, node: to } : p;
  };
  // `before` as the runtime will hold it once the renames are done.
  const renamed: Graph = {
    ...before,
    edges: before.edges.map((e) => ({ src: rename(e.src), tgt: rename(e.tgt) })),
    iips: before.iips.map((i) => ({ ...i, tgt: rename(i.tgt) })),
    inports: before.inports.map((p) => ({ ...p, node: renames.get(p.node) ?? p.node })),
    outports: before.outports.map((p) => ({ ...p, node: renames.get(p.node) ?? p.node })),
  };
  const survives = (node: string) => !removed.has(node);

  for (const [from, to] of renames) emit('renamenode', { from, to });

  // Exported ports, initial packets and edges that go away (those of removed nodes go with them).
  const portKey = (p: ExportedPort) => `${p.name}=${p.node}.${p.port}`;
  for (const [kind, was, now] of [
    ['inport', renamed.inports, after.inports],
    ['outport', renamed.outports, after.outports],
  ] as const) {
    const keep = new Set(now.filter((p) => survives(p.node)).map(portKey));
    for (const p of was) if (!keep.has(portKey(p))) emit(`remove${kind}`, { public: p.name });
  }
  const afterIips = new Map(after.iips.map((i) => [iipKey(i), i]));
  for (const old of renamed.iips) {
    if (!survives(old.tgt.node)) continue;
    const now = afterIips.get(iipKey(old));
    if (now && same(now.data, old.data)) continue;
    emit('removeinitial', { src: { data: old.data }, tgt: endpoint(old.tgt) });
  }
  const afterEdges = new Set(after.edges.map(edgeKey));
  for (const e of renamed.edges) {
    if (!survives(e.src.node) || !survives(e.tgt.node) || afterEdges.has(edgeKey(e))) continue;
    emit('removeedge', { src: endpoint(e.src), tgt: endpoint(e.tgt) });
  }
  for (const id of removed) emit('removenode', { id });

  // What is new: nodes first, then what refers to them.
  for (const n of after.nodes) {
    if (beforeNodes.has(n.id) && !replaced.has(n.id)) continue;
    if (renamedTo.has(n.id)) continue;
    emit('addnode', { id: n.id, component: n.component, metadata: { x: n.x, y: n.y } });
  }
  const kept = (node: string) =>
    !removed.has(node) && (beforeNodes.has(node) || renamedTo.has(node));
  const beforeEdges = new Set(renamed.edges.map(edgeKey));
  for (const e of after.edges) {
    if (kept(e.src.node) && kept(e.tgt.node) && beforeEdges.has(edgeKey(e))) continue;
    emit('addedge', { src: endpoint(e.src), tgt: endpoint(e.tgt) });
  }
  const beforeIips = new Map(renamed.iips.map((i) => [iipKey(i), i]));
  for (const now of after.iips) {
    const old = beforeIips.get(iipKey(now));
    if (old && kept(now.tgt.node) && same(now.data, old.data)) continue;
    emit('addinitial', { src: { data: now.data }, tgt: endpoint(now.tgt) });
  }
  for (const [kind, was, now] of [
    ['inport', renamed.inports, after.inports],
    ['outport', renamed.outports, after.outports],
  ] as const) {
    const had = new Set(was.filter((p) => kept(p.node)).map(portKey));
    for (const p of now) {
      if (!had.has(portKey(p))) emit(`add${kind}`, { public: p.name, node: p.node, port: p.port });
    }
  }
  return edits;
}

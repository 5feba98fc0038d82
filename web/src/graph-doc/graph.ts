// The graph model: the single source of state for the editor, the text view and the engine.
// Plain immutable data, framework-free; every edit is a pure function returning a new Graph.

/** One end of an edge: a node's port, optionally an index for addressable (array) ports. */
export interface PortRef {
  node: string;
  port: string;
  index?: number;
}

export interface GraphNode {
  /** Node name as written in .fbp (`timer(Timer)` → `timer`). Unique in the graph. */
  id: string;
  component: string;
  /** Position in the graph editor; not part of the .fbp text. */
  x: number;
  y: number;
}

export interface GraphEdge {
  src: PortRef;
  tgt: PortRef;
}

/** Initial information packet: a constant sent once to a port when the network starts. */
export interface GraphIip {
  /** Text of a quoted IIP (`'5000'` → "5000") or a JSON value written unquoted. */
  data: unknown;
  tgt: PortRef;
}

/** A graph port exported under a public name (`INPORT=node.PORT:NAME`). */
export interface ExportedPort {
  name: string;
  node: string;
  port: string;
}

export interface Graph {
  /**
   * `# @key value` annotations (`name`, …). As in the NoFlo graph, `# @runtime x` is stored
   * as `environment: {type: x}`.
   */
  properties: Record<string, unknown>;
  nodes: GraphNode[];
  edges: GraphEdge[];
  iips: GraphIip[];
  inports: ExportedPort[];
  outports: ExportedPort[];
}

export const emptyGraph = (name = 'Untitled'): Graph => ({
  properties: { name },
  nodes: [],
  edges: [],
  iips: [],
  inports: [],
  outports: [],
});

export const portRefKey = (p: PortRef): string =>
  `${p.node}.${p.port}${p.index === undefined ? '' : `[${p.index}]`}`;

/** Stable identity of an edge, used by React Flow and by the engine's edge watching. */
export const edgeKey = (e: GraphEdge): string => `${portRefKey(e.src)}->${portRefKey(e.tgt)}`;

export const iipKey = (iip: GraphIip): string => `iip->${portRefKey(iip.tgt)}`;

export const samePort = (a: PortRef, b: PortRef): boolean =>
  a.node === b.node && a.port === b.port && (a.index ?? -1) === (b.index ?? -1);

/** Node names the .fbp grammar accepts (and so every name the graph can hold). */
export const NODE_NAME = /^[a-zA-Z_][a-zA-Z0-9_-]*$/;
/** Component names the .fbp grammar accepts. */
export const COMPONENT_NAME = /^[a-zA-Z0-9/_-]+$/;

export const findNode = (g: Graph, id: string): GraphNode | undefined =>
  g.nodes.find((n) => n.id === id);

/** A node name not yet used in the graph, derived from the component (`Timer` → `timer1`). */
export function uniqueNodeId(g: Graph, component: string): string {
  const base = component.replace(/^.*\//, '').replace(/[^a-zA-Z0-9_]/g, '');
  const stem = (base.charAt(0).toLowerCase() + base.slice(1)).replace(/^[^a-zA-Z_]/, 'n') || 'node';
  const taken = new Set(g.nodes.map((n) => n.id));
  for (let i = 1; ; i++) {
    const id = `${stem}${i}`;
    if (!taken.has(id)) return id;
  }
}

export type EditResult = { ok: true; graph: Graph } | { ok: false; reason: string };

export function addNode(g: Graph, node: GraphNode): EditResult {
  if (!NODE_NAME.test(node.id))
    return { ok: false, reason: `"${node.id}" is not a valid node name` };
  if (!COMPONENT_NAME.test(node.component))
    return { ok: false, reason: `"${node.component}" is not a valid component name` };
  if (findNode(g, node.id))
    return { ok: false, reason: `a node named "${node.id}" already exists` };
  return { ok: true, graph: { ...g, nodes: [...g.nodes, node] } };
}

export function removeNodes(g: Graph, ids: readonly string[]): Graph {
  const gone = new Set(ids);
  return {
    ...g,
    nodes: g.nodes.filter((n) => !gone.has(n.id)),
    edges: g.edges.filter((e) => !gone.has(e.src.node) && !gone.has(e.tgt.node)),
    iips: g.iips.filter((i) => !gone.has(i.tgt.node)),
    inports: g.inports.filter((p) => !gone.has(p.node)),
    outports: g.outports.filter((p) => !gone.has(p.node)),
  };
}

export function renameNode(g: Graph, from: string, to: string): EditResult {
  if (from === to) return { ok: true, graph: g };
  if (!findNode(g, from)) return { ok: false, reason: `no node named "${from}"` };
  if (!NODE_NAME.test(to))
    return {
      ok: false,
      reason: `"${to}" is not a valid node name (letters, digits, _ and -, not starting with a digit)`,
    };
  if (findNode(g, to)) return { ok: false, reason: `a node named "${to}" already exists` };
  const ref = <T extends { node: string }>(p: T): T => (p.node === from ? { ...p, node: to } : p);
  return {
    ok: true,
    graph: {
      ...g,
      nodes: g.nodes.map((n) => (n.id === from ? { ...n, id: to } : n)),
      edges: g.edges.map((e) => ({ src: ref(e.src), tgt: ref(e.tgt) })),
      iips: g.iips.map((i) => ({ ...i, tgt: ref(i.tgt) })),
      inports: g.inports.map(ref),
      outports: g.outports.map(ref),
    },
  };
}

export function moveNodes(g: Graph, positions: ReadonlyMap<string, { x: number; y: number }>) {
  return {
    ...g,
    nodes: g.nodes.map((n) => {
      const p = positions.get(n.id);
      return p ? { ...n, x: p.x, y: p.y } : n;
    }),
  };
}

export function removeEdges(g: Graph, keys: readonly string[]): Graph {
  const gone = new Set(keys);
  return { ...g, edges: g.edges.filter((e) => !gone.has(edgeKey(e))) };
}

/** Sets (or with `data === undefined` removes) the IIP on a port; one IIP per port. */
export function setIip(g: Graph, tgt: PortRef, data: unknown): Graph {
  const others = g.iips.filter((i) => !samePort(i.tgt, tgt));
  if (data === undefined) return { ...g, iips: others };
  const at = g.iips.findIndex((i) => samePort(i.tgt, tgt));
  const iip = { data, tgt: { ...tgt } };
  if (at < 0) return { ...g, iips: [...others, iip] };
  const iips = [...g.iips];
  iips[at] = iip;
  return { ...g, iips };
}

export const graphName = (g: Graph): string =>
  typeof g.properties.name === 'string' ? g.properties.name : 'Untitled';

export const setGraphName = (g: Graph, name: string): Graph => ({
  ...g,
  properties: { ...g.properties, name },
});

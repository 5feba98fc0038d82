// Graph ↔ NoFlo JSON graph (the interchange format `fbp` produces), positions in metadata.
import type { FbpGraph } from 'fbp';
import type { NoFloGraph } from '../engine';
import { fromNoflo } from './fbpRead';
import type { Graph, PortRef } from './graph';
import { layoutNewNodes } from './layout';

interface NofloPort {
  process: string;
  port: string;
  index?: number;
}

const port = (p: PortRef): NofloPort =>
  p.index === undefined
    ? { process: p.node, port: p.port }
    : { process: p.node, port: p.port, index: p.index };

export function toNofloJson(g: Graph): NoFloGraph {
  const exported = (ports: Graph['inports']) =>
    Object.fromEntries(ports.map((p) => [p.name, { process: p.node, port: p.port }]));
  return {
    caseSensitive: false,
    properties: { ...g.properties },
    inports: exported(g.inports),
    outports: exported(g.outports),
    groups: [],
    processes: Object.fromEntries(
      g.nodes.map((n) => [n.id, { component: n.component, metadata: { x: n.x, y: n.y } }]),
    ),
    connections: [
      ...g.edges.map((e) => ({ src: port(e.src), tgt: port(e.tgt) })),
      ...g.iips.map((i) => ({ data: i.data, tgt: port(i.tgt) })),
    ],
  };
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Reads a NoFlo JSON graph, checking its shape; errors name the offending path. */
export function fromNofloJson(
  value: unknown,
): { ok: true; graph: Graph } | { ok: false; error: string } {
  if (!isObject(value)) return { ok: false, error: 'a JSON graph must be an object' };
  const processes = value.processes ?? {};
  const connections = value.connections ?? [];
  if (!isObject(processes)) return { ok: false, error: '"processes" must be an object' };
  if (!Array.isArray(connections)) return { ok: false, error: '"connections" must be an array' };
  for (const [name, p] of Object.entries(processes)) {
    if (!isObject(p) || typeof p.component !== 'string')
      return { ok: false, error: `processes.${name}.component must be a string` };
  }
  const checkRef = (r: unknown, where: string): string | null => {
    if (!isObject(r) || typeof r.process !== 'string' || typeof r.port !== 'string')
      return `${where} must be {process, port}`;
    if (!(r.process in processes))
      return `${where}.process "${r.process}" is not a process of the graph`;
    return null;
  };
  for (const [i, c] of connections.entries()) {
    if (!isObject(c)) return { ok: false, error: `connections[${i}] must be an object` };
    const bad =
      checkRef(c.tgt, `connections[${i}].tgt`) ??
      (c.src !== undefined ? checkRef(c.src, `connections[${i}].src`) : null);
    if (bad) return { ok: false, error: bad };
    if (c.src === undefined && !('data' in c))
      return { ok: false, error: `connections[${i}] needs "src" or "data"` };
  }
  const normalised = {
    caseSensitive: false,
    properties: isObject(value.properties) ? (value.properties as Record<string, unknown>) : {},
    inports: isObject(value.inports) ? value.inports : {},
    outports: isObject(value.outports) ? value.outports : {},
    groups: [],
    processes,
    connections,
  } as FbpGraph;
  return { ok: true, graph: layoutNewNodes(fromNoflo(normalised)) };
}

// Connecting two ports, with the reason when the connection is refused.
import { type ComponentLibrary, findPort, typesCompatible } from './components';
import { type EditResult, type Graph, type PortRef, findNode, samePort } from './graph';

/** Checks an edge against the graph and the component library without changing anything. */
export function checkConnection(
  g: Graph,
  lib: ComponentLibrary,
  src: PortRef,
  tgt: PortRef,
): string | null {
  const from = findNode(g, src.node);
  const to = findNode(g, tgt.node);
  if (!from) return `no node named "${src.node}"`;
  if (!to) return `no node named "${tgt.node}"`;
  if (g.edges.some((e) => samePort(e.src, src) && samePort(e.tgt, tgt)))
    return `${src.node}.${src.port.toUpperCase()} is already connected to ${tgt.node}.${tgt.port.toUpperCase()}`;
  const fromInfo = lib.get(from.component);
  const toInfo = lib.get(to.component);
  // Unknown components (engine not loaded yet, or a graph from elsewhere) cannot be checked
  // further; the engine's validator reports them on the node instead.
  if (!fromInfo || !toInfo) return null;
  const out = findPort(fromInfo.outPorts, src.port);
  if (!out) {
    const isIn = findPort(fromInfo.inPorts, src.port);
    return isIn
      ? `${src.port.toUpperCase()} is an input of ${from.component}; connect from an output`
      : `${from.component} has no output port ${src.port.toUpperCase()}`;
  }
  const inp = findPort(toInfo.inPorts, tgt.port);
  if (!inp) {
    const isOut = findPort(toInfo.outPorts, tgt.port);
    return isOut
      ? `${tgt.port.toUpperCase()} is an output of ${to.component}; connect to an input`
      : `${to.component} has no input port ${tgt.port.toUpperCase()}`;
  }
  if (!typesCompatible(out.type, inp.type))
    return `type mismatch: ${from.component}.${out.id.toUpperCase()} sends ${out.type}, ${to.component}.${inp.id.toUpperCase()} expects ${inp.type}`;
  return null;
}

export function connect(g: Graph, lib: ComponentLibrary, src: PortRef, tgt: PortRef): EditResult {
  const reason = checkConnection(g, lib, src, tgt);
  if (reason) return { ok: false, reason };
  const edge = {
    src: { ...src, port: src.port.toLowerCase() },
    tgt: { ...tgt, port: tgt.port.toLowerCase() },
  };
  return { ok: true, graph: { ...g, edges: [...g.edges, edge] } };
}

// The ports a node shows: its component's ports from the library, plus any port the graph uses
// that the library does not know (drawn as unknown so the problem is visible).
import { type ComponentLibrary, type PortInfo } from '../graph-doc/components';
import type { Graph, GraphNode } from '../graph-doc/graph';

export interface ShownPort extends PortInfo {
  known: boolean;
}

export interface NodePorts {
  inPorts: ShownPort[];
  outPorts: ShownPort[];
  /** The component is not in the engine's library. */
  unknownComponent: boolean;
  /** Ports left out because the component has many and the graph does not use them. */
  hiddenIn: number;
  hiddenOut: number;
}

/** Beyond this many ports on a side (a board's 20 pins), only the ports in use are drawn. */
export const MANY_PORTS = 8;

export function nodePorts(
  g: Graph,
  lib: ComponentLibrary,
  node: GraphNode,
  showAll = false,
): NodePorts {
  const info = lib.get(node.component);
  const inPorts: ShownPort[] = (info?.inPorts ?? []).map((p) => ({ ...p, known: true }));
  const outPorts: ShownPort[] = (info?.outPorts ?? []).map((p) => ({ ...p, known: true }));
  const addUsed = (list: ShownPort[], port: string) => {
    if (!list.some((p) => p.id === port)) list.push({ id: port, type: 'all', known: false });
  };
  for (const e of g.edges) {
    if (e.src.node === node.id) addUsed(outPorts, e.src.port);
    if (e.tgt.node === node.id) addUsed(inPorts, e.tgt.port);
  }
  for (const i of g.iips) if (i.tgt.node === node.id) addUsed(inPorts, i.tgt.port);
  const used = new Set<string>();
  for (const e of g.edges) {
    if (e.src.node === node.id) used.add(`out:${e.src.port}`);
    if (e.tgt.node === node.id) used.add(`in:${e.tgt.port}`);
  }
  for (const i of g.iips) if (i.tgt.node === node.id) used.add(`in:${i.tgt.port}`);
  const trim = (list: ShownPort[], dir: string) =>
    showAll || list.length <= MANY_PORTS ? list : list.filter((p) => used.has(`${dir}:${p.id}`));
  const shownIn = trim(inPorts, 'in');
  const shownOut = trim(outPorts, 'out');
  return {
    inPorts: shownIn,
    outPorts: shownOut,
    unknownComponent: lib.size > 0 && !info,
    hiddenIn: inPorts.length - shownIn.length,
    hiddenOut: outPorts.length - shownOut.length,
  };
}

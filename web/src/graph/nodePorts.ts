// The ports a node shows: its component's ports from the library, plus any port the graph uses
// that the library does not know (drawn as unknown so the problem is visible).
import { type ComponentLibrary, type PortInfo } from '../model/components';
import type { Graph, GraphNode } from '../model/graph';

export interface ShownPort extends PortInfo {
  known: boolean;
}

export interface NodePorts {
  inPorts: ShownPort[];
  outPorts: ShownPort[];
  /** The component is not in the engine's library. */
  unknownComponent: boolean;
}

export function nodePorts(g: Graph, lib: ComponentLibrary, node: GraphNode): NodePorts {
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
  return { inPorts, outPorts, unknownComponent: lib.size > 0 && !info };
}

// Graph (+ library, + live packets) → React Flow nodes and edges. Pure, so it is testable.
import type { Edge, Node } from '@xyflow/react';
import type { ComponentLibrary } from '../graph-doc/components';
import { edgeKey, type Graph } from '../graph-doc/graph';
import type { PacketRecord } from '../sim/engineSession';
import { nodePorts, type NodePorts } from './nodePorts';

export interface FlowNodeData extends Record<string, unknown> {
  name: string;
  component: string;
  description: string;
  ports: NodePorts;
  /** IIP text per in-port name. */
  iips: Record<string, string>;
  /** Last value seen per out-port name (while simulating). */
  lastOut: Record<string, string>;
  error: string | null;
  /** The user chose to see every port of this node (boards have many). */
  expanded: boolean;
}

export type FlowNode = Node<FlowNodeData, 'component'>;

export interface FlowEdgeData extends Record<string, unknown> {
  lastValue: string | null;
}

export type FlowEdge = Edge<FlowEdgeData>;

/** A packet value as a short label: numbers rounded, bangs as •, errors marked. */
export function formatValue(v: unknown): string {
  if (v === null || v === undefined) return '•';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : v.toFixed(2);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'string') return v.length > 24 ? `${v.slice(0, 23)}…` : v;
  if (typeof v === 'object' && 'error' in (v as object))
    return `⚠ ${String((v as { error: unknown }).error)}`;
  const json = JSON.stringify(v);
  return json.length > 24 ? `${json.slice(0, 23)}…` : json;
}

export const iipText = (data: unknown): string =>
  typeof data === 'string' ? data : JSON.stringify(data);

/** How long (wall-clock ms) an edge stays animated after a packet passed. */
export const HOT_MS = 1200;

export function toFlowNodes(
  g: Graph,
  lib: ComponentLibrary,
  packets: ReadonlyMap<string, PacketRecord[]>,
  nodeErrors: Record<string, string>,
  selected: string | null,
  expanded: ReadonlySet<string> = new Set(),
): FlowNode[] {
  return g.nodes.map((n) => {
    const iips: Record<string, string> = {};
    for (const i of g.iips) if (i.tgt.node === n.id) iips[i.tgt.port] = iipText(i.data);
    const lastOut: Record<string, string> = {};
    for (const e of g.edges) {
      if (e.src.node !== n.id) continue;
      const list = packets.get(edgeKey(e));
      if (list?.length) lastOut[e.src.port] = formatValue(list[list.length - 1].data);
    }
    const ports = nodePorts(g, lib, n, expanded.has(n.id));
    const info = lib.get(n.component);
    const error =
      nodeErrors[n.id] ?? (ports.unknownComponent ? `unknown component "${n.component}"` : null);
    return {
      id: n.id,
      type: 'component' as const,
      position: { x: n.x, y: n.y },
      selected: selected === n.id,
      data: {
        name: n.id,
        component: n.component,
        description: info?.description ?? '',
        ports,
        iips,
        lastOut,
        error,
        expanded: expanded.has(n.id),
      },
    };
  });
}

export function toFlowEdges(
  g: Graph,
  packets: ReadonlyMap<string, PacketRecord[]>,
  selected: string | null,
  now: number,
): FlowEdge[] {
  return g.edges.map((e) => {
    const key = edgeKey(e);
    const list = packets.get(key);
    const last = list?.length ? list[list.length - 1] : undefined;
    const hot = !!last && now - last.seenAt < HOT_MS;
    return {
      id: key,
      source: e.src.node,
      sourceHandle: e.src.port,
      target: e.tgt.node,
      targetHandle: e.tgt.port,
      selected: selected === key,
      animated: hot,
      className: hot ? 'edge-hot' : undefined,
      label: last ? formatValue(last.data) : undefined,
      data: { lastValue: last ? formatValue(last.data) : null },
    };
  });
}

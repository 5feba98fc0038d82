// The graph as React Flow nodes and edges. Nodes are held in local state because React Flow
// keeps measured sizes and in-drag positions on its node objects; they are re-derived whenever
// the graph, its packets or the selection change. Edges cool down (stop animating) a moment
// after their last packet.
import { applyNodeChanges, type Edge, type Node, type NodeChange } from '@xyflow/react';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ComponentLibrary } from '../graph-doc/components';
import type { Graph } from '../graph-doc/graph';
import { useEngineSession, useSession } from '../app/SessionContext';
import { useExpandedNodes } from './expandedNodes';
import {
  type FlowEdgeData,
  type FlowNodeData,
  HOT_MS,
  toFlowEdges,
  toFlowNodes,
} from './flowModel';

export function useFlowElements(
  graph: Graph,
  library: ComponentLibrary,
  selectedNode: string | null,
  selectedEdge: string | null,
) {
  const { packets } = useEngineSession();
  const dataVersion = useSession((s) => s.dataVersion);
  const nodeErrors = useSession((s) => s.nodeErrors);
  const expanded = useExpandedNodes();
  const derivedNodes = useMemo(
    () => toFlowNodes(graph, library, packets, nodeErrors, selectedNode, expanded),
    // dataVersion: packets is mutated in place by the session; the version says it changed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [graph, library, packets, nodeErrors, selectedNode, expanded, dataVersion],
  );
  // React Flow keeps measured sizes and in-drag positions on its node objects: hold them in
  // local state, re-derived whenever the graph changes.
  const [nodes, setNodes] = useState<Node<FlowNodeData>[]>(derivedNodes);
  useEffect(() => {
    setNodes((prev) => {
      const old = new Map(prev.map((n) => [n.id, n]));
      return derivedNodes.map((n) => {
        const o = old.get(n.id);
        return o ? { ...o, ...n, measured: o.measured, width: o.width, height: o.height } : n;
      });
    });
  }, [derivedNodes]);

  // Edges cool down (stop animating) a moment after their last packet.
  const [now, setNow] = useState(() => performance.now());
  useEffect(() => {
    setNow(performance.now());
    const t = setTimeout(() => setNow(performance.now()), HOT_MS + 50);
    return () => clearTimeout(t);
  }, [dataVersion]);
  const edges = useMemo(
    () => toFlowEdges(graph, packets, selectedEdge, now),
    [graph, packets, selectedEdge, now],
  );

  const onNodesChange = useCallback((changes: NodeChange<Node<FlowNodeData>>[]) => {
    setNodes((ns) => applyNodeChanges(changes, ns));
  }, []);

  return { nodes, edges, onNodesChange } as {
    nodes: Node<FlowNodeData>[];
    edges: Edge<FlowEdgeData>[];
    onNodesChange: (changes: NodeChange<Node<FlowNodeData>>[]) => void;
  };
}

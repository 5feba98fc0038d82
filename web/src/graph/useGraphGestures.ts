// The graph view's gestures as store edits: a drag's end moves nodes (one undo step), a new
// connection is checked by the editor's rules (refusals said), deletions, and components
// dropped from the palette.
import type { Connection, Edge, Node, ReactFlowInstance } from '@xyflow/react';
import { type DragEvent, useCallback } from 'react';
import type { ComponentLibrary } from '../graph-doc/components';
import { connect } from '../graph-doc/connect';
import { addNode, moveNodes, removeEdges, removeNodes, uniqueNodeId } from '../graph-doc/graph';
import { useNotify } from '../app/NotifyContext';
import { useProjectStore } from '../app/ProjectContext';
import { COMPONENT_MIME, type Selection } from './GraphView';

export function useGraphGestures(
  library: ComponentLibrary,
  flow: ReactFlowInstance<Node, Edge> | null,
  onSelect: (s: Selection) => void,
) {
  const store = useProjectStore();
  const notify = useNotify();
  const onNodeDragStop = useCallback(
    (_: unknown, _node: Node, dragged: Node[]) => {
      const moved = new Map(
        dragged.map((n) => [n.id, { x: Math.round(n.position.x), y: Math.round(n.position.y) }]),
      );
      store.editGraph((g) => moveNodes(g, moved));
    },
    [store],
  );

  const onConnect = useCallback(
    (c: Connection) => {
      if (!c.sourceHandle || !c.targetHandle) return;
      let refused: string | null = null;
      store.editGraph((g) => {
        const r = connect(
          g,
          library,
          { node: c.source, port: c.sourceHandle! },
          { node: c.target, port: c.targetHandle! },
        );
        if (r.ok) return r.graph;
        refused = r.reason;
        return g;
      });
      if (refused) notify(`Connection refused: ${refused}`, 'error');
    },
    [store, library, notify],
  );

  const onDelete = useCallback(
    ({ nodes: ns, edges: es }: { nodes: Node[]; edges: Edge[] }) => {
      if (ns.length === 0 && es.length === 0) return;
      store.editGraph((g) =>
        removeNodes(
          removeEdges(
            g,
            es.map((e) => e.id),
          ),
          ns.map((n) => n.id),
        ),
      );
      onSelect(null);
    },
    [store, onSelect],
  );

  const onDragOver = useCallback((e: DragEvent) => {
    if (e.dataTransfer.types.includes(COMPONENT_MIME)) {
      e.preventDefault();
      e.dataTransfer.dropEffect = 'copy';
    }
  }, []);

  const onDrop = useCallback(
    (e: DragEvent) => {
      const component = e.dataTransfer.getData(COMPONENT_MIME);
      if (!component || !flow) return;
      e.preventDefault();
      const p = flow.screenToFlowPosition({ x: e.clientX, y: e.clientY });
      let id = '';
      store.editGraph((g) => {
        id = uniqueNodeId(g, component);
        const r = addNode(g, { id, component, x: Math.round(p.x - 90), y: Math.round(p.y - 20) });
        return r.ok ? r.graph : g;
      });
      if (id) onSelect({ kind: 'node', id });
    },
    [flow, store, onSelect],
  );

  return { onNodeDragStop, onConnect, onDelete, onDragOver, onDrop };
}

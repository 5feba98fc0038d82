// The graph view's gestures as store edits: a drag's end moves nodes (one undo step), a new
// connection is checked by the editor's rules (a refused target is flagged while dragging and
// the reason said on release), deletions, and components dropped from the palette.
import type {
  Connection,
  Edge,
  FinalConnectionState,
  IsValidConnection,
  Node,
  ReactFlowInstance,
} from '@xyflow/react';
import { type DragEvent, useCallback } from 'react';
import type { ComponentLibrary } from '../graph-doc/components';
import { connect } from '../graph-doc/connect';
import { checkConnection } from '../graph-doc/connect';
import {
  type Graph,
  addNode,
  moveNodes,
  removeEdges,
  removeNodes,
  uniqueNodeId,
} from '../graph-doc/graph';
import { useNotify } from '../app/NotifyContext';
import { useProjectStore } from '../app/ProjectContext';
import { COMPONENT_MIME, type Selection } from './GraphView';
import { refusalWhileDragging } from './connectionCheck';

export function useGraphGestures(
  graph: Graph,
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

  // xyflow asks while the pointer is over a handle: a refused target shows as invalid (red) and
  // the drop makes no edge; onConnectEnd then says why.
  const isValidConnection = useCallback<IsValidConnection>(
    (c) =>
      !!c.sourceHandle &&
      !!c.targetHandle &&
      checkConnection(
        graph,
        library,
        { node: c.source, port: c.sourceHandle },
        { node: c.target, port: c.targetHandle },
      ) === null,
    [graph, library],
  );

  const onConnectEnd = useCallback(
    (_: MouseEvent | TouchEvent, state: FinalConnectionState) => {
      if (state.isValid !== false || !state.fromHandle) return;
      const reason = refusalWhileDragging(graph, library, state.fromHandle, state.toHandle);
      if (reason) notify(`Connection refused: ${reason}`, 'error');
    },
    [graph, library, notify],
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

  return {
    onNodeDragStop,
    onConnect,
    onConnectEnd,
    isValidConnection,
    onDelete,
    onDragOver,
    onDrop,
  };
}

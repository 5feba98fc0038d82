// The visual graph editor (React Flow). The graph in the project store is the truth: this
// view renders it, and turns gestures (drag, connect, delete, drop from the palette) into
// store edits. Positions are committed when a drag ends, as one undo step. Ctrl+C / Ctrl+V
// copy and paste the selected nodes (graph-doc/clipboard.ts); the view tells viewPlacement.ts
// where it looks and how big its nodes are (for adding in view and Auto-layout).
import {
  applyNodeChanges,
  Background,
  BackgroundVariant,
  type Connection,
  Controls,
  type Edge,
  MiniMap,
  type Node,
  type NodeChange,
  ReactFlow,
  type ReactFlowInstance,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import {
  type DragEvent,
  type KeyboardEvent,
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { copyNodes, type NodeClip, pasteNodes } from '../graph-doc/clipboard';
import {
  freeSpot,
  measuredSizes,
  setMeasuredSizes,
  setViewCentreProvider,
  viewCentre,
  viewRect,
} from './viewPlacement';
import { type ComponentLibrary } from '../graph-doc/components';
import { connect } from '../graph-doc/connect';
import {
  addNode,
  type Graph,
  moveNodes,
  removeEdges,
  removeNodes,
  uniqueNodeId,
} from '../graph-doc/graph';
import { useNotify } from '../app/NotifyContext';
import { useProjectStore } from '../app/ProjectContext';
import { useEngineSession, useSession } from '../app/SessionContext';
import { FlowNode } from './FlowNode';
import { useExpandedNodes } from './expandedNodes';
import {
  type FlowEdgeData,
  type FlowNodeData,
  HOT_MS,
  toFlowEdges,
  toFlowNodes,
} from './flowModel';

export type Selection = { kind: 'node'; id: string } | { kind: 'edge'; key: string } | null;

export const COMPONENT_MIME = 'application/x-emflow-component';

const nodeTypes = { component: FlowNode };

/** What Ctrl+C copied last (kept across projects of this tab, like a clipboard). */
let clipboard: NodeClip | null = null;

/**
 * The zoom the view opens at: fit the graph, but never below READABLE_ZOOM, so node text
 * (12.5 px) stays at least 12 px on screen; a larger graph is panned instead.
 */
const READABLE_ZOOM = 0.96;
const FIT = { padding: 0.08, maxZoom: 1, minZoom: READABLE_ZOOM };

interface Props {
  graph: Graph;
  library: ComponentLibrary;
  selection: Selection;
  onSelect: (s: Selection) => void;
  colorMode: 'dark' | 'light';
  /** Increments when the view should fit the whole graph (after auto-layout, an import). */
  fitRequest: number;
  showMiniMap: boolean;
}

export function GraphView(props: Props) {
  const { graph, library, selection, onSelect } = props;
  const store = useProjectStore();
  const notify = useNotify();
  const { packets } = useEngineSession();
  const dataVersion = useSession((s) => s.dataVersion);
  const nodeErrors = useSession((s) => s.nodeErrors);
  const [flow, setFlow] = useState<ReactFlowInstance<
    Node<FlowNodeData>,
    Edge<FlowEdgeData>
  > | null>(null);
  const selectedNode = selection?.kind === 'node' ? selection.id : null;
  const selectedEdge = selection?.kind === 'edge' ? selection.key : null;

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

  useEffect(() => {
    if (flow && props.fitRequest > 0)
      requestAnimationFrame(() => void flow.fitView({ ...FIT, duration: 200 }));
  }, [flow, props.fitRequest]);

  // Tell the rest of the app where the view looks and how big the nodes are drawn.
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!flow) return;
    setViewCentreProvider(
      () => {
        const r = box.current?.getBoundingClientRect();
        if (!r || r.width === 0) return null;
        return flow.screenToFlowPosition({ x: r.left + r.width / 2, y: r.top + r.height / 2 });
      },
      () => {
        const r = box.current?.getBoundingClientRect();
        if (!r || r.width === 0) return null;
        const a = flow.screenToFlowPosition({ x: r.left + 10, y: r.top + 10 });
        const b = flow.screenToFlowPosition({ x: r.right - 10, y: r.bottom - 10 });
        return { x: a.x, y: a.y, width: b.x - a.x, height: b.y - a.y };
      },
    );
    return () => setViewCentreProvider(null);
  }, [flow]);
  useEffect(() => {
    setMeasuredSizes(
      nodes
        .filter((n) => n.measured?.width && n.measured?.height)
        .map((n) => [n.id, { width: n.measured!.width!, height: n.measured!.height! }]),
    );
  }, [nodes]);

  const onKeyDown = useCallback(
    (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
      const target = e.target as HTMLElement;
      if (['INPUT', 'TEXTAREA'].includes(target.tagName) || target.isContentEditable) return;
      const key = e.key.toLowerCase();
      if (key === 'c') {
        const ids = nodes.filter((n) => n.selected).map((n) => n.id);
        if (ids.length === 0 && selectedNode) ids.push(selectedNode);
        const clip = copyNodes(graph, ids);
        if (!clip) return;
        clipboard = clip;
        e.preventDefault();
        notify(`Copied ${clip.nodes.length} node${clip.nodes.length === 1 ? '' : 's'}.`);
      } else if (key === 'v' && clipboard) {
        e.preventDefault();
        const clip = clipboard;
        const centre = viewCentre() ?? { x: 40, y: 40 };
        let pasted: string[] = [];
        store.editGraph((g) => {
          const sizes = measuredSizes();
          const at = freeSpot(
            { x: centre.x - 90, y: centre.y - 40 },
            { width: 200, height: 80 },
            g.nodes.map((n) => ({
              x: n.x,
              y: n.y,
              ...(sizes.get(n.id) ?? { width: 200, height: 80 }),
            })),
            viewRect(),
          );
          const r = pasteNodes(g, clip, at);
          pasted = r.ids;
          return r.graph;
        });
        if (pasted.length === 1) onSelect({ kind: 'node', id: pasted[0] });
      }
    },
    [nodes, graph, selectedNode, store, notify, onSelect],
  );

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

  return (
    <div
      className="graph-view"
      ref={box}
      onDragOver={onDragOver}
      onDrop={onDrop}
      onKeyDown={onKeyDown}
      tabIndex={-1}
      data-testid="graph-view"
    >
      <ReactFlow<Node<FlowNodeData>, Edge<FlowEdgeData>>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        onInit={setFlow}
        onNodesChange={onNodesChange}
        onNodeDragStop={onNodeDragStop}
        onConnect={onConnect}
        onDelete={onDelete}
        onNodeClick={(_, n) => onSelect({ kind: 'node', id: n.id })}
        onEdgeClick={(_, e) => onSelect({ kind: 'edge', key: e.id })}
        onPaneClick={() => onSelect(null)}
        deleteKeyCode={['Delete', 'Backspace']}
        colorMode={props.colorMode}
        fitView
        fitViewOptions={FIT}
        minZoom={0.2}
        maxZoom={2}
        defaultEdgeOptions={{ type: 'default' }}
      >
        <Background variant={BackgroundVariant.Dots} gap={16} size={1} />
        <Controls showInteractive={false} />
        {props.showMiniMap && (
          <MiniMap pannable zoomable className="minimap" style={{ width: 140, height: 90 }} />
        )}
      </ReactFlow>
      {graph.nodes.length === 0 && (
        <div className="graph-empty">
          Drag components from the palette, or type <code>.fbp</code> in the Text view.
        </div>
      )}
    </div>
  );
}

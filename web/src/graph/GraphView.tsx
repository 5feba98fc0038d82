// The visual graph editor (React Flow). The graph in the project store is the truth: this
// view renders it (useFlowElements), and turns gestures (drag, connect, delete, drop from the
// palette: useGraphGestures) into store edits. Positions are committed when a drag ends, as one
// undo step. Ctrl+C / Ctrl+V copy and paste the selected nodes (useNodeClipboard); the view
// tells viewPlacement.ts where it looks and how big its nodes are (useViewGeometry).
import {
  Background,
  BackgroundVariant,
  Controls,
  type Edge,
  MiniMap,
  type Node,
  ReactFlow,
  type ReactFlowInstance,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useEffect, useRef, useState } from 'react';
import { type ComponentLibrary } from '../graph-doc/components';
import { type Graph } from '../graph-doc/graph';
import { ConnectionHint } from './ConnectionHint';
import { FlowNode } from './FlowNode';
import { type FlowEdgeData, type FlowNodeData } from './flowModel';
import { useFlowElements } from './useFlowElements';
import { useGraphGestures } from './useGraphGestures';
import { useNodeClipboard } from './useNodeClipboard';
import { useViewGeometry } from './useViewGeometry';

export type Selection = { kind: 'node'; id: string } | { kind: 'edge'; key: string } | null;

export const COMPONENT_MIME = 'application/x-emflow-component';

const nodeTypes = { component: FlowNode };

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
  const [flow, setFlow] = useState<ReactFlowInstance<
    Node<FlowNodeData>,
    Edge<FlowEdgeData>
  > | null>(null);
  const selectedNode = selection?.kind === 'node' ? selection.id : null;
  const selectedEdge = selection?.kind === 'edge' ? selection.key : null;
  const { nodes, edges, onNodesChange } = useFlowElements(
    graph,
    library,
    selectedNode,
    selectedEdge,
  );

  useEffect(() => {
    if (flow && props.fitRequest > 0)
      requestAnimationFrame(() => void flow.fitView({ ...FIT, duration: 200 }));
  }, [flow, props.fitRequest]);

  const box = useRef<HTMLDivElement>(null);
  useViewGeometry(flow as ReactFlowInstance | null, box, nodes);
  const onKeyDown = useNodeClipboard(graph, nodes, selectedNode, onSelect);
  const {
    onNodeDragStop,
    onConnect,
    onConnectEnd,
    isValidConnection,
    onDelete,
    onDragOver,
    onDrop,
  } = useGraphGestures(graph, library, flow as ReactFlowInstance<Node, Edge> | null, onSelect);

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
        onConnectEnd={onConnectEnd}
        isValidConnection={isValidConnection}
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
        <ConnectionHint graph={graph} library={library} />
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

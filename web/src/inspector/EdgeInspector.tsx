// The inspector for an edge: its ends and their types, the packets it carried recently, delete.
import type { Selection } from '../graph/GraphView';
import type { ComponentLibrary } from '../graph-doc/components';
import { edgeKey, findNode, type Graph, removeEdges } from '../graph-doc/graph';
import { useProjectStore } from '../app/ProjectContext';
import { useEngineSession } from '../app/SessionContext';
import { PacketList } from './PacketList';

interface Props {
  graph: Graph;
  library: ComponentLibrary;
  edgeKeyText: string;
  onSelect: (s: Selection) => void;
}

export function EdgeInspector({ graph, library, edgeKeyText, onSelect }: Props) {
  const store = useProjectStore();
  const { packets } = useEngineSession();
  const edge = graph.edges.find((e) => edgeKey(e) === edgeKeyText);
  if (!edge) return <div className="inspector muted pad">The selected edge is gone.</div>;
  const from = findNode(graph, edge.src.node);
  const to = findNode(graph, edge.tgt.node);
  const outType =
    from && library.get(from.component)?.outPorts.find((p) => p.id === edge.src.port)?.type;
  const inType = to && library.get(to.component)?.inPorts.find((p) => p.id === edge.tgt.port)?.type;
  return (
    <div className="inspector" data-testid="inspector">
      <div className="insp-title">
        <span className="kind">edge</span>
        <span className="mono">
          {edge.src.node}.{edge.src.port.toUpperCase()} → {edge.tgt.node}.
          {edge.tgt.port.toUpperCase()}
        </span>
      </div>
      <div className="insp-sub muted">
        {outType ?? '?'} → {inType ?? '?'}
      </div>
      <h4>Recent packets</h4>
      <PacketList packets={packets.get(edgeKeyText)} empty="No packets yet — run the simulation." />
      <div className="insp-actions">
        <button
          className="btn danger"
          onClick={() => {
            store.editGraph((g) => removeEdges(g, [edgeKeyText]));
            onSelect(null);
          }}
        >
          Delete edge
        </button>
      </div>
    </div>
  );
}

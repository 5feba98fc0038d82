// The inspector: details of the selected node (NodeInspector) or edge (EdgeInspector), or of
// the graph when nothing is selected: its size and its problems, each clickable to its node.
import type { Selection } from '../graph/GraphView';
import type { ComponentLibrary } from '../graph-doc/components';
import type { Diagnostic } from '../graph-doc/diagnostics';
import { type Graph, graphName } from '../graph-doc/graph';
import { useSession } from '../app/SessionContext';
import { EdgeInspector } from './EdgeInspector';
import { NodeInspector } from './NodeInspector';
import { ProblemList } from './ProblemList';

interface Props {
  graph: Graph;
  library: ComponentLibrary;
  selection: Selection;
  onSelect: (s: Selection) => void;
  problems: Diagnostic[];
  /** Opens the component's help page (the name in the title links there). */
  onHelp?: (component: string) => void;
}

export function Inspector(props: Props) {
  const { graph, library, selection, onSelect, problems, onHelp } = props;
  // Packets are mutated in place by the session; its data version re-renders the lists.
  useSession((s) => s.dataVersion);
  if (selection?.kind === 'node') {
    return (
      <NodeInspector
        graph={graph}
        library={library}
        nodeId={selection.id}
        onSelect={onSelect}
        onHelp={onHelp}
      />
    );
  }
  if (selection?.kind === 'edge') {
    return (
      <EdgeInspector
        graph={graph}
        library={library}
        edgeKeyText={selection.key}
        onSelect={onSelect}
      />
    );
  }
  return (
    <div className="inspector" data-testid="inspector">
      <div className="insp-title">
        <span className="kind">graph</span>
        <span>{graphName(graph)}</span>
      </div>
      <div className="insp-sub muted">
        {graph.nodes.length} nodes · {graph.edges.length} edges · {graph.iips.length} initial
        packets
      </div>
      <h4>Problems</h4>
      {problems.length === 0 ? (
        <div className="muted small">None.</div>
      ) : (
        <ProblemList problems={problems} onSelect={onSelect} />
      )}
      <p className="muted small hint">
        Select a node or an edge to see its ports, initial packets and the packets it carries.
      </p>
    </div>
  );
}

// The inspector for a node: its name (renamable), component (linked to its help page),
// errors, in-ports with their initial values, out-ports, the packets it sent recently, delete.
import { useEffect, useState } from 'react';
import type { Selection } from '../graph/GraphView';
import { nodePorts } from '../graph/nodePorts';
import type { ComponentLibrary } from '../graph-doc/components';
import { edgeKey, findNode, type Graph, removeNodes, renameNode } from '../graph-doc/graph';
import { useNotify } from '../app/NotifyContext';
import { useProjectStore } from '../app/ProjectContext';
import { useEngineSession, useSession } from '../app/SessionContext';
import { PortTables } from './PortTables';
import { PacketList } from './PacketList';

interface Props {
  graph: Graph;
  library: ComponentLibrary;
  nodeId: string;
  onSelect: (s: Selection) => void;
  onHelp?: (component: string) => void;
}

function NodeName({ id, onRename }: { id: string; onRename: (to: string) => void }) {
  const [draft, setDraft] = useState(id);
  useEffect(() => setDraft(id), [id]);
  return (
    <input
      className="name-input"
      value={draft}
      onChange={(e) => setDraft(e.target.value)}
      onBlur={() => draft !== id && onRename(draft)}
      onKeyDown={(e) => {
        if (e.key === 'Enter' && draft !== id) onRename(draft);
        if (e.key === 'Escape') setDraft(id);
      }}
      aria-label="Node name"
      data-testid="node-name-input"
    />
  );
}

export function NodeInspector({ graph, library, nodeId, onSelect, onHelp }: Props) {
  const store = useProjectStore();
  const notify = useNotify();
  const { packets } = useEngineSession();
  const nodeErrors = useSession((s) => s.nodeErrors);
  const node = findNode(graph, nodeId);
  if (!node) return <div className="inspector muted pad">The selected node is gone.</div>;
  const info = library.get(node.component);
  const ports = nodePorts(graph, library, node, true);
  const outgoing = graph.edges.filter((e) => e.src.node === node.id);
  return (
    <div className="inspector" data-testid="inspector">
      <div className="insp-title">
        <span className="kind">node</span>
        <NodeName
          id={node.id}
          onRename={(to) => {
            let reason: string | null = null;
            store.editGraph((g) => {
              const r = renameNode(g, node.id, to);
              if (r.ok) return r.graph;
              reason = r.reason;
              return g;
            });
            if (reason) notify(`Cannot rename: ${reason}`, 'error');
            else onSelect({ kind: 'node', id: to });
          }}
        />
      </div>
      <div className="insp-sub">
        {info && onHelp ? (
          <button
            className="comp link"
            onClick={() => onHelp(node.component)}
            title={`Help: ${node.component} — ports, types, an example`}
            data-testid="inspector-component-help"
          >
            {node.component}
          </button>
        ) : (
          <span className="comp">{node.component}</span>
        )}
        {info?.description && <span className="muted"> — {info.description}</span>}
      </div>
      {(nodeErrors[node.id] || ports.unknownComponent) && (
        <div className="insp-error" role="alert">
          {nodeErrors[node.id] ?? `“${node.component}” is not a component of the engine’s library.`}
        </div>
      )}
      <PortTables graph={graph} nodeId={node.id} ports={ports} />
      <h4>Recent packets sent</h4>
      {outgoing.length === 0 && <div className="muted small">No outgoing edges.</div>}
      {outgoing.map((e) => (
        <div key={edgeKey(e)} className="insp-edge">
          <div className="mono small">
            {e.src.port.toUpperCase()} → {e.tgt.node}.{e.tgt.port.toUpperCase()}
          </div>
          <PacketList
            packets={packets.get(edgeKey(e))}
            empty="No packets yet — run the simulation."
          />
        </div>
      ))}
      <div className="insp-actions">
        <button
          className="btn danger"
          onClick={() => {
            store.editGraph((g) => removeNodes(g, [node.id]));
            onSelect(null);
          }}
        >
          Delete node
        </button>
      </div>
    </div>
  );
}

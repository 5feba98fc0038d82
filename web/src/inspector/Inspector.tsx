// The inspector: details of the selected node or edge (ports, types, IIPs, recent packets,
// errors), or of the graph when nothing is selected.
import { useEffect, useState } from 'react';
import type { Selection } from '../graph/GraphView';
import { nodePorts } from '../graph/nodePorts';
import type { ComponentLibrary } from '../graph-doc/components';
import type { Diagnostic } from '../graph-doc/diagnostics';
import { ProblemList } from './ProblemList';
import {
  edgeKey,
  findNode,
  type Graph,
  graphName,
  removeEdges,
  removeNodes,
  renameNode,
  setIip,
} from '../graph-doc/graph';
import { useNotify } from '../app/NotifyContext';
import { useProjectStore } from '../app/ProjectContext';
import { useEngineSession, useSession } from '../app/SessionContext';
import { IipField } from './IipField';
import { PacketList } from './PacketList';

interface Props {
  graph: Graph;
  library: ComponentLibrary;
  selection: Selection;
  onSelect: (s: Selection) => void;
  problems: Diagnostic[];
  /** Opens the component's help page (the name in the title links there). */
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

export function Inspector(props: Props) {
  const { graph, library, selection, onSelect, problems, onHelp } = props;
  const store = useProjectStore();
  const notify = useNotify();
  const { packets } = useEngineSession();
  const nodeErrors = useSession((s) => s.nodeErrors);
  // Packets are mutated in place by the session; its data version re-renders the lists.
  useSession((s) => s.dataVersion);

  if (selection?.kind === 'node') {
    const node = findNode(graph, selection.id);
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
            {nodeErrors[node.id] ??
              `“${node.component}” is not a component of the engine’s library.`}
          </div>
        )}
        <h4>
          In-ports{' '}
          <span
            className="muted small"
            title="An initial value is a constant sent once to the port when the network starts (FBP calls it an IIP, initial information packet)"
          >
            · initial values (IIP)
          </span>
        </h4>
        {ports.inPorts.length === 0 && <div className="muted small">none</div>}
        <table className="ports">
          <tbody>
            {ports.inPorts.map((p) => {
              const iip = graph.iips.find((i) => i.tgt.node === node.id && i.tgt.port === p.id);
              return (
                <tr key={p.id} title={p.description}>
                  <td className="mono">{p.id.toUpperCase()}</td>
                  <td className="type">{p.type}</td>
                  <td>
                    <IipField
                      node={node.id}
                      port={p.id}
                      value={iip?.data}
                      onCommit={(data) =>
                        store.editGraph((g) => setIip(g, { node: node.id, port: p.id }, data))
                      }
                    />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <h4>Out-ports</h4>
        {ports.outPorts.length === 0 && <div className="muted small">none</div>}
        <table className="ports">
          <tbody>
            {ports.outPorts.map((p) => (
              <tr key={p.id} title={p.description}>
                <td className="mono">{p.id.toUpperCase()}</td>
                <td className="type">{p.type}</td>
                <td className="muted small">{p.description}</td>
              </tr>
            ))}
          </tbody>
        </table>
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

  if (selection?.kind === 'edge') {
    const edge = graph.edges.find((e) => edgeKey(e) === selection.key);
    if (!edge) return <div className="inspector muted pad">The selected edge is gone.</div>;
    const from = findNode(graph, edge.src.node);
    const to = findNode(graph, edge.tgt.node);
    const outType =
      from && library.get(from.component)?.outPorts.find((p) => p.id === edge.src.port)?.type;
    const inType =
      to && library.get(to.component)?.inPorts.find((p) => p.id === edge.tgt.port)?.type;
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
        <PacketList
          packets={packets.get(selection.key)}
          empty="No packets yet — run the simulation."
        />
        <div className="insp-actions">
          <button
            className="btn danger"
            onClick={() => {
              store.editGraph((g) => removeEdges(g, [selection.key]));
              onSelect(null);
            }}
          >
            Delete edge
          </button>
        </div>
      </div>
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

// A node's ports in the inspector: in-ports with their type and initial value (editable; FBP
// calls it an IIP), out-ports with their type and description.
import type { nodePorts } from '../graph/nodePorts';
import { type Graph, setIip } from '../graph-doc/graph';
import { useProjectStore } from '../app/ProjectContext';
import { IipField } from './IipField';

interface Props {
  graph: Graph;
  nodeId: string;
  ports: ReturnType<typeof nodePorts>;
}

export function PortTables({ graph, nodeId, ports }: Props) {
  const store = useProjectStore();
  const node = { id: nodeId };
  return (
    <>
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
    </>
  );
}

// A component node: a header with the node name and component, then one row per port with
// its handle; IIPs sit beside their in-port, the last value beside each out-port.
import { Handle, type NodeProps, Position } from '@xyflow/react';
import { memo } from 'react';
import { toggleExpanded } from './expandedNodes';
import type { FlowNode as FlowNodeType } from './flowModel';

function FlowNodeView({ data, selected }: NodeProps<FlowNodeType>) {
  const { ports, iips, lastOut, error } = data;
  const rows = Math.max(ports.inPorts.length, ports.outPorts.length, 1);
  return (
    <div
      className={`fnode${selected ? ' selected' : ''}${error ? ' has-error' : ''}`}
      title={data.description || data.component}
      data-testid={`node-${data.name}`}
    >
      <div className="fnode-head">
        <span className="fnode-name">{data.name}</span>
        <span className="fnode-comp">{data.component}</span>
      </div>
      <div className="fnode-ports" style={{ gridTemplateRows: `repeat(${rows}, 20px)` }}>
        {ports.inPorts.map((p, i) => (
          <div
            key={`in-${p.id}`}
            className={`fport in${p.known ? '' : ' unknown'}`}
            style={{ gridRow: i + 1 }}
            title={`${p.id.toUpperCase()} (${p.type})${p.description ? ` — ${p.description}` : ''}`}
          >
            <Handle type="target" position={Position.Left} id={p.id} className={`h-${p.type}`} />
            <span className="fport-name">{p.id.toUpperCase()}</span>
            {iips[p.id] !== undefined && (
              <span className="fport-iip" data-testid={`iip-${data.name}-${p.id}`}>
                {iips[p.id]}
              </span>
            )}
          </div>
        ))}
        {ports.outPorts.map((p, i) => (
          <div
            key={`out-${p.id}`}
            className={`fport out${p.known ? '' : ' unknown'}`}
            style={{ gridRow: i + 1 }}
            title={`${p.id.toUpperCase()} (${p.type})${p.description ? ` — ${p.description}` : ''}`}
          >
            {lastOut[p.id] !== undefined && <span className="fport-value">{lastOut[p.id]}</span>}
            <span className="fport-name">{p.id.toUpperCase()}</span>
            <Handle type="source" position={Position.Right} id={p.id} className={`h-${p.type}`} />
          </div>
        ))}
      </div>
      {(ports.hiddenIn > 0 || ports.hiddenOut > 0 || data.expanded) && (
        <button
          className="fnode-more nodrag"
          onClick={(e) => {
            e.stopPropagation();
            toggleExpanded(data.name);
          }}
        >
          {data.expanded
            ? 'show used ports only'
            : `+${ports.hiddenIn + ports.hiddenOut} unused ports`}
        </button>
      )}
      {error && (
        <div className="fnode-error" role="alert">
          {error}
        </div>
      )}
    </div>
  );
}

export const FlowNode = memo(FlowNodeView);

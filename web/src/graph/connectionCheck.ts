// The editor's connection rules applied to a connection still being dragged: xyflow reports the
// handle it started from and the handle under the pointer (either may be the input), and the
// graph view flags a refused target while dragging and says why on release.
import type { Handle } from '@xyflow/react';
import type { ComponentLibrary } from '../graph-doc/components';
import { checkConnection } from '../graph-doc/connect';
import type { Graph, PortRef } from '../graph-doc/graph';

/** Output → input, whichever end the drag started from; null for a handle without a port. */
export function edgeFromHandles(from: Handle, to: Handle): { src: PortRef; tgt: PortRef } | null {
  if (!from.id || !to.id) return null;
  const a = { node: from.nodeId, port: from.id };
  const b = { node: to.nodeId, port: to.id };
  return from.type === 'source' ? { src: a, tgt: b } : { src: b, tgt: a };
}

/** Why the dragged connection would be refused, or null when it would be made. */
export function refusalWhileDragging(
  graph: Graph,
  library: ComponentLibrary,
  from: Handle,
  to: Handle | null,
): string | null {
  if (!to) return null;
  if (from.type === to.type)
    return from.type === 'source'
      ? 'both ends are outputs; connect an output to an input'
      : 'both ends are inputs; connect an output to an input';
  const edge = edgeFromHandles(from, to);
  return edge ? checkConnection(graph, library, edge.src, edge.tgt) : null;
}

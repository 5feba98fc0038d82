// While a connection is dragged over a port it cannot connect to, says why next to the pointer
// (the handle itself turns red through xyflow's isValidConnection): a type mismatch is seen
// before the mouse is released, not only in a toast afterwards.
import { ViewportPortal, useConnection } from '@xyflow/react';
import type { ComponentLibrary } from '../graph-doc/components';
import type { Graph } from '../graph-doc/graph';
import { refusalWhileDragging } from './connectionCheck';

export function ConnectionHint({ graph, library }: { graph: Graph; library: ComponentLibrary }) {
  const connection = useConnection();
  if (!connection.inProgress || !connection.toHandle) return null;
  const reason = refusalWhileDragging(graph, library, connection.fromHandle, connection.toHandle);
  if (!reason) return null;
  return (
    <ViewportPortal>
      <div
        className="connection-hint"
        role="status"
        data-testid="connection-hint"
        style={{ transform: `translate(${connection.to.x + 12}px, ${connection.to.y + 12}px)` }}
      >
        {reason}
      </div>
    </ViewportPortal>
  );
}

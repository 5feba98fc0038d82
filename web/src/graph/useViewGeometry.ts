// Tells the rest of the app (viewPlacement.ts) where the graph view looks and how big its
// nodes are drawn, for adding nodes in view and for Auto-layout.
import type { Node, ReactFlowInstance } from '@xyflow/react';
import { type RefObject, useEffect } from 'react';
import { setMeasuredSizes, setViewCentreProvider } from './viewPlacement';

export function useViewGeometry(
  flow: ReactFlowInstance<Node, never> | ReactFlowInstance | null,
  box: RefObject<HTMLDivElement | null>,
  nodes: Node[],
) {
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
  }, [flow, box]);
  useEffect(() => {
    setMeasuredSizes(
      nodes
        .filter((n) => n.measured?.width && n.measured?.height)
        .map((n) => [n.id, { width: n.measured!.width!, height: n.measured!.height! }]),
    );
  }, [nodes]);
}

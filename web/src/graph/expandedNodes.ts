// Which nodes show all their ports (a board has 20 pins; by default only the used ones show).
// View state, not part of the graph: a tiny module-level store the node components can reach.
import { useSyncExternalStore } from 'react';

let expanded: ReadonlySet<string> = new Set();
const listeners = new Set<() => void>();

export function toggleExpanded(node: string): void {
  const next = new Set(expanded);
  if (!next.delete(node)) next.add(node);
  expanded = next;
  for (const l of listeners) l();
}

const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => listeners.delete(l);
};

export const useExpandedNodes = (): ReadonlySet<string> =>
  useSyncExternalStore(subscribe, () => expanded);

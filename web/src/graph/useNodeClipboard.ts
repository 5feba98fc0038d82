// Ctrl+C / Ctrl+V in the graph view: copy the selected nodes (graph-doc/clipboard.ts) and paste
// them at a free spot in view, as one undo step.
import type { Node } from '@xyflow/react';
import { type KeyboardEvent, useCallback } from 'react';
import { copyNodes, type NodeClip, pasteNodes } from '../graph-doc/clipboard';
import type { Graph } from '../graph-doc/graph';
import { useNotify } from '../app/NotifyContext';
import { useProjectStore } from '../app/ProjectContext';
import type { Selection } from './GraphView';
import { freeSpot, measuredSizes, viewCentre, viewRect } from './viewPlacement';

/** What Ctrl+C copied last (kept across projects of this tab, like a clipboard). */
let clipboard: NodeClip | null = null;

export function useNodeClipboard(
  graph: Graph,
  nodes: Node[],
  selectedNode: string | null,
  onSelect: (s: Selection) => void,
) {
  const store = useProjectStore();
  const notify = useNotify();
  return useCallback(
    (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
      const target = e.target as HTMLElement;
      if (['INPUT', 'TEXTAREA'].includes(target.tagName) || target.isContentEditable) return;
      const key = e.key.toLowerCase();
      if (key === 'c') {
        const ids = nodes.filter((n) => n.selected).map((n) => n.id);
        if (ids.length === 0 && selectedNode) ids.push(selectedNode);
        const clip = copyNodes(graph, ids);
        if (!clip) return;
        clipboard = clip;
        e.preventDefault();
        notify(`Copied ${clip.nodes.length} node${clip.nodes.length === 1 ? '' : 's'}.`);
      } else if (key === 'v' && clipboard) {
        e.preventDefault();
        const clip = clipboard;
        const centre = viewCentre() ?? { x: 40, y: 40 };
        let pasted: string[] = [];
        store.editGraph((g) => {
          const sizes = measuredSizes();
          const at = freeSpot(
            { x: centre.x - 90, y: centre.y - 40 },
            { width: 200, height: 80 },
            g.nodes.map((n) => ({
              x: n.x,
              y: n.y,
              ...(sizes.get(n.id) ?? { width: 200, height: 80 }),
            })),
            viewRect(),
          );
          const r = pasteNodes(g, clip, at);
          pasted = r.ids;
          return r.graph;
        });
        if (pasted.length === 1) onSelect({ kind: 'node', id: pasted[0] });
      }
    },
    [nodes, graph, selectedNode, store, notify, onSelect],
  );
}

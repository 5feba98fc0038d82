// What the header, sidebar and palette do to the projects: open one, start a new one (empty,
// from an example, from a file), add a component to the open graph. A switch clears the
// selection, fits the view and resets the engine; a switch the store refuses (the open
// project's changes cannot be saved) changes nothing, and the storage banner says why.
import { freeSpot, measuredSizes, viewCentre, viewRect } from '../graph/viewPlacement';
import { useCallback } from 'react';
import { exampleById, fetchExampleModels } from '../examples/examples';
import type { Selection } from '../graph/GraphView';
import { addNode, emptyGraph, uniqueNodeId } from '../graph-doc/graph';
import { documentFromGraph, documentFromText, type GraphDocument } from '../state/document';
import { UnsavedChangesError } from '../state/projectStore';
import { useNotify } from './NotifyContext';
import { useProjectStore } from './ProjectContext';
import { useEngineSession } from './SessionContext';

export interface ViewControl {
  select: (s: Selection) => void;
  /** Fits the graph view to the whole graph (after a switch, a layout, a view change). */
  requestFit: () => void;
}

export function useProjectActions({ select, requestFit }: ViewControl) {
  const store = useProjectStore();
  const session = useEngineSession();
  const notify = useNotify();

  const openProject = useCallback(
    async (id: string) => {
      if (!(await store.open(id))) return;
      select(null);
      await session.reset();
    },
    [store, session, select],
  );

  /** Opens a new project made by `make` (false when refused: the banner says why). */
  const startNew = useCallback(
    async (make: () => Promise<string>): Promise<boolean> => {
      try {
        await make();
      } catch (e) {
        if (e instanceof UnsavedChangesError) return false;
        throw e;
      }
      select(null);
      requestFit();
      await session.reset();
      return true;
    },
    [session, select, requestFit],
  );

  const createFrom = useCallback(
    (name: string, d: GraphDocument) => startNew(() => store.create(name, d)),
    [store, startNew],
  );

  const newProject = () => createFrom('Untitled', documentFromGraph(emptyGraph('Untitled')));

  const openExample = async (id: string) => {
    const ex = exampleById(id);
    if (!ex || !(await createFrom(ex.title, documentFromText(ex.text)))) return;
    // Its models go into the new project's model store under the annotated ids.
    try {
      for (const model of await fetchExampleModels(ex)) store.setModel(model);
    } catch (e) {
      notify(
        `The example's model could not be loaded: ${e instanceof Error ? e.message : e}`,
        'error',
      );
    }
  };

  const addComponent = (component: string) => {
    let id = '';
    store.editGraph((g) => {
      id = uniqueNodeId(g, component);
      // In the middle of what the user sees, moved down until it covers no other node.
      const centre = viewCentre() ?? { x: 130, y: 80 };
      const sizes = measuredSizes();
      const at = freeSpot(
        { x: centre.x - 90, y: centre.y - 40 },
        { width: 180, height: 80 },
        g.nodes.map((n) => ({
          x: n.x,
          y: n.y,
          ...(sizes.get(n.id) ?? { width: 180, height: 80 }),
        })),
        viewRect(),
      );
      const r = addNode(g, { id, component, ...at });
      return r.ok ? r.graph : g;
    });
    if (id) select({ kind: 'node', id });
  };

  return { openProject, startNew, createFrom, newProject, openExample, addComponent };
}

export type ProjectActions = ReturnType<typeof useProjectActions>;

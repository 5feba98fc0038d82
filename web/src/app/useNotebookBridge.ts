// Between the notebook and the playground: "Send to playground" (a model into the project's
// model store and the graph) and "To notebook" (the simulation's recording as a dataset the
// notebook finds in data/).
import { useCallback, useMemo } from 'react';
import type { Selection } from '../graph/GraphView';
import { emptyGraph } from '../graph-doc/graph';
import { addModelNode, nodesUsingModel } from '../ml/modelNode';
import { datasetFromActivity, datasetFromTrace } from '../sim/recordDataset';
import { useNotify } from './NotifyContext';
import { useProject, useProjectStore } from './ProjectContext';
import { useEngineSession } from './SessionContext';

export function useNotebookBridge(select: (selection: Selection) => void) {
  const store = useProjectStore();
  const session = useEngineSession();
  const notify = useNotify();

  // "Send to playground": the model is kept with the project (a model of the same name keeps
  // its id), with the rows the notebook evaluated it on (the firmware dialog measures on them). A node that already runs that id (e.g. the Activity example's `classify`) now runs
  // the new model; otherwise a Classify node with `'<id>' -> MODEL` joins the graph.
  const onSendModel = useCallback(
    (name: string, bytes: Uint8Array, rows?: number[][]) => {
      let id: number;
      try {
        id = store.addModel(name, bytes, rows);
      } catch (e) {
        notify(`Model ${name} not added: ${e instanceof Error ? e.message : String(e)}`, 'error');
        return;
      }
      const users = nodesUsingModel(store.document?.graph ?? emptyGraph(), id);
      if (users.length > 0) {
        select({ kind: 'node', id: users[0] });
        notify(
          `Model ${name} (${bytes.length} bytes) replaces model ${id}, used by node ${users.join(', ')}.`,
        );
        return;
      }
      let nodeId = '';
      store.editGraph((g) => {
        const added = addModelNode(g, id);
        nodeId = added.nodeId;
        return added.graph;
      });
      select({ kind: 'node', id: nodeId });
      notify(`Model ${name} (${bytes.length} bytes) is model ${id}: added node ${nodeId}.`);
    },
    [store, notify, select],
  );

  const onNotebookChange = useCallback((nb: unknown) => store.setNotebook(nb), [store]);

  // Datasets recorded from the simulation, as files of the notebook's data/ folder.
  const datasets = useProject((s) => s.project?.datasets);
  const dataFiles = useMemo(
    () => Object.fromEntries((datasets ?? []).map((d) => [d.name, d.csv])),
    [datasets],
  );

  const onRecordToNotebook = async () => {
    const sim = session.getState();
    const world = sim.status?.world && sim.status.world !== 'none' ? sim.status.world : 'trace';
    let r = datasetFromTrace(session.trace, world, datasets ?? []);
    if (r.ok && world === 'activity') {
      // The 25 Hz labelled accelerometer of the schedule this run saw (the trace holds a
      // coarser grid): what nb.window_features and the WindowFeatures node expect.
      const seconds = Math.floor((sim.status?.timeMs ?? 0) / 1000);
      try {
        r = datasetFromActivity(await session.recordActivity(seconds), datasets ?? []);
      } catch (e) {
        r = { ok: false, error: `Recording failed: ${e instanceof Error ? e.message : e}` };
      }
    }
    if (!r.ok) return notify(r.error, 'error');
    store.addDataset(r.dataset);
    notify(
      `Recorded ${r.dataset.name} (${r.dataset.rows} rows) for the notebook: ` +
        `open("data/${r.dataset.name}") in a cell.`,
    );
  };

  return { onSendModel, onNotebookChange, dataFiles, onRecordToNotebook };
}

// Start-up: open the project database, then open a shared graph from the URL, the project used
// last, or (first visit) the fridge example.
import { decodeShareHash, SHARE_PREFIX } from '../graph-doc/shareLink';
import { ProjectDb } from '../persist/projectDb';
import { documentFromGraph, documentFromText } from '../state/document';
import { ProjectStore } from '../state/projectStore';
import { EXAMPLES } from '../examples/examples';
import { emptyGraph, graphName } from '../graph-doc/graph';

export interface Boot {
  store: ProjectStore;
  /** A message for the user about how start-up went (a broken share link…), or null. */
  notice: { message: string; kind: 'error' | 'info' } | null;
}

export async function boot(): Promise<Boot> {
  const store = new ProjectStore(await ProjectDb.open());
  await store.refreshList();
  let notice: Boot['notice'] = null;
  if (location.hash.startsWith(SHARE_PREFIX)) {
    const shared = decodeShareHash(location.hash);
    history.replaceState(null, '', location.pathname + location.search);
    if (shared.ok) {
      await store.create(`${graphName(shared.graph)} (shared)`, documentFromGraph(shared.graph));
      return {
        store,
        notice: { message: 'Opened the graph from the link as a new project.', kind: 'info' },
      };
    }
    notice = { message: shared.error, kind: 'error' };
  }
  if (await store.openLast()) return { store, notice };
  const first = EXAMPLES[0];
  if (first) await store.create(first.title, documentFromText(first.text));
  else await store.create('Untitled', documentFromGraph(emptyGraph()));
  return { store, notice };
}

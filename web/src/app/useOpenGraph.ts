// The open project's document as the views use it: the document (null when no project is
// open), its graph (an empty one then), and the stem of its exported file names.
import { fileStem } from '../files/download';
import { emptyGraph } from '../graph-doc/graph';
import { useProject } from './ProjectContext';

const EMPTY = emptyGraph();

export function useOpenGraph() {
  const doc = useProject((s) => s.project?.history.present ?? null);
  const name = useProject((s) => s.project?.name ?? 'graph');
  return { doc, graph: doc?.graph ?? EMPTY, stem: fileStem(name) };
}

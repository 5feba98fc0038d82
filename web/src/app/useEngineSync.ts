// Keeps the engine in step with the open project: every graph change goes to the running
// network at once (live edits, see sim/liveEdits.ts), and the project's models go into the
// engine (and into every engine started after a crash).
import { useEffect } from 'react';
import type { Graph } from '../graph-doc/graph';
import { useProject } from './ProjectContext';
import { useEngineSession } from './SessionContext';

export function useEngineSync(graph: Graph): void {
  const session = useEngineSession();
  const models = useProject((s) => s.project?.models);
  useEffect(() => session.graphChanged(graph), [session, graph]);
  useEffect(() => void session.setModels(models ?? []), [session, models]);
}

// What to do at start-up with a rescue copy (persist/rescueCopy.ts) of changes that a failing
// storage kept only in localStorage when the tab closed or crashed: nothing (the stored
// project is newer), put them onto their stored project, or open them as a project of their
// own (never stored, or damaged since). ProjectStore.openLast carries the plan out.
import { parseFbp } from '../graph-doc/fbpRead';
import { newProjectId, type Project, type ProjectDb } from '../persist/projectDb';
import { clearRescueCopy, readRescueCopy } from '../persist/rescueCopy';
import type { GraphDocument } from './document';

export type RescuePlan =
  | { kind: 'none' }
  /** Onto stored project `id` as one undo step (and its notebook, when the copy kept one). */
  | { kind: 'onto'; id: string; doc: GraphDocument; notebook: unknown; notice: string }
  /** A new, not yet stored project (a damaged record is kept apart). */
  | { kind: 'own'; project: Project; notice: string };

export async function planRescue(
  db: Pick<ProjectDb, 'load'>,
  storage: Storage | undefined,
): Promise<RescuePlan> {
  const copy = readRescueCopy(storage);
  if (!copy) return { kind: 'none' };
  const r = await db.load(copy.id);
  // Only a record stored strictly later makes the copy stale: a copy written in the same
  // millisecond as the last good write holds the later (refused) changes, so it is put back.
  if (r.kind === 'ok' && r.project.updatedAt > copy.savedAt) {
    clearRescueCopy(storage); // stored later than the copy: nothing to put back
    return { kind: 'none' };
  }
  const when = new Date(copy.savedAt).toLocaleString();
  const notice = `Recovered the changes to “${copy.name}” that could not be saved before the page closed (${when}).`;
  if (r.kind === 'ok') {
    const parsed = parseFbp(copy.text, copy.graph);
    const doc = {
      graph: copy.graph,
      text: copy.text,
      textError: parsed.ok ? null : parsed.diagnostic,
    };
    return { kind: 'onto', id: copy.id, doc, notebook: copy.notebook, notice };
  }
  const id = r.kind === 'missing' ? copy.id : newProjectId();
  const { savedAt, ...rest } = copy;
  return { kind: 'own', project: { ...rest, id, updatedAt: savedAt }, notice };
}

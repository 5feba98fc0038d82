// A rescue copy of the open project's unsaved changes in localStorage, written when IndexedDB
// refuses a save: localStorage has its own small quota, so the graph and text usually still fit
// and survive a crashed or killed tab. The next start puts them back (ProjectStore.openLast).
// One slot: only the open project can have unsaved changes (switching is refused meanwhile).
import type { Project } from './projectDb';
import { validateProject } from './validateProject';

export const RESCUE_KEY = 'emflow.rescue';

/** What the copy keeps: not the model bytes and datasets (large; stored with earlier saves). */
export type RescueCopy = Pick<
  Project,
  'id' | 'name' | 'graph' | 'text' | 'notebook' | 'createdAt'
> & {
  savedAt: number;
};

/** The browser's localStorage, or undefined where there is none or it is blocked. */
export function defaultRescueStorage(): Storage | undefined {
  try {
    return globalThis.localStorage ?? undefined;
  } catch {
    return undefined;
  }
}

/** Writes the copy; false when it does not fit either (the banner still offers Export now). */
export function writeRescueCopy(storage: Storage | undefined, p: Project): boolean {
  if (!storage) return false;
  const copy: RescueCopy = {
    id: p.id,
    name: p.name,
    graph: p.graph,
    text: p.text,
    notebook: p.notebook,
    createdAt: p.createdAt,
    savedAt: Date.now(),
  };
  try {
    storage.setItem(RESCUE_KEY, JSON.stringify(copy));
    return true;
  } catch {
    try {
      // Without the notebook the graph and text may still fit.
      storage.setItem(RESCUE_KEY, JSON.stringify({ ...copy, notebook: undefined }));
      return true;
    } catch {
      return false;
    }
  }
}

/** The copy when there is a sound one (a damaged copy is dropped: nothing else reads it). */
export function readRescueCopy(storage: Storage | undefined): RescueCopy | null {
  let text: string | null = null;
  try {
    text = storage?.getItem(RESCUE_KEY) ?? null;
    if (text === null) return null;
    const raw = JSON.parse(text) as RescueCopy;
    const v = validateProject({ ...raw, updatedAt: raw.savedAt });
    if (v.ok) return { ...raw, graph: v.project.graph };
  } catch {
    // fall through: unreadable
  }
  clearRescueCopy(storage);
  return null;
}

/** Drops the copy (of `id` only, when given): its changes are stored or were discarded. */
export function clearRescueCopy(storage: Storage | undefined, id?: string): void {
  try {
    if (!storage) return;
    if (id !== undefined) {
      const text = storage.getItem(RESCUE_KEY);
      if (text === null || !text.includes(JSON.stringify(id))) return;
      if ((JSON.parse(text) as { id?: unknown }).id !== id) return;
    }
    storage.removeItem(RESCUE_KEY);
  } catch {
    // nothing to do: the copy is only a backup
  }
}

// Notebook autosave in IndexedDB, in its own database (the playground's projects live in
// `emflow`). One record per key; the app passes the project id as key so that each project
// keeps its notebook.
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { Notebook } from './cells';

export const NOTEBOOK_DB_NAME = 'emflow-notebooks';

interface NotebookSchema extends DBSchema {
  notebooks: { key: string; value: { key: string; notebook: Notebook; savedAt: number } };
}

let opening: Promise<IDBPDatabase<NotebookSchema>> | null = null;

function db(): Promise<IDBPDatabase<NotebookSchema>> {
  opening ??= openDB<NotebookSchema>(NOTEBOOK_DB_NAME, 1, {
    upgrade(database) {
      database.createObjectStore('notebooks', { keyPath: 'key' });
    },
  });
  return opening;
}

export async function loadNotebook(key: string): Promise<Notebook | null> {
  const record = await (await db()).get('notebooks', key);
  return record?.notebook ?? null;
}

export async function saveNotebook(key: string, notebook: Notebook): Promise<void> {
  await (await db()).put('notebooks', { key, notebook, savedAt: Date.now() });
}

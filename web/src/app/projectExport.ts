// "Export now": downloads a project as one JSON file (graph, text, notebook, models, datasets)
// from memory, so it works while IndexedDB refuses writes; and a damaged record's raw data.
import { downloadText, fileStem } from '../files/download';
import type { DamagedRecord } from '../persist/projectDb';
import { projectFileText } from '../persist/recordJson';
import type { ProjectStore } from '../state/projectStore';

/** Downloads the open project as `<name>.emflow.json`; false when no project is open. */
export function exportOpenProject(store: ProjectStore): boolean {
  const record = store.currentRecord();
  if (!record) return false;
  downloadText(`${fileStem(record.name)}.emflow.json`, projectFileText(record), 'application/json');
  return true;
}

/** Downloads a damaged record as read, with what was found wrong with it. */
export function exportDamagedRecord(record: DamagedRecord): void {
  downloadText(
    `${fileStem(record.name)}.damaged.emflow.json`,
    projectFileText(record.raw, record.problems),
    'application/json',
  );
}

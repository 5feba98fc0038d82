// "Import": a project file from "Export now" comes back whole (notebook, models, datasets);
// a .fbp or NoFlo .json graph becomes a new project. A file that cannot be read leaves the
// open project unchanged and says why.
import { importGraphFile } from '../files/importFile';
import { readProjectFile } from '../persist/readProjectFile';
import { useNotify } from './NotifyContext';
import { useProjectStore } from './ProjectContext';
import type { ProjectActions } from './useProjectActions';

export function useImportFile({ startNew, createFrom }: ProjectActions) {
  const store = useProjectStore();
  const notify = useNotify();
  return async (file: File) => {
    const text = await file.text();
    const p = readProjectFile(file.name, text);
    if (p.kind === 'error') return notify(`Import failed — ${p.error}.`, 'error');
    if (p.kind === 'ok') {
      if (await startNew(() => store.importProject(p.project)))
        notify(
          `Imported ${file.name} as a new project. ${p.note ?? ''}`,
          p.note ? 'error' : 'info',
        );
      return;
    }
    const r = importGraphFile(file.name, text);
    if (!r.ok) {
      notify(`Import failed — ${r.error}. The open project is unchanged.`, 'error');
      return;
    }
    if (!(await createFrom(r.name, r.document))) return;
    if (r.textError)
      notify(
        `Imported ${file.name} as a new project; its text has an error to fix in the Text view: ${r.textError}`,
        'error',
      );
    else notify(`Imported ${file.name} as a new project.`);
  };
}

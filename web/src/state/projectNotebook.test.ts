// The notebook is saved with its project (ProjectStore.setNotebook), in the same IndexedDB
// record as the graph, and survives reloads, renames and duplication without undo steps.
import { beforeEach, describe, expect, it } from 'vitest';
import { makeCell, type Notebook } from '../notebook/cells';
import { ProjectDb } from '../persist/projectDb';
import { documentFromText } from './document';
import { ProjectStore } from './projectStore';
import { FRIDGE_FBP } from '../test-support/fixtures';

let dbName: string;
let counter = 0;
beforeEach(() => {
  dbName = `emflow-notebook-test-${++counter}`;
});

const load = async () => new ProjectStore(await ProjectDb.open(dbName), 0);

const notebookWith = (source: string): Notebook => ({
  name: 'Training',
  cells: [makeCell('code', source)],
});

describe('the notebook saved with the project', () => {
  it('comes back after a reload, and editing it is not an undo step of the graph', async () => {
    const store = await load();
    const id = await store.create('Fridge', documentFromText(FRIDGE_FBP));
    const notebook = notebookWith('print(42)');
    store.setNotebook(notebook);
    expect(store.canUndo).toBe(false);
    expect(store.getState().saveState).toBe('pending');
    await store.flush();

    const reloaded = await load();
    expect(await reloaded.open(id)).toBe(true);
    expect(reloaded.getState().project?.notebook).toEqual(notebook);
  });

  it('is kept by graph edits and renames, and copied by duplicate', async () => {
    const store = await load();
    const id = await store.create('Fridge', documentFromText(FRIDGE_FBP));
    store.setNotebook(notebookWith('x = 1'));
    store.editText(store.document!.text.replace("'5000'", "'1000'"));
    await store.rename(id, 'Cold room');
    await store.flush();
    const copyId = await store.duplicate(id);
    expect(copyId).not.toBeNull();

    const reloaded = await load();
    await reloaded.open(copyId!);
    const copy = reloaded.getState().project;
    expect(copy?.name).toBe('Cold room (copy)');
    expect((copy?.notebook as Notebook).cells[0].source).toBe('x = 1');
  });

  it('projects without a notebook open with none', async () => {
    const store = await load();
    const id = await store.create('Empty', documentFromText(FRIDGE_FBP));
    await store.flush();
    const reloaded = await load();
    await reloaded.open(id);
    expect(reloaded.getState().project?.notebook).toBeUndefined();
  });
});

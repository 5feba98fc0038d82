// "Export now" files come back: a project file read by Import restores the whole project
// (graph, text, notebook, models, datasets) as a new project, and a damaged record's export
// gives back what its .fbp text holds.
import { beforeEach, describe, expect, it } from 'vitest';
import { ProjectDb } from './projectDb';
import { readProjectFile } from './readProjectFile';
import { projectFileText } from './recordJson';
import { documentFromText } from '../state/document';
import { ProjectStore } from '../state/projectStore';
import { FRIDGE_FBP } from '../test-support/fixtures';

let dbName: string;
let counter = 0;
beforeEach(() => {
  dbName = `emflow-file-test-${++counter}`;
});

const load = async () => new ProjectStore(await ProjectDb.open(dbName), 0);

describe('project files', () => {
  it('round-trips a whole project through Export now and Import', async () => {
    const store = await load();
    const id = await store.create('Cows', documentFromText(FRIDGE_FBP));
    store.setNotebook({ name: 'Training', cells: [] });
    // With the rows the notebook evaluated it on (the firmware dialog measures on them).
    store.addModel('activity', new Uint8Array([0, 1, 2, 250]), [[1.5, -2]]);
    store.addDataset({ name: 'fridge-1.csv', csv: 'time_s\n0\n', rows: 1, recordedAt: 5 });
    const edited = FRIDGE_FBP.replace('@name Fridge', '@name Cows') + '# note\n';
    store.editText(edited);
    const text = projectFileText(store.currentRecord());

    const r = readProjectFile('cows.emflow.json', text);
    expect(r.kind).toBe('ok');
    if (r.kind !== 'ok') return;
    expect(r.note).toBeNull();
    const copy = await store.importProject(r.project);
    expect(copy).not.toBe(id);

    const reloaded = await load();
    expect(await reloaded.open(copy)).toBe(true);
    const p = reloaded.getState().project!;
    expect(p.name).toBe('Cows');
    expect(p.history.present.text).toBe(edited);
    expect(p.notebook).toEqual({ name: 'Training', cells: [] });
    expect(p.models?.map((m) => [m.id, m.name, Array.from(m.blob)])).toEqual([
      [0, 'activity', [0, 1, 2, 250]],
    ]);
    expect(p.models?.[0]).toMatchObject({
      rows: [[1.5, -2]],
      rowsSource: '1 row the notebook evaluated it on',
    });
    expect(p.datasets?.map((d) => d.name)).toEqual(['fridge-1.csv']);
    // The original is untouched.
    expect(await reloaded.open(id)).toBe(true);
  });

  it("recovers a damaged record's graph from its text, and refuses one with none", () => {
    const damaged = { id: 'x', name: 'Greenhouse', graph: null, text: FRIDGE_FBP, createdAt: 1 };
    const r = readProjectFile('g.json', projectFileText(damaged, ['graph is null']));
    expect(r.kind).toBe('ok');
    if (r.kind !== 'ok') return;
    expect(r.project.name).toBe('Greenhouse');
    expect(r.project.graph.nodes).toHaveLength(11);
    expect(r.note).toBe(
      'Recovered the graph from its .fbp text; the rest was damaged (graph is null; updatedAt is missing, not a time).',
    );

    const empty = readProjectFile('e.json', projectFileText({ ...damaged, text: '' }));
    expect(empty).toEqual({
      kind: 'error',
      error:
        'e.json: the project in it is damaged (graph is null; updatedAt is missing, not a time) and has no readable .fbp text to recover',
    });
  });

  it('leaves other JSON to the graph importers', () => {
    expect(readProjectFile('g.json', '{"processes": {}, "connections": []}').kind).toBe(
      'not-a-project-file',
    );
  });
});

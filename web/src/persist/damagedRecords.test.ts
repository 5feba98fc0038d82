// Damaged records in IndexedDB (`graph: null`, no `nodes`, no `updatedAt`, wrong types) are
// found when the list is read, kept with their raw data apart from the sound projects, never
// opened, and the other projects stay listed and open as before.
import { openDB } from 'idb';
import { beforeEach, describe, expect, it } from 'vitest';
import { ProjectDb } from './projectDb';
import { PROJECT_FILE_FORMAT, projectFileText } from './recordJson';
import { validateProject } from './validateProject';
import { documentFromText } from '../state/document';
import { ProjectStore } from '../state/projectStore';
import { FRIDGE_FBP } from '../test-support/fixtures';

let dbName: string;
let counter = 0;
beforeEach(() => {
  dbName = `emflow-damaged-test-${++counter}`;
});

const load = async () => new ProjectStore(await ProjectDb.open(dbName), 0);

/** Writes records as they are, past ProjectDb (an old version or an extension did it). */
async function seed(records: unknown[], lastOpened?: string): Promise<void> {
  (await ProjectDb.open(dbName)).close(); // creates the stores
  const db = await openDB(dbName);
  const tx = db.transaction(['projects', 'meta'], 'readwrite');
  for (const r of records) await tx.objectStore('projects').put(r);
  if (lastOpened) await tx.objectStore('meta').put(lastOpened, 'lastOpened');
  await tx.done;
  db.close();
}

const sound = (id: string, name: string, updatedAt: number) => ({
  id,
  name,
  graph: documentFromText(FRIDGE_FBP).graph,
  text: FRIDGE_FBP,
  createdAt: 1,
  updatedAt,
});

const DAMAGED = [
  { ...sound('bad-null-graph', 'Null graph', 5), graph: null },
  { ...sound('bad-no-nodes', 'No nodes', 6), graph: { edges: [], iips: [] } },
  { ...sound('bad-no-updated', 'No updatedAt', 7), updatedAt: undefined },
  { ...sound('bad-types', 'Wrong types', 8), text: 42, createdAt: 'yesterday' },
];

describe('damaged project records', () => {
  it('names what is wrong with each kind of damage', () => {
    const problems = (r: unknown) => {
      const v = validateProject(r);
      return v.ok ? [] : v.problems;
    };
    expect(problems(DAMAGED[0])).toEqual(['graph is null']);
    expect(problems(DAMAGED[1])).toEqual(['graph.nodes is missing, not a list']);
    expect(problems(DAMAGED[2])).toEqual(['updatedAt is missing, not a time']);
    expect(problems(DAMAGED[3])).toEqual([
      'text is a number, not text',
      'createdAt is a string, not a time',
    ]);
    expect(problems('junk')).toEqual(['the record is a string, not an object']);
    const node = { id: 'a', component: 'Timer', x: 'left', y: 0 };
    const g = { ...sound('x', 'X', 1).graph, nodes: [node] };
    expect(problems({ ...sound('x', 'X', 1), graph: g })).toEqual([
      'graph.nodes[0] is not a node (id, component, x, y)',
    ]);
    // Parts older records may lack are filled in, not reported.
    const old = { ...sound('o', 'Old', 1), graph: { nodes: [], edges: [], iips: [] } };
    const v = validateProject(old);
    expect(v.ok && v.project.graph).toMatchObject({ properties: {}, inports: [], outports: [] });
  });

  it('lists the sound projects, quarantines the damaged ones with their data, opens the others', async () => {
    await seed([sound('good-a', 'Alpha', 100), ...DAMAGED, sound('good-b', 'Beta', 200)]);
    const store = await load();
    await store.refreshList();
    const s = store.getState();
    expect(s.projects.map((p) => p.name)).toEqual(['Beta', 'Alpha']);
    expect(s.damaged.map((d) => d.name).sort()).toEqual([
      'No nodes',
      'No updatedAt',
      'Null graph',
      'Wrong types',
    ]);
    const nullGraph = s.damaged.find((d) => d.key === 'bad-null-graph')!;
    expect(nullGraph.problems).toEqual(['graph is null']);
    expect(nullGraph.raw).toMatchObject({ name: 'Null graph', graph: null, text: FRIDGE_FBP });

    expect(await store.open('bad-null-graph')).toBe(false);
    expect(store.getState().project).toBeNull();
    expect(store.getState().notice).toBe(
      '“Null graph” was not opened: its stored data is damaged (graph is null).',
    );
    expect(await store.open('good-a')).toBe(true);
    expect(store.document!.graph.nodes).toHaveLength(11);
    expect(await store.open('good-b')).toBe(true);

    // Nothing was deleted: a reload finds the same records.
    const reloaded = await load();
    await reloaded.refreshList();
    expect(reloaded.getState().damaged).toHaveLength(4);
    expect(reloaded.getState().projects).toHaveLength(2);
  });

  it('starts with another project when the last opened one is damaged, and lists it', async () => {
    await seed([sound('good-a', 'Alpha', 100), DAMAGED[0]], 'bad-null-graph');
    const store = await load();
    expect(await store.openLast()).toBe(true);
    expect(store.getState().project?.name).toBe('Alpha');
    expect(store.getState().damaged.map((d) => d.name)).toEqual(['Null graph']);
  });

  it('deletes a damaged record only when asked, leaving the others', async () => {
    await seed([sound('good-a', 'Alpha', 100), ...DAMAGED]);
    const store = await load();
    await store.openLast();
    await store.removeDamaged('bad-types');
    const s = store.getState();
    expect(s.damaged.map((d) => d.key).sort()).toEqual([
      'bad-no-nodes',
      'bad-no-updated',
      'bad-null-graph',
    ]);
    expect(s.projects.map((p) => p.name)).toEqual(['Alpha']);
    expect(s.project?.name).toBe('Alpha');
  });

  it('exports a damaged record as JSON, bytes and cycles included', () => {
    const raw: Record<string, unknown> = {
      ...DAMAGED[0],
      models: [{ id: 1, name: 'm', blob: new Uint8Array([1, 2, 255]) }],
      big: 10n,
    };
    raw.self = raw;
    const file = JSON.parse(projectFileText(raw, ['graph is null']));
    expect(file).toMatchObject({
      format: PROJECT_FILE_FORMAT,
      damaged: ['graph is null'],
      project: {
        name: 'Null graph',
        graph: null,
        text: FRIDGE_FBP,
        models: [{ id: 1, name: 'm', blob: { $bytesBase64: 'AQL/' } }],
        big: '10',
        self: '[circular]',
      },
    });
  });

  it('a sound record saved by the store passes validation', async () => {
    const store = await load();
    const id = await store.create('Fridge', documentFromText(FRIDGE_FBP));
    const db = await openDB(dbName);
    const raw: unknown = await db.get('projects', id);
    db.close();
    expect(validateProject(raw).ok).toBe(true);
  });
});

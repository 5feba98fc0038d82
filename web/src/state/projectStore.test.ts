import { beforeEach, describe, expect, it } from 'vitest';
import { moveNodes } from '../graph-doc/graph';
import { ProjectDb } from '../persist/projectDb';
import { documentFromText } from './document';
import { ProjectStore } from './projectStore';
import { FRIDGE_FBP } from '../test-support/fixtures';

let dbName: string;
let counter = 0;
beforeEach(() => {
  dbName = `emflow-test-${++counter}`;
});

/** A store over a named database, as a fresh page load would create it. */
const load = async () => new ProjectStore(await ProjectDb.open(dbName), 0);

describe('projects in IndexedDB', () => {
  it('autosaves every change: a reload finds the same graph, positions and text', async () => {
    const store = await load();
    await store.create('My fridge', documentFromText(FRIDGE_FBP));
    store.editGraph((g) => moveNodes(g, new Map([['timer', { x: 11, y: 22 }]])));
    store.editText(store.document!.text.replace("'5000'", "'1000'"));
    await store.flush();

    const reloaded = await load();
    expect(await reloaded.openLast()).toBe(true);
    const doc = reloaded.document!;
    expect(reloaded.getState().project?.name).toBe('My fridge');
    expect(doc.graph.nodes.find((n) => n.id === 'timer')).toMatchObject({ x: 11, y: 22 });
    expect(doc.graph.iips).toContainEqual({
      data: '1000',
      tgt: { node: 'timer', port: 'interval' },
    });
    expect(doc.text).toContain("'1000' -> INTERVAL timer()");
  });

  it('keeps half-typed broken text across a reload, with its error', async () => {
    const store = await load();
    await store.create('Broken', documentFromText(FRIDGE_FBP));
    store.editText(FRIDGE_FBP + 'oops ->');
    await store.flush();
    const reloaded = await load();
    await reloaded.openLast();
    expect(reloaded.document!.text.endsWith('oops ->')).toBe(true);
    expect(reloaded.document!.textError).not.toBeNull();
    expect(reloaded.document!.graph.nodes).toHaveLength(11);
  });

  it('lists, renames, duplicates and deletes projects', async () => {
    const store = await load();
    const a = await store.create('Alpha', documentFromText(FRIDGE_FBP));
    const b = await store.create('Beta', documentFromText("'1' -> IN x(Foo)\n"));
    expect(store.getState().projects.map((p) => p.name)).toEqual(['Beta', 'Alpha']);

    await store.rename(a, 'Alpha two');
    const copy = await store.duplicate(a);
    expect(copy).not.toBeNull();
    const names = store
      .getState()
      .projects.map((p) => p.name)
      .sort();
    expect(names).toEqual(['Alpha two', 'Alpha two (copy)', 'Beta']);

    // The copy is independent: editing it leaves the original alone.
    await store.open(copy!);
    store.editText("'9' -> IN y(Bar)\n");
    await store.flush();
    await store.open(a);
    expect(store.document!.graph.nodes).toHaveLength(11);
    expect(store.document!.graph.properties.name).toBe('Alpha two');

    await store.remove(a);
    expect(store.getState().projects.map((p) => p.id)).not.toContain(a);
    expect(store.getState().project?.id).not.toBe(a);
    expect(store.getState().project).not.toBeNull();
    expect([b, copy]).toContain(store.getState().project!.id);
  });

  it('undo and redo restore both the graph and the text', async () => {
    const store = await load();
    await store.create('Undo', documentFromText(FRIDGE_FBP));
    const before = store.document!;
    store.editGraph((g) => ({ ...g, nodes: g.nodes.filter((n) => n.id !== 'ia') }));
    expect(store.document!.graph.nodes).toHaveLength(10);
    store.undo();
    expect(store.document).toBe(before);
    store.redo();
    expect(store.document!.graph.nodes).toHaveLength(10);
    expect(store.canRedo).toBe(false);
  });

  it('typing in the text view is one undo step until the group is broken', async () => {
    const store = await load();
    await store.create('Typing', documentFromText(FRIDGE_FBP));
    const start = store.document!.text;
    store.editText(start + '#');
    store.editText(start + '# a');
    store.editText(start + '# ab');
    store.breakUndoGroup();
    store.editText(start + '# abc');
    store.undo();
    expect(store.document!.text).toBe(start + '# ab');
    store.undo();
    expect(store.document!.text).toBe(start);
  });
});

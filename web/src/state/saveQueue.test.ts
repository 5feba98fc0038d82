// Nothing saved is lost when storage fails: a write refused with QuotaExceededError keeps the
// edit in memory, flush() reports the failure, saving is retried (a bounded number of times)
// and lands once storage works again, and switching projects never drops the edit.
// The failure comes from IndexedDB itself (fake-indexeddb's object store refusing `put`), so
// the real ProjectDb and idb wrapper are in the path.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { moveNodes } from '../graph-doc/graph';
import { ProjectDb } from '../persist/projectDb';
import { RESCUE_KEY } from '../persist/rescueCopy';
import { documentFromText } from './document';
import { ProjectStore, UnsavedChangesError } from './projectStore';
import { FRIDGE_FBP } from '../test-support/fixtures';

let dbName: string;
let counter = 0;
/** Storage refuses writes while true. */
let full = false;
/** Storage refuses this many more writes, then works (a disk that gets space back). */
let refusals = 0;
/** Writes of project records that reached IndexedDB (refused or not). */
let projectPuts = 0;
const realPut = IDBObjectStore.prototype.put;

beforeEach(() => {
  dbName = `emflow-save-test-${++counter}`;
  full = false;
  refusals = 0;
  projectPuts = 0;
  localStorage.clear(); // the rescue copy's slot
  IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: [unknown, IDBValidKey?]) {
    if (this.name === 'projects') projectPuts++;
    if (full || (this.name === 'projects' && refusals-- > 0))
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    return realPut.apply(this, args);
  };
});

afterEach(() => {
  IDBObjectStore.prototype.put = realPut;
});

/** A store as a fresh page load creates it; retries come quickly in tests. */
const load = async (retryDelaysMs: number[] = [5, 5, 5]) =>
  new ProjectStore(await ProjectDb.open(dbName), 0, retryDelaysMs);

/** Bound of the polls for automatic retries (a loaded machine is slow; no timing asserted). */
const WAIT = { timeout: 20_000, interval: 10 };

const timerAt = (store: ProjectStore) => store.document!.graph.nodes.find((n) => n.id === 'timer')!;

const moveTimer = (store: ProjectStore, x: number, y: number) =>
  store.editGraph((g) => moveNodes(g, new Map([['timer', { x, y }]])));

/** The timer's position in the stored record, read by another connection (a reload). */
const storedTimer = async (id: string) => {
  const db = await ProjectDb.open(dbName);
  const p = await db.get(id);
  db.close();
  return p!.graph.nodes.find((n) => n.id === 'timer');
};

describe('autosave when storage fails', () => {
  it('keeps an edit refused by a full disk, says so, and writes it once storage works', async () => {
    // Retries far apart: this test drives them itself.
    const store = await load([60_000]);
    const id = await store.create('Fridge', documentFromText(FRIDGE_FBP));
    full = true;
    moveTimer(store, 111, 222);
    expect(await store.flush()).toBe(false);

    const s = store.getState();
    expect(s.saveState).toBe('error');
    expect(s.saveError).toMatch(/storage for this site is full/);
    expect(s.saveFailures).toBe(1);
    expect(s.nextRetryAt).not.toBeNull();
    expect(store.unsaved).toBe(true);
    expect(timerAt(store)).toMatchObject({ x: 111, y: 222 });
    // A second flush tries again (the old code wrote nothing once in the error state).
    const before = projectPuts;
    expect(await store.flush()).toBe(false);
    expect(projectPuts).toBe(before + 1);
    expect(await storedTimer(id)).not.toMatchObject({ x: 111, y: 222 });

    full = false;
    const writes = projectPuts;
    expect(await store.flush()).toBe(true);
    expect(projectPuts).toBe(writes + 1);
    expect(store.getState()).toMatchObject({
      saveState: 'saved',
      saveError: null,
      nextRetryAt: null,
    });
    expect(await storedTimer(id)).toMatchObject({ x: 111, y: 222 });
    // Nothing left to write: another flush writes nothing.
    expect(await store.flush()).toBe(true);
    expect(projectPuts).toBe(writes + 1);
  });

  it('retries by itself until storage works again', async () => {
    const store = await load([5, 5, 5, 5, 5, 5, 5, 5]);
    const id = await store.create('Fridge', documentFromText(FRIDGE_FBP));
    // The write and two automatic retries are refused, the third retry lands.
    refusals = 3;
    const before = projectPuts;
    moveTimer(store, 7, 8);
    expect(await store.flush()).toBe(false);
    await vi.waitFor(() => expect(store.getState().saveState).toBe('saved'), WAIT);
    expect(projectPuts).toBe(before + 4);
    expect(await storedTimer(id)).toMatchObject({ x: 7, y: 8 });
  });

  it('stops retrying after the bounded number of attempts; an edit or Retry now tries again', async () => {
    const store = await load([5, 5]);
    await store.create('Fridge', documentFromText(FRIDGE_FBP));
    full = true;
    const before = projectPuts;
    moveTimer(store, 1, 2);
    expect(await store.flush()).toBe(false);
    // The first attempt and two retries, then no retry is scheduled.
    await vi.waitFor(() => {
      expect(store.getState().saveFailures).toBe(3);
      expect(store.getState().nextRetryAt).toBeNull();
    }, WAIT);
    expect(projectPuts).toBe(before + 3);
    expect(store.getState().saveState).toBe('error');

    full = false;
    expect(await store.retrySave()).toBe(true);
    expect(projectPuts).toBe(before + 4);
    expect(store.getState().saveState).toBe('saved');
  });

  it('does not switch projects while a save fails, and keeps the edit', async () => {
    const store = await load([60_000]);
    const other = await store.create('Other', documentFromText(FRIDGE_FBP));
    const id = await store.create('Fridge', documentFromText(FRIDGE_FBP));
    full = true;
    moveTimer(store, 333, 444);

    expect(await store.open(other)).toBe(false);
    const s = store.getState();
    expect(s.project?.id).toBe(id);
    expect(timerAt(store)).toMatchObject({ x: 333, y: 444 });
    expect(s.notice).toMatch(/Did not open another project: the latest changes to “Fridge”/);
    expect(s.notice).toMatch(/Export now/);
    await expect(store.create('New', documentFromText(FRIDGE_FBP))).rejects.toBeInstanceOf(
      UnsavedChangesError,
    );
    expect(store.getState().project?.id).toBe(id);
    expect(
      store
        .getState()
        .projects.map((p) => p.name)
        .sort(),
    ).toEqual(['Fridge', 'Other']);

    // Storage works again: the switch saves first, and the edit is there when reopened.
    full = false;
    expect(await store.open(other)).toBe(true);
    expect(store.getState().notice).toBeNull();
    expect(await store.open(id)).toBe(true);
    expect(timerAt(store)).toMatchObject({ x: 333, y: 444 });

    const reloaded = await load();
    expect(await reloaded.open(id)).toBe(true);
    expect(timerAt(reloaded)).toMatchObject({ x: 333, y: 444 });
  });

  it('opens a new project even when its first write fails, listed and saved later', async () => {
    const store = await load([60_000]);
    full = true;
    const id = await store.create('Fresh', documentFromText(FRIDGE_FBP));
    expect(store.getState().project?.id).toBe(id);
    expect(store.getState().saveState).toBe('error');
    expect(store.getState().projects.map((p) => p.id)).toEqual([id]);
    full = false;
    expect(await store.flush()).toBe(true);
    const reloaded = await load();
    expect(await reloaded.openLast()).toBe(true);
    expect(reloaded.getState().project?.name).toBe('Fresh');
  });

  it('duplicates the open project as shown, and reports a duplicate that cannot be written', async () => {
    const store = await load([60_000]);
    const id = await store.create('Fridge', documentFromText(FRIDGE_FBP));
    full = true;
    moveTimer(store, 5, 6);
    expect(await store.duplicate(id)).toBeNull();
    expect(store.getState().notice).toMatch(/Could not duplicate “Fridge”: the browser's storage/);
    full = false;
    const copy = await store.duplicate(id);
    expect(copy).not.toBeNull();
    expect(await storedTimer(copy!)).toMatchObject({ x: 5, y: 6 });
  });

  it('a rescue copy brings unsaved changes back at the next start after the tab closed', async () => {
    const store = await load([60_000]);
    const id = await store.create('Fridge', documentFromText(FRIDGE_FBP));
    full = true;
    moveTimer(store, 55, 66);
    expect(await store.flush()).toBe(false);
    expect(store.getState().rescued).toBe(true);
    expect(localStorage.getItem(RESCUE_KEY)).toContain('"x":55');

    // The tab is gone; the next start has storage again.
    full = false;
    const next = await load();
    await next.refreshList();
    expect(await next.openLast()).toBe(true);
    expect(next.getState().project?.id).toBe(id);
    expect(timerAt(next)).toMatchObject({ x: 55, y: 66 });
    expect(next.getState().notice).toMatch(
      /^Recovered the changes to “Fridge” that could not be saved/,
    );
    expect(next.getState().saveState).toBe('saved');
    expect(await storedTimer(id)).toMatchObject({ x: 55, y: 66 });
    expect(localStorage.getItem(RESCUE_KEY)).toBeNull();
    // One undo step goes back to what was stored before.
    next.undo();
    expect(timerAt(next)).not.toMatchObject({ x: 55, y: 66 });
    // Saved before the test ends, so no autosave of this store lands in the next test.
    expect(await next.flush()).toBe(true);
  });

  it('a project that was never stored comes back from the rescue copy', async () => {
    const store = await load([60_000]);
    full = true;
    const id = await store.create('Fresh', documentFromText(FRIDGE_FBP));
    expect(store.getState().rescued).toBe(true);
    full = false;
    const next = await load();
    expect(await next.openLast()).toBe(true);
    expect(next.getState().project).toMatchObject({ id, name: 'Fresh' });
    expect(await storedTimer(id)).toBeDefined();
  });

  it('a rescue copy written in the same millisecond as the last good write is put back', async () => {
    // A fast machine can store the project and fail the next save within one clock tick.
    const now = vi.spyOn(Date, 'now').mockReturnValue(1_700_000_000_000);
    try {
      const store = await load([60_000]);
      const id = await store.create('Fridge', documentFromText(FRIDGE_FBP));
      full = true;
      moveTimer(store, 77, 88);
      expect(await store.flush()).toBe(false);
      full = false;
      const next = await load();
      expect(await next.openLast()).toBe(true);
      expect(next.getState().project?.id).toBe(id);
      expect(timerAt(next)).toMatchObject({ x: 77, y: 88 });
      expect(await next.flush()).toBe(true);
    } finally {
      now.mockRestore();
    }
  });

  it('a rescue copy older than the stored project is dropped', async () => {
    const store = await load([60_000]);
    const id = await store.create('Fridge', documentFromText(FRIDGE_FBP));
    full = true;
    moveTimer(store, 1, 1);
    await store.flush();
    const stale = localStorage.getItem(RESCUE_KEY)!;
    full = false;
    moveTimer(store, 2, 2);
    expect(await store.flush()).toBe(true);
    expect(localStorage.getItem(RESCUE_KEY)).toBeNull();
    localStorage.setItem(RESCUE_KEY, stale.replace(/"savedAt":\d+/, '"savedAt":1'));
    const next = await load();
    expect(await next.openLast()).toBe(true);
    expect(timerAt(next)).toMatchObject({ x: 2, y: 2 });
    expect(next.getState().notice).toBeNull();
    expect(localStorage.getItem(RESCUE_KEY)).toBeNull();
    expect(next.getState().project?.id).toBe(id);
  });
});

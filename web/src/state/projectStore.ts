// The application state: the open project (its document and undo history) and the project
// list, saved to IndexedDB after every change. Framework-free; React reads it through
// useSyncExternalStore (app/ProjectContext.tsx).
//
// Nothing saved is lost: a failed write (a full disk: QuotaExceededError) leaves the edit in
// memory and is retried (saveQueue.ts), a rescue copy goes to localStorage and is put back at
// the next start (rescueRestore.ts), and the open project is never left while its latest state
// is not stored — switching projects is refused with a message instead.
import { MAX_MODELS } from '../engine/engineConstants.generated';
import { type Graph, graphName, setGraphName } from '../graph-doc/graph';
import { parseFbp } from '../graph-doc/fbpRead';
import {
  canRedo,
  canUndo,
  createHistory,
  type History,
  record,
  redo,
  undo,
} from '../graph-doc/history';
import {
  type DamagedRecord,
  type LoadResult,
  newProjectId,
  type Project,
  type ProjectDb,
  type ProjectSummary,
  type StoredDataset,
  type StoredModel,
} from '../persist/projectDb';
import { clearRescueCopy, defaultRescueStorage, writeRescueCopy } from '../persist/rescueCopy';
import { describeStorageError } from '../persist/storageError';
import { type GraphDocument, withGraph, withText } from './document';
import { planRescue } from './rescueRestore';
import { SAVE_RETRY_DELAYS_MS, SaveQueue } from './saveQueue';

export { MAX_MODELS, SAVE_RETRY_DELAYS_MS };

export interface OpenProject {
  id: string;
  name: string;
  createdAt: number;
  history: History<GraphDocument>;
  /** The project's notebook (opaque here; the notebook view owns its shape). */
  notebook?: unknown;
  /** Model blobs of the project (ids of the engine's model store). */
  models?: StoredModel[];
  /** Datasets recorded from the simulation (files in the notebook's `data/`). */
  datasets?: StoredDataset[];
}

export interface StoreState {
  project: OpenProject | null;
  projects: ProjectSummary[];
  /** Stored records that failed validation: never opened, listed apart, kept until deleted. */
  damaged: DamagedRecord[];
  /** Set while a save is pending or failed, so the header can show "saving…"/"not saved". */
  saveState: 'saved' | 'pending' | 'error';
  /** Why the last save failed, in words (null unless saveState is 'error'). */
  saveError: string | null;
  /** Failed writes in a row of the open project's latest changes (0 once written). */
  saveFailures: number;
  /** When (Date.now() time) the next automatic retry runs; null when none is scheduled. */
  nextRetryAt: number | null;
  /** The unsaved changes also sit in a rescue copy in localStorage (persist/rescueCopy.ts). */
  rescued: boolean;
  /** A warning that is not the save state itself: a refused project switch, a damaged record. */
  notice: string | null;
}

/** Thrown by create() when the open project's changes could not be saved first. */
export class UnsavedChangesError extends Error {}

type Listener = () => void;

export class ProjectStore {
  private state: StoreState = {
    project: null,
    projects: [],
    damaged: [],
    saveState: 'saved',
    saveError: null,
    saveFailures: 0,
    nextRetryAt: null,
    rescued: false,
    notice: null,
  };
  private readonly listeners = new Set<Listener>();
  private readonly saves: SaveQueue;

  constructor(
    private readonly db: ProjectDb,
    /** Delay before an autosave; edits within it are written once. */
    saveDelayMs = 200,
    /** Delays of the automatic retries after a failed save (tests use short ones). */
    retryDelaysMs: readonly number[] = SAVE_RETRY_DELAYS_MS,
    /** Where the rescue copy of unsaved changes goes (undefined: none). */
    private readonly rescue: Storage | undefined = defaultRescueStorage(),
  ) {
    this.saves = new SaveQueue(
      {
        openId: () => this.state.project?.id ?? null,
        record: () => this.currentRecord(),
        put: (p) => this.db.put(p),
        written: (id, unsaved) => this.saved(id, unsaved),
        failed: (record, e, failures) =>
          this.set({
            saveState: 'error',
            saveError: describeStorageError(e),
            saveFailures: failures,
            rescued: writeRescueCopy(this.rescue, record),
          }),
        retryAt: (at) => {
          if (this.state.nextRetryAt !== at) this.set({ nextRetryAt: at });
        },
      },
      saveDelayMs,
      retryDelaysMs,
    );
  }

  // ---- subscription ------------------------------------------------------------------------
  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getState = (): StoreState => this.state;

  private set(patch: Partial<StoreState>): void {
    this.state = { ...this.state, ...patch };
    for (const l of [...this.listeners]) l();
  }

  get document(): GraphDocument | null {
    return this.state.project?.history.present ?? null;
  }

  get canUndo(): boolean {
    return !!this.state.project && canUndo(this.state.project.history);
  }

  get canRedo(): boolean {
    return !!this.state.project && canRedo(this.state.project.history);
  }

  /** True while the open project has changes that are not stored yet. */
  get unsaved(): boolean {
    return this.saves.unsaved;
  }

  /** The open project as it would be stored, from memory (what "Export now" downloads). */
  currentRecord(): Project | null {
    const p = this.state.project;
    if (!p) return null;
    const doc = p.history.present;
    return {
      id: p.id,
      name: p.name,
      graph: doc.graph,
      text: doc.text,
      notebook: p.notebook,
      models: p.models,
      datasets: p.datasets,
      createdAt: p.createdAt,
      updatedAt: Date.now(),
    };
  }

  dismissNotice(): void {
    if (this.state.notice !== null) this.set({ notice: null });
  }

  // ---- projects ----------------------------------------------------------------------------
  /** Reads the list again; the open project is listed even before its first successful save. */
  async refreshList(): Promise<void> {
    const { projects, damaged } = await this.db.listAll();
    this.set({ projects: this.listedAsShown(projects), damaged });
  }

  /** The list with the open project as shown (its unsaved name; listed before a first save). */
  private listedAsShown(projects: ProjectSummary[]): ProjectSummary[] {
    const p = this.state.project;
    if (!p) return projects;
    const { id, name, createdAt } = p;
    if (!projects.some((s) => s.id === id))
      return [{ id, name, createdAt, updatedAt: Date.now() }, ...projects];
    return projects.map((s) => (s.id === id && s.name !== name ? { ...s, name } : s));
  }

  /**
   * Saves the open project's changes before another one opens. When that fails, the project
   * stays open with its changes, the notice says why, and the caller must not switch.
   */
  private async canLeave(action: string): Promise<boolean> {
    if (await this.flush()) return true;
    const name = this.state.project?.name ?? 'the open project';
    this.set({
      notice:
        `Did not ${action}: the latest changes to “${name}” are not saved yet, and ` +
        'they are kept here. Use “Export now” to download the project, or free some ' +
        'space, then try again.',
    });
    return false;
  }

  /**
   * Creates a project from a document, opens it and saves it. When storage fails the new
   * project stays open, unsaved, and saving is retried. Throws UnsavedChangesError (and leaves
   * everything as it was) when the open project's own changes cannot be saved first.
   */
  async create(name: string, doc: GraphDocument): Promise<string> {
    if (!(await this.canLeave(`create “${name}”`))) {
      throw new UnsavedChangesError(this.state.notice ?? 'unsaved changes');
    }
    const now = Date.now();
    const graph = setGraphName(doc.graph, name);
    // The text as written (comments, annotations the graph does not hold such as an
    // example's `# @model`) unless the name had to change.
    const keepText = doc.textError !== null || graphName(doc.graph) === name;
    const document = keepText ? { ...doc, graph } : withGraph(doc, graph);
    return this.openNew({
      id: newProjectId(),
      name,
      graph: document.graph,
      text: document.text,
      createdAt: now,
      updatedAt: now,
    });
  }

  /**
   * Opens a project restored from a project file (graph, text, notebook, models, datasets)
   * as a new project: a new id, so it never overwrites the stored one it was exported from.
   * Throws UnsavedChangesError like create().
   */
  async importProject(project: Project): Promise<string> {
    if (!(await this.canLeave(`import “${project.name}”`))) {
      throw new UnsavedChangesError(this.state.notice ?? 'unsaved changes');
    }
    const now = Date.now();
    return this.openNew({ ...project, id: newProjectId(), createdAt: now, updatedAt: now });
  }

  /** Opens a project that is not stored yet and writes it with the autosave. */
  private async openNew(project: Project): Promise<string> {
    // Opened first and written by the autosave, so a failing write keeps it (and retries).
    this.openStored(project);
    this.saves.changed();
    this.set({ saveState: 'pending' });
    await this.flush();
    await this.afterOpen(project.id);
    return project.id;
  }

  /**
   * Opens a stored project. False (and the open project stays) when it does not exist, is
   * damaged (the notice says what is wrong) or the open project's changes cannot be saved.
   */
  async open(id: string): Promise<boolean> {
    if (!(await this.canLeave('open another project'))) return false;
    let r: LoadResult;
    try {
      r = await this.db.load(id);
    } catch (e) {
      this.set({ notice: `Could not read the project: ${describeStorageError(e)}.` });
      return false;
    }
    if (r.kind === 'missing') return false;
    if (r.kind === 'damaged') {
      const { name, problems } = r.record;
      this.set({
        notice: `“${name}” was not opened: its stored data is damaged (${problems.join('; ')}).`,
      });
      await this.refreshList();
      return false;
    }
    try {
      this.openStored(r.project);
    } catch (e) {
      this.set({
        notice: `“${r.project.name}” could not be opened: ${e instanceof Error ? e.message : String(e)}`,
      });
      return false;
    }
    await this.afterOpen(id);
    return true;
  }

  private openStored(project: Project): void {
    const parsed = parseFbp(project.text, project.graph);
    // The stored graph has the positions; the stored text may be mid-edit and broken.
    const doc: GraphDocument = {
      graph: project.graph,
      text: project.text,
      textError: parsed.ok ? null : parsed.diagnostic,
    };
    this.saves.reset();
    this.set({
      saveState: 'saved',
      saveError: null,
      saveFailures: 0,
      nextRetryAt: null,
      rescued: false,
      notice: null,
      project: {
        id: project.id,
        name: project.name,
        createdAt: project.createdAt,
        history: createHistory(doc),
        notebook: project.notebook,
        models: project.models,
        datasets: project.datasets,
      },
    });
  }

  /** Remembers the opened project and reads the list (best effort while storage fails). */
  private async afterOpen(id: string): Promise<void> {
    try {
      await this.db.setLastOpened(id);
    } catch {
      // Only the choice of project at the next start is lost; the save state reports the
      // project's own writes.
    }
    await this.refreshList();
  }

  /**
   * Reopens the project used last (else the newest sound one); false when there is none. A
   * damaged last project is skipped without a notice of its own: the damaged list names it.
   */
  async openLast(): Promise<boolean> {
    if (await this.openRescueCopy()) return true;
    const last = await this.db.getLastOpened();
    if (last && (await this.open(last))) return true;
    for (const { id } of await this.db.list())
      if (id !== last && (await this.open(id))) return true;
    return false;
  }

  /**
   * Puts back changes that a failing storage kept only in the rescue copy (rescueRestore.ts),
   * then saves them. False when there is nothing to put back.
   */
  private async openRescueCopy(): Promise<boolean> {
    const plan = await planRescue(this.db, this.rescue);
    if (plan.kind === 'none') return false;
    if (plan.kind === 'onto') {
      if (!(await this.open(plan.id))) return false;
      this.replaceDocument(plan.doc);
      if (plan.notebook !== undefined) this.setNotebook(plan.notebook);
    } else {
      await this.openNew(plan.project);
    }
    this.set({ notice: plan.notice });
    await this.flush();
    return true;
  }

  async rename(id: string, name: string): Promise<void> {
    const trimmed = name.trim();
    if (!trimmed) return;
    if (this.state.project?.id === id) {
      this.set({ project: { ...this.state.project, name: trimmed } });
      this.editGraph((g) => setGraphName(g, trimmed), null);
      await this.flush();
    } else {
      const p = await this.db.get(id);
      if (!p) return;
      const graph = setGraphName(p.graph, trimmed);
      if (
        !(await this.tryWrite(`rename “${p.name}”`, {
          ...p,
          name: trimmed,
          graph,
          updatedAt: Date.now(),
        }))
      )
        return;
    }
    await this.refreshList();
  }

  /** One write outside the autosave (rename, duplicate); a failure becomes the notice. */
  private async tryWrite(action: string, project: Project): Promise<boolean> {
    try {
      await this.db.put(project);
      return true;
    } catch (e) {
      this.set({ notice: `Could not ${action}: ${describeStorageError(e)}.` });
      return false;
    }
  }

  async duplicate(id: string): Promise<string | null> {
    await this.flush();
    // The open project is copied as shown, saved or not.
    const p = this.state.project?.id === id ? this.currentRecord() : await this.db.get(id);
    if (!p) return null;
    const now = Date.now();
    const copy: Project = {
      ...p,
      id: newProjectId(),
      name: `${p.name} (copy)`,
      createdAt: now,
      updatedAt: now,
    };
    copy.graph = setGraphName(copy.graph, copy.name);
    if (!(await this.tryWrite(`duplicate “${p.name}”`, copy))) return null;
    await this.refreshList();
    return copy.id;
  }

  /**
   * Deletes a project (the user confirmed it, so its unsaved changes go too); when it was open,
   * the most recent other one opens (or none).
   */
  async remove(id: string): Promise<void> {
    if (this.state.project?.id === id) {
      this.saves.reset();
      this.set({
        project: null,
        saveState: 'saved',
        saveError: null,
        saveFailures: 0,
        rescued: false,
      });
    }
    // A write already under way lands first, so it cannot bring the project back.
    await this.saves.settled();
    clearRescueCopy(this.rescue, id);
    try {
      await this.db.delete(id);
    } catch (e) {
      this.set({ notice: `Could not delete the project: ${describeStorageError(e)}.` });
    }
    await this.refreshList();
    if (!this.state.project) await this.openLast();
  }

  /** Deletes a damaged record (after the user exported or gave it up). */
  async removeDamaged(key: string): Promise<void> {
    try {
      await this.db.delete(key);
    } catch (e) {
      this.set({ notice: `Could not delete the damaged record: ${describeStorageError(e)}.` });
    }
    await this.refreshList();
  }

  // ---- editing -----------------------------------------------------------------------------
  /**
   * Changes the graph. `coalesceKey` merges consecutive edits into one undo step (a drag);
   * null makes a separate step.
   */
  editGraph(edit: (g: Graph) => Graph, coalesceKey: string | null = null): void {
    const p = this.state.project;
    if (!p) return;
    const doc = p.history.present;
    const next = withGraph(doc, edit(doc.graph));
    this.commit(record(p.history, next, coalesceKey));
  }

  /** Replaces the text (typing in the text view coalesces into one undo step per pause). */
  editText(text: string): void {
    const p = this.state.project;
    if (!p) return;
    this.commit(record(p.history, withText(p.history.present, text), 'text'));
  }

  /** Replaces the whole document (an import into the open project) as one undo step. */
  replaceDocument(doc: GraphDocument): void {
    const p = this.state.project;
    if (!p) return;
    this.commit(record(p.history, doc, null));
  }

  /** Ends the current coalesced step, so the next edit is undone separately. */
  breakUndoGroup(): void {
    const p = this.state.project;
    if (p && p.history.lastKey !== null)
      this.set({ project: { ...p, history: { ...p.history, lastKey: null } } });
  }

  undo(): void {
    const p = this.state.project;
    if (p) this.commit(undo(p.history));
  }

  redo(): void {
    const p = this.state.project;
    if (p) this.commit(redo(p.history));
  }

  private commit(history: History<GraphDocument>): void {
    const p = this.state.project;
    if (!p || history === p.history) return;
    const name = graphName(history.present.graph) || p.name;
    this.set({ project: { ...p, history, name } });
    if (name !== p.name) this.set({ projects: this.listedAsShown(this.state.projects) });
    this.scheduleSave();
  }

  /** Keeps the notebook with the project (saved like a graph edit, not an undo step). */
  setNotebook(notebook: unknown): void {
    const p = this.state.project;
    if (!p || p.notebook === notebook) return;
    this.set({ project: { ...p, notebook } });
    this.scheduleSave();
  }

  /**
   * Keeps a model blob with the project and returns its model-store id: a model of the same
   * name keeps its id (a retrained model replaces the old one), a new one gets the lowest free
   * id. Throws when all MAX_MODELS ids are taken. `rows` (the notebook's evaluated rows) are
   * kept with it: the firmware dialog measures its cycles on them.
   */
  addModel(name: string, blob: Uint8Array, rows?: number[][]): number {
    const p = this.state.project;
    if (!p) throw new Error('no project is open');
    const models = p.models ?? [];
    const same = models.find((m) => m.name === name);
    const taken = new Set(models.map((m) => m.id));
    let id = same?.id ?? 0;
    while (!same && taken.has(id)) id++;
    if (id >= MAX_MODELS) throw new Error(`the project already has ${MAX_MODELS} models`);
    const model: StoredModel = { id, name, blob: blob.slice() };
    if (rows?.length) {
      model.rows = rows.map((r) => r.slice());
      model.rowsSource = `${rows.length} ${rows.length === 1 ? 'row' : 'rows'} the notebook evaluated it on`;
    }
    const next = [...models.filter((m) => m.id !== id), model].sort((a, b) => a.id - b.id);
    this.set({ project: { ...p, models: next } });
    this.scheduleSave();
    return id;
  }

  /** Keeps a recorded dataset with the project (a file of the same name is replaced). */
  addDataset(dataset: StoredDataset): void {
    const p = this.state.project;
    if (!p) throw new Error('no project is open');
    const datasets = [...(p.datasets ?? []).filter((d) => d.name !== dataset.name), dataset];
    this.set({ project: { ...p, datasets } });
    this.scheduleSave();
  }

  /** Puts a model under a given id (an example's `# @model` annotation), replacing one there. */
  setModel(model: StoredModel): void {
    const p = this.state.project;
    if (!p) throw new Error('no project is open');
    if (!(Number.isInteger(model.id) && model.id >= 0 && model.id < MAX_MODELS)) {
      throw new Error(`model id ${model.id} is outside 0..${MAX_MODELS - 1}`);
    }
    const stored = { ...model, blob: model.blob.slice() };
    const next = [...(p.models ?? []).filter((m) => m.id !== model.id), stored];
    this.set({ project: { ...p, models: next.sort((a, b) => a.id - b.id) } });
    this.scheduleSave();
  }

  // ---- saving (saveQueue.ts) -------------------------------------------------------------
  private scheduleSave(): void {
    this.saves.changed();
    if (this.state.saveState === 'saved') this.set({ saveState: 'pending' });
  }

  /**
   * Writes the open project now if it has unsaved changes. Resolves true when everything is
   * stored, false when the write failed (the changes stay in memory and a retry is scheduled).
   */
  flush(): Promise<boolean> {
    return this.saves.flush();
  }

  /** "Retry now": saves at once and restarts the automatic retries. */
  retrySave(): Promise<boolean> {
    this.set({ saveFailures: 0 });
    return this.saves.retryNow();
  }

  /** The open project's write `id` landed (newer changes may be pending still). */
  private async saved(id: string, unsaved: boolean): Promise<void> {
    this.set({
      saveState: unsaved ? 'pending' : 'saved',
      saveError: null,
      saveFailures: 0,
      rescued: false,
    });
    clearRescueCopy(this.rescue, id);
    // A write that worked after failures may clear a refused switch's notice.
    if (!unsaved && this.state.notice?.startsWith('Did not ')) this.set({ notice: null });
    try {
      await this.refreshList();
    } catch {
      // The list is read again on the next change; the project itself is stored.
    }
  }
}

// The application state: the open project (its document and undo history) and the project
// list, saved to IndexedDB after every change. Framework-free; React reads it through
// useSyncExternalStore (see useProjectStore.ts).
import { type Graph, graphName, setGraphName } from '../model/graph';
import { parseFbp } from '../model/fbpRead';
import {
  canRedo,
  canUndo,
  createHistory,
  type History,
  record,
  redo,
  undo,
} from '../model/history';
import {
  newProjectId,
  type Project,
  type ProjectDb,
  type ProjectSummary,
  type StoredDataset,
  type StoredModel,
} from '../persist/projectDb';
import { type GraphDocument, withGraph, withText } from './document';

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

/** Ids of the engine's model store (EMFLOW_MAX_MODELS on the host). */
export const MAX_MODELS = 16;

export interface StoreState {
  project: OpenProject | null;
  projects: ProjectSummary[];
  /** Set while a save is pending or failed, so the header can show "saving…"/"not saved". */
  saveState: 'saved' | 'pending' | 'error';
  saveError: string | null;
}

type Listener = () => void;

export class ProjectStore {
  private state: StoreState = { project: null, projects: [], saveState: 'saved', saveError: null };
  private readonly listeners = new Set<Listener>();
  private saveTimer: ReturnType<typeof setTimeout> | null = null;
  private saving: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: ProjectDb,
    /** Delay before an autosave; edits within it are written once. */
    private readonly saveDelayMs = 200,
  ) {}

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

  // ---- projects ----------------------------------------------------------------------------
  async refreshList(): Promise<void> {
    this.set({ projects: await this.db.list() });
  }

  /** Creates a project from a document, saves it and opens it. */
  async create(name: string, doc: GraphDocument): Promise<string> {
    await this.flush();
    const now = Date.now();
    const graph = setGraphName(doc.graph, name);
    // The text as written (comments, annotations the graph does not hold such as an
    // example's `# @model`) unless the name had to change.
    const keepText = doc.textError !== null || graphName(doc.graph) === name;
    const document = keepText ? { ...doc, graph } : withGraph(doc, graph);
    const project: Project = {
      id: newProjectId(),
      name,
      graph: document.graph,
      text: document.text,
      createdAt: now,
      updatedAt: now,
    };
    await this.db.put(project);
    await this.openStored(project);
    return project.id;
  }

  async open(id: string): Promise<boolean> {
    await this.flush();
    const project = await this.db.get(id);
    if (!project) return false;
    await this.openStored(project);
    return true;
  }

  private async openStored(project: Project): Promise<void> {
    const parsed = parseFbp(project.text, project.graph);
    // The stored graph has the positions; the stored text may be mid-edit and broken.
    const doc: GraphDocument = {
      graph: project.graph,
      text: project.text,
      textError: parsed.ok ? null : parsed.diagnostic,
    };
    this.set({
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
    await this.db.setLastOpened(project.id);
    await this.refreshList();
  }

  /** Reopens the project used last; false when there is none. */
  async openLast(): Promise<boolean> {
    const last = await this.db.getLastOpened();
    if (last && (await this.open(last))) return true;
    const [newest] = await this.db.list();
    return newest ? this.open(newest.id) : false;
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
      await this.db.put({ ...p, name: trimmed, graph, updatedAt: Date.now() });
    }
    await this.refreshList();
  }

  async duplicate(id: string): Promise<string | null> {
    await this.flush();
    const p = await this.db.get(id);
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
    await this.db.put(copy);
    await this.refreshList();
    return copy.id;
  }

  /** Deletes a project; when it was open, the most recent other one opens (or none). */
  async remove(id: string): Promise<void> {
    if (this.state.project?.id === id) {
      this.cancelSave();
      this.set({ project: null });
    }
    await this.db.delete(id);
    await this.refreshList();
    if (!this.state.project) await this.openLast();
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
    const name = graphName(history.present.graph);
    this.set({ project: { ...p, history, name: name || p.name } });
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
   * id. Throws when all MAX_MODELS ids are taken.
   */
  addModel(name: string, blob: Uint8Array): number {
    const p = this.state.project;
    if (!p) throw new Error('no project is open');
    const models = p.models ?? [];
    const same = models.find((m) => m.name === name);
    const taken = new Set(models.map((m) => m.id));
    let id = same?.id ?? 0;
    while (!same && taken.has(id)) id++;
    if (id >= MAX_MODELS) throw new Error(`the project already has ${MAX_MODELS} models`);
    const model: StoredModel = { id, name, blob: blob.slice() };
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

  // ---- saving ------------------------------------------------------------------------------
  private scheduleSave(): void {
    this.cancelSave();
    if (this.state.saveState !== 'pending') this.set({ saveState: 'pending' });
    this.saveTimer = setTimeout(() => void this.flush(), this.saveDelayMs);
  }

  private cancelSave(): void {
    if (this.saveTimer !== null) clearTimeout(this.saveTimer);
    this.saveTimer = null;
  }

  /** Writes the open project now if it has unsaved changes; resolves when written. */
  flush(): Promise<void> {
    const pendingWrite = this.saveTimer !== null || this.state.saveState === 'pending';
    this.cancelSave();
    const p = this.state.project;
    if (!pendingWrite || !p) return this.saving;
    const doc = p.history.present;
    const record: Project = {
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
    this.saving = this.saving
      .then(() => this.db.put(record))
      .then(
        () => {
          if (this.saveTimer === null) this.set({ saveState: 'saved', saveError: null });
          return this.refreshList();
        },
        (e: unknown) => this.set({ saveState: 'error', saveError: String(e) }),
      );
    return this.saving;
  }
}

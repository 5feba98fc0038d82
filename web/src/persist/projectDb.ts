// Projects in IndexedDB (idb). Every project keeps its graph (with positions) and its text.
// Records are validated when read (validateProject.ts): a damaged one is never handed to the
// app as a project but listed apart with its raw data, kept until the user deletes it.
import { type DBSchema, type IDBPDatabase, openDB } from 'idb';
import type { Graph } from '../graph-doc/graph';
import { damagedName, validateProject } from './validateProject';

/** A model blob the project's graphs use: Classify/Regress/AnomalyScore nodes name `id`. */
export interface StoredModel {
  /** Id in the engine's model store (0..15), the MODEL IIP of the nodes that use it. */
  id: number;
  name: string;
  blob: Uint8Array;
  /** Feature rows kept with the model (an example's held-out rows): the firmware dialog
   * measures its cycles per prediction on them; `rowsSource` says what they are. */
  rows?: number[][];
  rowsSource?: string;
}

/** A dataset the simulator recorded for the notebook (a CSV file in Python's `data/`). */
export interface StoredDataset {
  /** File name in `data/` (`fridge-1.csv`). */
  name: string;
  csv: string;
  /** Data rows (without the header). */
  rows: number;
  recordedAt: number;
}

export interface Project {
  id: string;
  name: string;
  graph: Graph;
  text: string;
  /** The project's training notebook (web/src/notebook), saved with the graph. */
  notebook?: unknown;
  /** Model blobs sent from the notebook; put into the engine whenever it (re)starts. */
  models?: StoredModel[];
  /** Datasets recorded from the simulation; the notebook sees them in `data/`. */
  datasets?: StoredDataset[];
  createdAt: number;
  updatedAt: number;
}

export type ProjectSummary = Pick<Project, 'id' | 'name' | 'createdAt' | 'updatedAt'>;

/** A stored record that failed validation: quarantined (never opened), its data kept as read. */
export interface DamagedRecord {
  /** Its IndexedDB key (the `id` it was stored under). */
  key: string;
  /** Its name when it has one, else "record <key>". */
  name: string;
  /** What is wrong, one line each (`graph is null`). */
  problems: string[];
  /** The record exactly as read, for "Export its data". */
  raw: unknown;
}

export interface ProjectListing {
  /** Sound projects, most recently changed first. */
  projects: ProjectSummary[];
  damaged: DamagedRecord[];
}

export type LoadResult =
  | { kind: 'ok'; project: Project }
  | { kind: 'missing' }
  | { kind: 'damaged'; record: DamagedRecord };

interface EmflowDb extends DBSchema {
  projects: { key: string; value: Project; indexes: { updatedAt: number } };
  meta: { key: string; value: string };
}

export const DB_NAME = 'emflow';
const DB_VERSION = 1;

export class ProjectDb {
  private constructor(private readonly db: IDBPDatabase<EmflowDb>) {}

  static async open(name = DB_NAME): Promise<ProjectDb> {
    const db = await openDB<EmflowDb>(name, DB_VERSION, {
      upgrade(database) {
        const projects = database.createObjectStore('projects', { keyPath: 'id' });
        projects.createIndex('updatedAt', 'updatedAt');
        database.createObjectStore('meta');
      },
    });
    return new ProjectDb(db);
  }

  /**
   * Every stored record, sorted into sound projects (most recently changed first) and damaged
   * ones. Reads the whole store, not the `updatedAt` index: a record without `updatedAt` is
   * missing from the index and would otherwise vanish from the list.
   */
  async listAll(): Promise<ProjectListing> {
    const tx = this.db.transaction('projects');
    const [keys, values] = await Promise.all([tx.store.getAllKeys(), tx.store.getAll()]);
    await tx.done;
    const projects: ProjectSummary[] = [];
    const damaged: DamagedRecord[] = [];
    values.forEach((raw: unknown, i) => {
      const r = check(String(keys[i]), raw);
      if (r.kind === 'ok') {
        const { id, name, createdAt, updatedAt } = r.project;
        projects.push({ id, name, createdAt, updatedAt });
      } else if (r.kind === 'damaged') damaged.push(r.record);
    });
    projects.sort((a, b) => b.updatedAt - a.updatedAt);
    return { projects, damaged };
  }

  /** Sound projects, most recently changed first. */
  async list(): Promise<ProjectSummary[]> {
    return (await this.listAll()).projects;
  }

  /** A project by id, validated. */
  async load(id: string): Promise<LoadResult> {
    return check(id, await this.db.get('projects', id));
  }

  /** A sound project by id; undefined when there is none or it is damaged. */
  async get(id: string): Promise<Project | undefined> {
    const r = await this.load(id);
    return r.kind === 'ok' ? r.project : undefined;
  }

  async put(project: Project): Promise<void> {
    await this.db.put('projects', project);
  }

  async delete(id: string): Promise<void> {
    await this.db.delete('projects', id);
  }

  async getLastOpened(): Promise<string | undefined> {
    return this.db.get('meta', 'lastOpened');
  }

  async setLastOpened(id: string): Promise<void> {
    await this.db.put('meta', id, 'lastOpened');
  }

  close(): void {
    this.db.close();
  }
}

function check(key: string, raw: unknown): LoadResult {
  if (raw === undefined) return { kind: 'missing' };
  const v = validateProject(raw);
  // A record whose `id` differs from its key would be saved under another key.
  if (v.ok && v.project.id === key) return { kind: 'ok', project: v.project };
  const problems = v.ok ? [`id ${JSON.stringify(v.project.id)} differs from its key`] : v.problems;
  return { kind: 'damaged', record: { key, name: damagedName(raw, key), problems, raw } };
}

export const newProjectId = (): string =>
  `p-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

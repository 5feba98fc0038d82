// Projects in IndexedDB (idb). Every project keeps its graph (with positions) and its text.
import { type DBSchema, type IDBPDatabase, openDB } from 'idb';
import type { Graph } from '../model/graph';

/** A model blob the project's graphs use: Classify/Regress/AnomalyScore nodes name `id`. */
export interface StoredModel {
  /** Id in the engine's model store (0..15), the MODEL IIP of the nodes that use it. */
  id: number;
  name: string;
  blob: Uint8Array;
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

  /** Most recently changed first. */
  async list(): Promise<ProjectSummary[]> {
    const all = await this.db.getAllFromIndex('projects', 'updatedAt');
    return all
      .reverse()
      .map(({ id, name, createdAt, updatedAt }) => ({ id, name, createdAt, updatedAt }));
  }

  get(id: string): Promise<Project | undefined> {
    return this.db.get('projects', id);
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

export const newProjectId = (): string =>
  `p-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

// The notebook document: an ordered list of code and Markdown cells with their outputs.
// Pure functions returning new notebooks (the view keeps them in React state and autosaves).
import type { CellOutput } from './outputs';

export type CellKind = 'code' | 'markdown';

export interface Cell {
  id: string;
  kind: CellKind;
  source: string;
  outputs: CellOutput[];
  /** Jupyter's execution_count: null until run. */
  executionCount: number | null;
}

export interface Notebook {
  name: string;
  cells: Cell[];
}

let counter = 0;
/** A cell id unique within the page (Jupyter's nbformat 4.5 cell ids: [a-zA-Z0-9-_]{1,64}). */
export function newCellId(): string {
  counter += 1;
  return `c${Date.now().toString(36)}-${counter.toString(36)}`;
}

export function makeCell(kind: CellKind, source = '', id = newCellId()): Cell {
  return { id, kind, source, outputs: [], executionCount: null };
}

export function emptyNotebook(name = 'Untitled'): Notebook {
  return { name, cells: [makeCell('code')] };
}

/** Whether the notebook holds anything typed or computed: code, text or outputs. */
export function hasWork(nb: Notebook): boolean {
  return nb.cells.some((c) => c.source.trim() !== '' || c.outputs.length > 0);
}

function indexOf(nb: Notebook, id: string): number {
  const index = nb.cells.findIndex((c) => c.id === id);
  if (index < 0) throw new Error(`no cell with id ${id}`);
  return index;
}

/** Inserts a cell after `afterId` (or at the end when null). */
export function insertCell(nb: Notebook, cell: Cell, afterId: string | null): Notebook {
  const at = afterId === null ? nb.cells.length : indexOf(nb, afterId) + 1;
  return { ...nb, cells: [...nb.cells.slice(0, at), cell, ...nb.cells.slice(at)] };
}

/** Removes a cell; a notebook always keeps at least one (empty) cell. */
export function removeCell(nb: Notebook, id: string): Notebook {
  const cells = nb.cells.filter((c) => c.id !== id);
  if (cells.length === nb.cells.length) throw new Error(`no cell with id ${id}`);
  return { ...nb, cells: cells.length ? cells : [makeCell('code')] };
}

/** Moves a cell up (-1) or down (+1); a move past either end changes nothing. */
export function moveCell(nb: Notebook, id: string, delta: -1 | 1): Notebook {
  const from = indexOf(nb, id);
  const to = from + delta;
  if (to < 0 || to >= nb.cells.length) return nb;
  const cells = [...nb.cells];
  [cells[from], cells[to]] = [cells[to], cells[from]];
  return { ...nb, cells };
}

export function updateCell(nb: Notebook, id: string, change: Partial<Omit<Cell, 'id'>>): Notebook {
  const at = indexOf(nb, id);
  const cells = [...nb.cells];
  const next = { ...cells[at], ...change };
  if (change.kind === 'markdown') {
    next.outputs = [];
    next.executionCount = null;
  }
  cells[at] = next;
  return { ...nb, cells };
}

export function clearOutputs(nb: Notebook): Notebook {
  return { ...nb, cells: nb.cells.map((c) => ({ ...c, outputs: [], executionCount: null })) };
}

// Checks a project record read from IndexedDB before the app trusts it: a record written by an
// older version, a browser extension or a half-failed write (`graph: null`, no `nodes`, no
// `updatedAt`, wrong types) is reported with what is wrong instead of opening "fine" and
// crashing a view later, or vanishing from the list.
import type { Project, StoredDataset, StoredModel } from './projectDb';

export type Validation = { ok: true; project: Project } | { ok: false; problems: string[] };

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A short description of what a value is, for messages ("null", "a string", "missing"). */
export function kindOf(v: unknown): string {
  if (v === undefined) return 'missing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}

const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

const isPortRef = (v: unknown): boolean =>
  isObj(v) &&
  typeof v.node === 'string' &&
  typeof v.port === 'string' &&
  (v.index === undefined || Number.isInteger(v.index));

/** Checks each item of a list; names the first few bad ones (`graph.nodes[3]`). */
function checkList(
  problems: string[],
  where: string,
  v: unknown,
  item: (x: unknown) => boolean,
  shape: string,
): void {
  if (!Array.isArray(v)) {
    problems.push(`${where} is ${kindOf(v)}, not a list`);
    return;
  }
  const bad = v.flatMap((x, i) => (item(x) ? [] : [i]));
  if (bad.length > 0) {
    const shown = bad.slice(0, 3).map((i) => `${where}[${i}]`);
    const more = bad.length > 3 ? ` and ${bad.length - 3} more` : '';
    problems.push(`${shown.join(', ')}${more} ${bad.length === 1 ? 'is' : 'are'} not ${shape}`);
  }
}

function checkGraph(problems: string[], g: unknown): void {
  if (!isObj(g)) {
    problems.push(`graph is ${kindOf(g)}`);
    return;
  }
  if (g.properties !== undefined && !isObj(g.properties))
    problems.push(`graph.properties is ${kindOf(g.properties)}, not an object`);
  checkList(
    problems,
    'graph.nodes',
    g.nodes,
    (n) =>
      isObj(n) &&
      typeof n.id === 'string' &&
      typeof n.component === 'string' &&
      isFiniteNumber(n.x) &&
      isFiniteNumber(n.y),
    'a node (id, component, x, y)',
  );
  checkList(
    problems,
    'graph.edges',
    g.edges,
    (e) => isObj(e) && isPortRef(e.src) && isPortRef(e.tgt),
    'an edge (src, tgt)',
  );
  checkList(problems, 'graph.iips', g.iips, (i) => isObj(i) && isPortRef(i.tgt), 'an IIP');
  for (const side of ['inports', 'outports'] as const) {
    if (g[side] === undefined) continue; // filled in as [] below
    checkList(
      problems,
      `graph.${side}`,
      g[side],
      (p) =>
        isObj(p) &&
        typeof p.name === 'string' &&
        typeof p.node === 'string' &&
        typeof p.port === 'string',
      'an exported port',
    );
  }
}

// By tag, not instanceof: a structured clone may come from another realm (a test's jsdom).
const isBytes = (v: unknown): boolean =>
  Object.prototype.toString.call(v) === '[object Uint8Array]';

const isRows = (r: unknown): boolean =>
  Array.isArray(r) && r.every((row) => Array.isArray(row) && row.every(isFiniteNumber));

const isModel = (m: unknown): m is StoredModel =>
  isObj(m) &&
  Number.isInteger(m.id) &&
  typeof m.name === 'string' &&
  isBytes(m.blob) &&
  (m.rows === undefined || isRows(m.rows)) &&
  (m.rowsSource === undefined || typeof m.rowsSource === 'string');

const isDataset = (d: unknown): d is StoredDataset =>
  isObj(d) &&
  typeof d.name === 'string' &&
  typeof d.csv === 'string' &&
  isFiniteNumber(d.rows) &&
  isFiniteNumber(d.recordedAt);

/**
 * Validates a stored record. Only parts that have an obvious empty value and that older
 * records may lack (graph `properties`, `inports`, `outports`) are filled in; anything else
 * wrong makes the record damaged, with one line per problem.
 */
export function validateProject(raw: unknown): Validation {
  if (!isObj(raw)) return { ok: false, problems: [`the record is ${kindOf(raw)}, not an object`] };
  const problems: string[] = [];
  if (typeof raw.id !== 'string' || raw.id === '') problems.push(`id is ${kindOf(raw.id)}`);
  if (typeof raw.name !== 'string') problems.push(`name is ${kindOf(raw.name)}, not text`);
  checkGraph(problems, raw.graph);
  if (typeof raw.text !== 'string') problems.push(`text is ${kindOf(raw.text)}, not text`);
  for (const key of ['createdAt', 'updatedAt'] as const)
    if (!isFiniteNumber(raw[key])) problems.push(`${key} is ${kindOf(raw[key])}, not a time`);
  if (raw.models !== undefined)
    checkList(problems, 'models', raw.models, isModel, 'a model (id, name, bytes)');
  if (raw.datasets !== undefined)
    checkList(problems, 'datasets', raw.datasets, isDataset, 'a dataset (name, csv, rows)');
  if (problems.length > 0) return { ok: false, problems };

  const g = raw.graph as Obj;
  const graph = {
    ...g,
    properties: (g.properties as Obj | undefined) ?? {},
    inports: g.inports ?? [],
    outports: g.outports ?? [],
  };
  return {
    ok: true,
    project: { ...(raw as unknown as Project), graph: graph as Project['graph'] },
  };
}

/** A name for a damaged record in messages: its own name when it has one, else its key. */
export function damagedName(raw: unknown, key: unknown): string {
  if (isObj(raw) && typeof raw.name === 'string' && raw.name.trim()) return raw.name.trim();
  return `record ${String(key)}`;
}

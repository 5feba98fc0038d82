// What a graph's models cost the sketch the firmware dialog builds, per model node, before
// download: the form (a blob in flash read by the model engine: the only form a graph sketch
// carries, docs/export.md), flash = the engine measured with avr-gcc at build time
// (firmware/meter/engine_sizes.sh, shipped in model-meter-uno.json) + the blob's bytes, static
// RAM (the engine's; the blob is read in place), and which rows the cycles are measured on.
// Pure functions: useModelCosts.ts measures, FirmwareDialog.tsx shows.
import type { Board } from './exportFirmware';

export type EngineConfig = 'forest-float' | 'forest-int16' | 'boosting' | 'isolation' | 'families';
export interface Size {
  flash: number;
  ram: number;
}
/** model-meter-uno.json's `engine`: per board (uno, mega) and configuration. */
export type EngineSizes = Record<Board, Record<EngineConfig, Size>>;

/** A board's memory as the sketch sees it (generic-<board>.json: flashMax, ramMax). */
export interface BoardMemory {
  name: string;
  flash: number;
  ram: number;
}

export interface ModelHeader {
  kind: number;
  int16: boolean;
  features: number;
  outputs: number;
}

/** The blob's container header (docs/model-format.md), or null when it is not a model. */
export function readModelHeader(blob: Uint8Array): ModelHeader | null {
  if (blob.length < 20 || String.fromCharCode(...blob.slice(0, 4)) !== 'EMFM') return null;
  return {
    kind: blob[5],
    int16: (blob[6] & 1) === 1,
    features: blob[8] | (blob[9] << 8),
    outputs: blob[10] | (blob[11] << 8),
  };
}

/** The engine a sketch links for a model of this kind (as the exporter's emflow_config.h). */
export function engineConfig(h: ModelHeader): EngineConfig {
  if (h.kind >= 32) return 'families';
  if (h.kind === 3 || h.kind === 4) return 'boosting';
  if (h.kind === 5) return 'isolation';
  return h.int16 ? 'forest-int16' : 'forest-float';
}

export interface CostedModel {
  id: number;
  name: string;
  blob: Uint8Array;
  /** Nodes of the graph that run it (Classify, Regress, AnomalyScore with MODEL = id). */
  nodes: string[];
  rows?: number[][];
  rowsSource?: string;
}

export interface ModelCost {
  model: CostedModel;
  header: ModelHeader | null;
  config: EngineConfig | null;
  /** Engine + blob; null without engine sizes (a build without the meter). */
  flash: number | null;
  engine: Size | null;
}

export function modelCost(model: CostedModel, board: Board, engines?: EngineSizes): ModelCost {
  const header = readModelHeader(model.blob);
  const config = header ? engineConfig(header) : null;
  const engine = config && engines ? engines[board][config] : null;
  return {
    model,
    header,
    config,
    engine,
    flash: engine ? engine.flash + model.blob.length : null,
  };
}

export interface ModelsFit {
  /** Blobs + the engines the models need (each configuration once: they are shared). */
  flash: number;
  ram: number;
  /** One engine configuration: a measured figure; several: their sum, an upper bound. */
  upperBound: boolean;
  fits: boolean;
  /** "does not fit: the models need 40123 B of flash, the Arduino Uno has 32256 B" or "". */
  text: string;
}

/**
 * Whether the models fit the board with nothing else in the sketch: if not, no sketch with
 * them can. Models must also stay in the first 64 KB, which the model engine reads.
 */
export function modelsFit(costs: ModelCost[], memory: BoardMemory): ModelsFit | null {
  if (costs.some((c) => c.engine === null)) return null;
  const configs = new Map<EngineConfig, Size>();
  for (const c of costs) configs.set(c.config!, c.engine!);
  const engines = [...configs.values()];
  const flash =
    costs.reduce((s, c) => s + c.model.blob.length, 0) + engines.reduce((s, e) => s + e.flash, 0);
  const ram = engines.reduce((s, e) => s + e.ram, 0);
  const limit = Math.min(memory.flash, 65536);
  const reach = limit < memory.flash ? ' in the first 64 KB, which the model engine reads' : '';
  const fits = flash <= limit && ram <= memory.ram;
  const text = fits
    ? ''
    : flash > limit
      ? `does not fit: the models need ${flash} B of flash, the ${memory.name} has ${limit} B${reach}`
      : `does not fit: the models need ${ram} B of RAM, the ${memory.name} has ${memory.ram} B`;
  return { flash, ram, upperBound: engines.length > 1, fits, text };
}

/** Columns of a dataset that are not features: time, and the true class or target. */
const NOT_FEATURES = /^(t|time|time_?ms|time_?s|label|class|target|y|activity)$/i;

export interface ChosenRows {
  rows: number[][];
  /** What the dialog says about them: "32 held-out rows stored with the model". */
  source: string;
}

/** At most this many rows are measured: a few seconds of the worker per model. */
export const MEASURED_ROWS = 32;

/**
 * The rows a model's cycles are measured on: those stored with the model (an example's
 * held-out rows), else the first rows of a project dataset whose columns, less time and label
 * columns, are as many as the model's features; else why there are none.
 */
export function chooseRows(
  model: CostedModel,
  datasets: { name: string; csv: string }[],
  parse: (csv: string, name: string) => { columns?: string[]; rows: number[][] },
): ChosenRows | { why: string } {
  const header = readModelHeader(model.blob);
  if (!header) return { why: 'not a model blob' };
  const n = header.features;
  if (model.rows?.length && model.rows[0].length === n)
    return {
      rows: model.rows.slice(0, MEASURED_ROWS),
      source: model.rowsSource ?? `${Math.min(model.rows.length, MEASURED_ROWS)} rows stored with the model`,
    };
  for (const d of datasets) {
    let parsed;
    try {
      parsed = parse(d.csv, d.name);
    } catch {
      continue; // a dataset with text fields cannot be features
    }
    const keep = (parsed.columns ?? []).map((c) => !NOT_FEATURES.test(c));
    const width = parsed.columns ? keep.filter(Boolean).length : (parsed.rows[0]?.length ?? 0);
    if (width !== n || parsed.rows.length === 0) continue;
    const rows = parsed.rows
      .slice(0, MEASURED_ROWS)
      .map((r) => (parsed.columns ? r.filter((_, i) => keep[i]) : r));
    return { rows, source: `the first ${rows.length} rows of data/${d.name}` };
  }
  return {
    why:
      `no rows with its ${n} features: none stored with the model and no project dataset ` +
      `with ${n} feature columns (measure with npx emflow measure MODEL.bin --rows ROWS.csv)`,
  };
}

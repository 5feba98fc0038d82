// What a cell produces. `stream`, `result` and `error` are Jupyter's; the others are emflow's
// structured outputs, emitted by the Python helpers in python/emflow_nb.py and drawn by the app
// (plots with uPlot, tables, the engine evaluation, a model to send to the playground).

export interface StreamOutput {
  type: 'stream';
  name: 'stdout' | 'stderr';
  text: string;
}
export interface ResultOutput {
  type: 'result';
  text: string;
}
export interface ErrorOutput {
  type: 'error';
  ename: string;
  evalue: string;
  traceback: string;
}
export interface NoticeOutput {
  type: 'notice';
  level: 'info' | 'warning' | 'error';
  text: string;
}
export interface PlotOutput {
  type: 'plot';
  title: string;
  xlabel: string;
  x: number[];
  series: number[][];
  labels: string[];
}
export interface TableOutput {
  type: 'table';
  title: string;
  columns: string[];
  rows: (string | number | boolean | null)[][];
}
export interface EvaluationOutput {
  type: 'evaluation';
  title: string;
  trainer: string;
  kind: string;
  rows: number;
  agreement: number;
  blobBytes: number;
  nFeatures: number;
  nOutputs: number;
  classes: (string | number)[] | null;
  confusion?: number[][];
  accuracyPython?: number | null;
  accuracyEngine?: number | null;
  /** The sketch that carries the model per board and form (emflow_nb.sketch_costs). */
  sketches?: SketchCost[];
  /** The model blob (base64) and up to 32 of the evaluated rows, for the measured Uno row. */
  blob?: string;
  sampleRows?: number[][];
}
/** Flash, RAM and cycles of the sketch carrying a model on one board in one form, from the cost
 * models calibrated on avr-gcc builds (python/emflow/device_cost.py), with their worst error. */
export interface SketchCost {
  board: string;
  form: 'blob' | 'inline' | 'tables';
  flash: number;
  ram: number;
  cycles: number;
  flashMax: number;
  ramMax: number;
  flashError: number;
  cyclesError: number;
}

/** Whether a sketch fits its board, and if not, by how much (for the "does not fit" text). */
export function sketchFit(c: SketchCost): { fits: boolean; text: string } {
  const over: string[] = [];
  if (c.flash > c.flashMax) over.push(`flash ${c.flash} B of ${c.flashMax} B`);
  if (c.ram > c.ramMax) over.push(`RAM ${c.ram} B of ${c.ramMax} B`);
  return over.length
    ? { fits: false, text: `does not fit: ${over.join(', ')}` }
    : { fits: true, text: 'fits' };
}

export interface ModelOutput {
  type: 'model';
  name: string;
  trainer: string;
  /** The model blob, base64 (docs/model-format.md). */
  blob: string;
  size: number;
  /** Up to 32 rows it was evaluated on (nb.evaluate before nb.send): kept with the model. */
  sampleRows?: number[][];
}

/** One row of a model sweep (python/emflow/model_sweep.py COLUMNS, the ones the view shows). */
export interface SweepRow {
  candidate: number;
  trainer: string;
  family: string;
  /** The candidate's hyperparameters, JSON. */
  params: string;
  seed: number;
  dtype: string;
  form: string;
  score: number;
  flash: number;
  ram: number;
  cycles: number;
  blob_bytes: number;
  fits_board: boolean;
  pareto: boolean;
}

/** A model sweep (emflow_nb.sweep): drawn as accuracy against flash and cycles. */
export interface SweepOutput {
  type: 'sweep';
  /** The sweep's id in the Python session (emflow_nb.sweep_send refits its rows). */
  id: number;
  title: string;
  /** 'accuracy' or 'r2'. */
  metric: string;
  board: { name: string; flash: number; ram: number };
  /** Flash a sketch may use on each board the cost models know (uno, mega2560). */
  boardFlash: Record<string, number>;
  rows: SweepRow[];
}

export type CellOutput =
  | StreamOutput
  | ResultOutput
  | ErrorOutput
  | NoticeOutput
  | PlotOutput
  | TableOutput
  | EvaluationOutput
  | ModelOutput
  | SweepOutput;

/** Appends an output, merging consecutive text on the same stream as Jupyter does. */
export function appendOutput(outputs: readonly CellOutput[], next: CellOutput): CellOutput[] {
  const last = outputs[outputs.length - 1];
  if (last?.type === 'stream' && next.type === 'stream' && last.name === next.name) {
    return [...outputs.slice(0, -1), { ...last, text: last.text + next.text }];
  }
  return [...outputs, next];
}

const STRUCTURED = new Set(['notice', 'plot', 'table', 'evaluation', 'model', 'sweep']);

/** Parses a structured output emitted by Python; throws with what is wrong. */
export function parseStructuredOutput(json: string): CellOutput {
  const value = JSON.parse(json) as { type?: unknown };
  if (typeof value !== 'object' || value === null || !STRUCTURED.has(String(value.type))) {
    throw new Error(`not an emflow output: ${json.slice(0, 80)}`);
  }
  return value as CellOutput;
}

export function base64ToBytes(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

/** Estimated ATmega328P (Uno) resources of a model: its blob in flash (PROGMEM), and RAM for
 * the feature and output buffers (float32) the inference call needs. The inference code itself
 * is shared by all models of a family and reported by the firmware export. */
export function estimateUno(e: Pick<EvaluationOutput, 'blobBytes' | 'nFeatures' | 'nOutputs'>) {
  const flashBytes = e.blobBytes;
  const ramBytes = 4 * (e.nFeatures + e.nOutputs);
  return {
    flashBytes,
    ramBytes,
    flashShare: flashBytes / (32 * 1024 - 512), // minus the bootloader
    ramShare: ramBytes / 2048,
  };
}

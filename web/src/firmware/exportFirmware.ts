// "Download firmware": the Arduino sketch zip built in the browser by the WebAssembly exporter
// (wasm/bindings_export.cpp), the same code as `emflow export`. The engine worker's protocol
// has no export call, so the engine module is loaded a second time here, on first use only.
import type { EngineModule } from '../../../wasm/emflow-engine';
import { engineLoader } from '../engine/engineLoader';
import { firmwareSources } from './firmwareSources';

export type Board = 'uno' | 'mega';

export const BOARDS: { id: Board; label: string }[] = [
  { id: 'uno', label: 'Arduino Uno (ATmega328P)' },
  { id: 'mega', label: 'Arduino Mega 2560' },
];

/** The zip's file name: the sketch name and the board, `Activity-uno.zip`, `Activity-mega.zip`. */
export const firmwareZipName = (sketch: string, board: Board): string => `${sketch}-${board}.zip`;

export type FirmwareResult =
  | { ok: true; name: string; zip: Uint8Array; notes: string[] }
  | { ok: false; errors: string[] };

type EngineExport = ReturnType<EngineModule['exportFirmwareWithModels']>;

/**
 * The engine's answer as the dialog shows it: `notes` say what the exporter changed on the way
 * (a graph named `con` is exported as `con_sketch`: Windows reserves CON, PRN, AUX, NUL,
 * COM1-9 and LPT1-9, so `con/con.ino` could not be extracted there).
 */
export function firmwareResult(r: EngineExport): FirmwareResult {
  if (r.ok) return { ok: true, name: r.name, zip: r.zip, notes: r.notes ?? [] };
  return { ok: false, errors: r.errors.length ? r.errors : ['the exporter refused the graph'] };
}

/** A model of the project, by the id the graph's MODEL initial packets name. */
export interface FirmwareModel {
  id: number;
  blob: Uint8Array;
  name?: string;
  /** Feature rows kept with the model, and where they come from (the dialog measures on them). */
  rows?: number[][];
  rowsSource?: string;
}

const loadExporter = engineLoader(['exportFirmwareWithModels'], 'has no firmware exporter');

/**
 * Exports `.fbp` text as a sketch for `board`, with the project's `models` (those the graph's
 * Classify/Regress/AnomalyScore nodes use go into the sketch's flash); refusals — a model node
 * without its model, models too big for the board — come back as messages with numbers.
 */
export async function exportFirmware(
  fbpText: string,
  sourceName: string,
  board: Board,
  models: FirmwareModel[] = [],
): Promise<FirmwareResult> {
  const module = await loadExporter();
  const r = module.exportFirmwareWithModels(
    fbpText,
    sourceName,
    board,
    firmwareSources(),
    models.map((m) => ({ id: m.id, blob: m.blob })),
  );
  return firmwareResult(r);
}

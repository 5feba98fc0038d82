// The "Download firmware" dialog: choose a board, see what the graph's models cost it (flash,
// RAM, cycles per prediction measured on the virtual Uno: ModelCostTable), build the Arduino
// sketch zip in the browser and save it; a graph the board cannot hold is refused with the
// exporter's numbers, and models that cannot fit the board turn the download off, saying why.
import { useEscape } from '../help/useEscape';
import { useMemo, useState } from 'react';
import { useGenericFirmwareLimits } from '../board/genericFirmwareLimits';
import { downloadBlob } from '../files/download';
import type { Graph } from '../graph-doc/graph';
import { nodesUsingModel } from '../ml/modelNode';
import { parseNumberRows } from '../virtual-board/numberRows';
import {
  BOARDS,
  type Board,
  type FirmwareModel,
  exportFirmware,
  firmwareZipName,
} from './exportFirmware';
import { ModelCostTable } from './ModelCostTable';
import { type BoardMemory, type CostedModel, chooseRows, modelCost, modelsFit } from './modelCosts';
import { measureKey, useEngineSizes, useMeasurements } from './useModelCosts';

/** Which generic firmware's sizes file gives a board's memory (flashMax, ramMax). */
const GENERIC_ID: Record<Board, string> = { uno: 'uno', mega: 'mega2560' };
const BOARD_NAME: Record<Board, string> = { uno: 'Arduino Uno', mega: 'Arduino Mega 2560' };

interface Props {
  fbpText: string;
  /** File name the graph came from (used for the sketch name when the graph has no @name). */
  sourceName: string;
  /** The project's models (its StoredModel list); the graph's model nodes pick theirs by id. */
  models?: FirmwareModel[];
  /** The graph (which nodes run which model) and the project's datasets (rows to measure on). */
  graph?: Graph;
  datasets?: { name: string; csv: string }[];
  onClose: () => void;
  onExported: (message: string) => void;
}

export function FirmwareDialog(props: Props) {
  const { fbpText, sourceName, models, graph, datasets, onClose, onExported } = props;
  useEscape(onClose);
  const [board, setBoard] = useState<Board>('uno');
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<string[]>([]);
  const engines = useEngineSizes();
  const limits = useGenericFirmwareLimits();

  // The models the graph runs, the rows each is measured on, and the measurements.
  const used = useMemo<CostedModel[]>(
    () =>
      (models ?? [])
        .map((m) => ({
          ...m,
          name: m.name ?? '',
          nodes: graph ? nodesUsingModel(graph, m.id) : [],
        }))
        .filter((m) => m.nodes.length > 0),
    [models, graph],
  );
  const chosen = useMemo(
    () => used.map((m) => chooseRows(m, datasets ?? [], parseNumberRows)),
    [used, datasets],
  );
  const jobs = useMemo(
    () =>
      used.flatMap((m, i) => {
        const c = chosen[i];
        return 'why' in c ? [] : [{ key: measureKey(m.blob, c.rows), blob: m.blob, rows: c.rows }];
      }),
    [used, chosen],
  );
  const measurements = useMeasurements(jobs);
  const memoryOf = (b: Board): BoardMemory | null => {
    const info = limits.get(GENERIC_ID[b]);
    return info ? { name: BOARD_NAME[b], flash: info.flashMax, ram: info.ramMax } : null;
  };
  const fits = BOARDS.flatMap((b) => {
    const memory = memoryOf(b.id);
    if (!memory) return [];
    const fit = modelsFit(used.map((m) => modelCost(m, b.id, engines)), memory);
    return [{ memory, fit, chosen: b.id === board }];
  });
  const blocked = fits.find((f) => f.chosen)?.fit;
  const refusal = blocked && !blocked.fits ? blocked.text : '';

  const build = async () => {
    setBusy(true);
    setErrors([]);
    try {
      const r = await exportFirmware(fbpText, sourceName, board, models ?? []);
      if (!r.ok) {
        setErrors(r.errors);
        return;
      }
      const zip = new Blob([r.zip as Uint8Array<ArrayBuffer>], { type: 'application/zip' });
      // The board in the file name: an Uno zip and a Mega zip of one graph are told apart.
      const file = firmwareZipName(r.name, board);
      downloadBlob(file, zip);
      // What changed on the way is said: a reserved sketch name renamed, pins remapped for the
      // board (an Uno graph's A0 is the Mega's A0, pin 54); locations are left to the CLI.
      const notes = r.notes.map((n) => n.replace(/^[^:]*:(\d+:\d+: )?/, '').trim()).join('; ');
      onExported(
        `Firmware ${file} (${r.zip.length} bytes): open ${r.name}/${r.name}.ino` +
          (notes ? `. ${notes}` : ''),
      );
      onClose();
    } catch (e) {
      setErrors([`export failed: ${e instanceof Error ? e.message : String(e)}`]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="dialog-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div
        className={`dialog${used.length ? ' firmware-dialog' : ''}`}
        role="dialog"
        aria-label="Download firmware"
        data-testid="firmware-dialog"
      >
        <h2>Download firmware</h2>
        <p className="muted small">
          An Arduino sketch of this graph, built here from the same sources the simulator runs. It
          opens in the Arduino IDE, arduino-cli and PlatformIO.
        </p>
        <label className="dialog-row">
          Board{' '}
          <select
            value={board}
            onChange={(e) => setBoard(e.target.value as Board)}
            data-testid="firmware-board"
          >
            {BOARDS.map((b) => (
              <option key={b.id} value={b.id}>
                {b.label}
              </option>
            ))}
          </select>
        </label>
        {used.length > 0 && (
          <ModelCostTable
            rows={used.map((m, i) => {
              const c = chosen[i];
              return {
                cost: modelCost(m, board, engines),
                rows: c,
                measurement: 'why' in c ? undefined : measurements.get(measureKey(m.blob, c.rows)),
              };
            })}
            fits={fits}
          />
        )}
        {errors.length > 0 && (
          <ul className="dialog-errors" data-testid="firmware-errors">
            {errors.map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
        )}
        <div className="dialog-actions">
          <button className="btn" onClick={onClose}>
            Cancel
          </button>
          <button
            className="btn primary"
            onClick={() => void build()}
            disabled={busy || refusal !== ''}
            title={refusal ? `No download for this board: ${refusal}` : undefined}
            data-testid="firmware-download"
          >
            {busy ? 'Building…' : refusal ? 'Does not fit this board' : 'Download .zip'}
          </button>
        </div>
      </div>
    </div>
  );
}

// The "Download firmware" dialog: choose a board, build the Arduino sketch zip in the browser
// and save it; a graph the board cannot hold is refused with the exporter's numbers.
import { useEscape } from '../help/useEscape';
import { useState } from 'react';
import { downloadBlob } from '../files/download';
import {
  BOARDS,
  type Board,
  type FirmwareModel,
  exportFirmware,
  firmwareZipName,
} from './exportFirmware';

interface Props {
  fbpText: string;
  /** File name the graph came from (used for the sketch name when the graph has no @name). */
  sourceName: string;
  /** The project's models (its StoredModel list); the graph's model nodes pick theirs by id. */
  models?: FirmwareModel[];
  onClose: () => void;
  onExported: (message: string) => void;
}

export function FirmwareDialog({ fbpText, sourceName, models, onClose, onExported }: Props) {
  useEscape(onClose);
  const [board, setBoard] = useState<Board>('uno');
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<string[]>([]);

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
      <div className="dialog" role="dialog" aria-label="Download firmware" data-testid="firmware-dialog">
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
            disabled={busy}
            data-testid="firmware-download"
          >
            {busy ? 'Building…' : 'Download .zip'}
          </button>
        </div>
      </div>
    </div>
  );
}

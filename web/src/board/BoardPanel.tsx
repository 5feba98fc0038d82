// The board/outputs panel for any graph: the board with live pin states, a table of the pins
// the graph uses (LEDs on outputs, PWM duties), controls for the inputs the bench world lets a
// person set (analog counts, digital levels, DS18B20 temperatures) and the serial output.
// It takes pin states from a PinBoard, whatever feeds it (engine today, a virtual Uno later).
import type { WorldInputs, WorldKind } from '../engine';
import { ZoomableBoard } from './ZoomableBoard';
import { benchInputName, pinLabel, type PinUse } from './boardPins';
import type { PinBoard } from './pinBoard';

interface Props {
  board: PinBoard;
  uses: readonly PinUse[];
  dataVersion: number;
  /** The world behind the pins: only the bench ("none") takes inputs by hand. */
  world: WorldKind;
  /** The inputs set so far (shown before and during a run). */
  inputs: WorldInputs | undefined;
  onInputs: (inputs: WorldInputs) => void;
  enabled: boolean;
}

const ROLE_TEXT: Record<PinUse['role'], string> = {
  'digital-out': 'digital out',
  'pwm-out': 'PWM out',
  'analog-in': 'analog in',
  'digital-in': 'digital in',
  ds18b20: 'DS18B20',
};

/** Defaults shown before anything is set (what the bench reads until then). */
const DEFAULT_OF: Record<string, number> = { T: 20, A: 0, D: 0 };

function InputControl(p: {
  name: string;
  value: number;
  enabled: boolean;
  onChange: (v: number) => void;
}) {
  const kind = p.name[0];
  if (kind === 'D') {
    return (
      <input
        type="checkbox"
        checked={p.value === 1}
        disabled={!p.enabled}
        aria-label={`${p.name} level`}
        data-testid={`board-input-${p.name}`}
        onChange={(e) => p.onChange(e.target.checked ? 1 : 0)}
      />
    );
  }
  const [min, max, step, unit] = kind === 'T' ? [-20, 60, 0.5, '°C'] : [0, 1023, 1, 'counts'];
  return (
    <span className="board-input">
      <input
        type="range"
        min={min}
        max={max}
        step={step}
        value={p.value}
        disabled={!p.enabled}
        aria-label={`${p.name} (${unit})`}
        data-testid={`board-slider-${p.name}`}
        onChange={(e) => p.onChange(Number(e.target.value))}
      />
      <input
        type="number"
        min={kind === 'T' ? -55 : min}
        max={kind === 'T' ? 125 : max}
        step={step}
        value={p.value}
        disabled={!p.enabled}
        aria-label={`${p.name} value (${unit})`}
        data-testid={`board-input-${p.name}`}
        onChange={(e) => {
          const v = Number(e.target.value);
          if (e.target.value !== '' && Number.isFinite(v)) p.onChange(v);
        }}
      />
      <span className="muted small">{unit}</span>
    </span>
  );
}

export function BoardPanel({ board, uses, dataVersion, world, inputs, onInputs, enabled }: Props) {
  const bench = world === 'none';
  const rows = [...uses];
  // Pins written by nodes the graph does not name through a PIN edge (a computed pin).
  for (const pin of board.writtenPins())
    if (!rows.some((u) => u.pin === pin)) rows.push({ pin, role: 'digital-out', node: '?' });
  rows.sort((a, b) => a.pin - b.pin);
  return (
    <div className="board-panel" data-testid="board-panel">
      <ZoomableBoard board={board} uses={uses} dataVersion={dataVersion} />
      <div className="board-side">
        {rows.length === 0 ? (
          <p className="muted small">
            This graph uses no pins yet: a DigitalWrite, PwmWrite, AnalogRead, DigitalRead or
            ReadDallasTemperature wired to the board's pins shows here.
          </p>
        ) : (
          <table className="board-pins small">
            <thead>
              <tr>
                <th>pin</th>
                <th>use</th>
                <th>node</th>
                <th>now</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((u) => {
                const s = board.pin(u.pin);
                const input = benchInputName(u);
                const out = u.role.endsWith('-out');
                return (
                  <tr key={`${u.pin}-${u.node}`} data-testid={`board-pin-${u.pin}`}>
                    <td className="mono">{pinLabel(u.pin)}</td>
                    <td>{ROLE_TEXT[u.role]}</td>
                    <td className="mono board-node" title={u.node}>
                      {u.node}
                    </td>
                    <td>
                      {out ? (
                        <span
                          className={`pin-state ${board.brightness(u.pin) > 0 ? 'on' : ''}`}
                          data-testid={`board-state-${u.pin}`}
                          data-level={s?.level ?? ''}
                          title={s ? `${s.changes} changes, last at ${s.changedAtMs} ms` : ''}
                        >
                          {!s
                            ? '—'
                            : s.pwm
                              ? `PWM ${Math.round(((s.duty ?? 0) / 255) * 100)} %`
                              : s.level === 1
                                ? 'HIGH'
                                : 'LOW'}
                        </span>
                      ) : input && bench ? (
                        <InputControl
                          name={input}
                          value={Number(inputs?.[input] ?? DEFAULT_OF[input[0]] ?? 0)}
                          enabled={enabled}
                          onChange={(v) => onInputs({ [input]: v })}
                        />
                      ) : (
                        <span className="muted small">
                          {bench ? 'not settable' : `from the ${world} world`}
                        </span>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
        {board.dropped > 0 && (
          <p className="warn small" data-testid="board-dropped">
            {board.dropped} older pin changes were discarded before the panel took them
          </p>
        )}
        <div className="board-serial-head small muted">Serial output</div>
        <pre className="board-serial mono small" data-testid="board-serial">
          {board.serialLines.length === 0 ? '(nothing printed yet)' : board.serialLines.join('\n')}
        </pre>
      </div>
    </div>
  );
}

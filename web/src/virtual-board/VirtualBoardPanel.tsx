// "Run on: virtual Uno / virtual Mega": the graph compiled for the board, uploaded over the
// serial link to the real generic firmware running on an emulated ATmega328P or ATmega2560
// (avr8js, in a worker), and run on the board's own clock. Shows the board's pins, the
// firmware's size, board time against wall time, a serial monitor of what the board says and
// a logic view of its pins (with VCD export). The board itself (useVirtualBoard) belongs to the
// caller, so it lives on when the simulation panel switches between its view and "compare".
import { type ReactNode, useEffect, useState } from 'react';
import { BOARD_LAYOUTS } from '../board/boardLayouts';
import { ZoomableBoard } from '../board/ZoomableBoard';
import { pinUses } from '../board/boardPins';
import type { Graph } from '../graph-doc/graph';
import { LogicView } from './LogicView';
import { SerialMonitor } from './SerialMonitor';
import type { BoardWorldOptions, BoardWorldState } from './boardWorld';
import { worldLine } from './worldLine';
import { firmwareUrlOf, type VirtualBoardHandle } from './useVirtualBoard';
import { boardPinLabel } from './virtualBoards';
const SPEEDS = [
  { value: 1, label: 'real time' },
  { value: 10, label: '×10' },
  { value: Infinity, label: 'max' },
];

interface Props {
  uno: VirtualBoardHandle;
  graph: Graph;
  /** The graph as .fbp text: what is compiled for the board. */
  fbpText: string;
  /** Shown first in the toolbar (the panel's "run on" choice). */
  leading?: ReactNode;
  /** The project's name, for exported files. */
  fileStem: string;
  /** Beside the simulator ("compare"): no board picture or firmware sizes, logic above serial. */
  compact?: boolean;
  /** The simulator's world, put behind the board's pins when the graph is uploaded. */
  world?: BoardWorldOptions | null;
}

interface FirmwareFacts {
  flash: number;
  flashMax: number;
  ram: number;
  ramMax: number;
  excluded: string[];
  models?: string;
}

export function VirtualBoardPanel(props: Props) {
  const { uno, graph, fbpText, leading, fileStem, compact, world = null } = props;
  const { state, spec } = uno;
  const [speed, setSpeed] = useState(1);
  const [facts, setFacts] = useState<FirmwareFacts | null>(null);
  useEffect(() => {
    fetch(firmwareUrlOf(spec.id).replace(/\.hex$/, '.json'))
      .then((r) => (r.ok ? r.json() : null))
      .then(setFacts)
      .catch(() => setFacts(null));
  }, [spec.id]);
  const label = (pin: number) => boardPinLabel(spec, pin);
  const stem = `${fileStem}-${spec.id === 'uno' ? 'uno' : 'mega'}`;
  const booted = state.info !== null;
  const running = state.phase === 'running';
  const ratio = state.wallMs > 0 ? state.timeMs / state.wallMs : 0;
  return (
    <div className="virtual-uno" data-testid="virtual-uno" data-board={spec.id}>
      <div className="sim-toolbar">
        {leading}
        {!booted ? (
          <button
            className="btn primary"
            onClick={uno.boot}
            disabled={state.phase === 'booting'}
            data-testid="vuno-boot"
          >
            {state.phase === 'booting' ? 'Booting…' : '⏻ Power on'}
          </button>
        ) : running ? (
          <button className="btn" onClick={uno.stop} data-testid="vuno-stop">
            ❚❚ Stop
          </button>
        ) : (
          <button
            className="btn primary"
            onClick={() => uno.runGraph(fbpText, speed, world)}
            data-testid="vuno-run"
          >
            ⤒ Upload and run
          </button>
        )}
        <button
          className="btn"
          onClick={uno.reset}
          disabled={!booted}
          title="The board's reset button: the stored graph runs again"
          data-testid="vuno-reset"
        >
          ⟲ Reset
        </button>
        <label className="speed">
          speed
          <select
            value={String(speed)}
            onChange={(e) => setSpeed(Number(e.target.value))}
            disabled={running}
            data-testid="vuno-speed"
          >
            {SPEEDS.map((s) => (
              <option key={s.label} value={String(s.value)}>
                {s.label}
              </option>
            ))}
          </select>
        </label>
        <span
          className="clock mono"
          title={`board time (the ${spec.mcu}'s own clock)`}
          data-testid="vuno-clock"
        >
          {(state.timeMs / 1000).toFixed(2)} s
        </span>
        {running && ratio > 0 && <span className="muted small">×{ratio.toFixed(1)} real time</span>}
        <span className="spacer" />
        {facts && !compact && (
          <span
            className="muted small"
            data-testid="vuno-firmware"
            title={
              facts.excluded.length
                ? `not on the ${spec.name}: ${facts.excluded.join(', ')}; int16 models`
                : `every component; ${facts.models ?? ''} models`
            }
          >
            generic firmware: flash {facts.flash} / {facts.flashMax} B, RAM {facts.ram} /{' '}
            {facts.ramMax} B
          </span>
        )}
      </div>
      {state.upload && (
        <div className="muted small vuno-world" data-testid="vuno-upload">
          {state.upload}
        </div>
      )}
      {state.world && <WorldLine state={state.world} />}
      {state.error && (
        <div className="sim-error" role="alert" data-testid="vuno-error">
          {state.error}
        </div>
      )}
      <div className={compact ? 'sim-body vuno-compact' : 'sim-body with-board'}>
        {!compact && (
          <ZoomableBoard
            board={uno.board}
            uses={pinUses(graph, {
              pinCount: spec.pins.length,
              firstAnalogPin: spec.firstAnalogPin,
            })}
            dataVersion={state.version}
            layout={BOARD_LAYOUTS[spec.id]}
            chip={spec.mcu}
            title={spec.id === 'uno' ? 'UNO' : 'MEGA 2560'}
          />
        )}
        <SerialMonitor
          lines={state.lines}
          total={state.lineTotal}
          placeholder={booted ? '' : 'Power the board on: the firmware boots and says hello.'}
        />
        <LogicView
          timeline={uno.timeline}
          version={state.version}
          nowMs={state.timeMs}
          fileStem={stem}
          label={label}
          module={spec.id}
          comment={`emflow virtual ${spec.name} (generic firmware on avr8js), board time; ${fileStem}`}
        />
      </div>
    </div>
  );
}

/** The board's world in one line (worldLine.ts). */
function WorldLine({ state }: { state: BoardWorldState }) {
  const text = worldLine(state);
  return (
    <div className="muted small vuno-world" data-testid="vuno-world" title={text}>
      {text}
    </div>
  );
}

// The simulation's clock controls: run or pause, step one virtual second, reset, the speed,
// and the virtual clock itself.
import type { Speed } from '../engine';
import type { Graph } from '../graph-doc/graph';
import type { EngineSession, SessionState } from './engineSession';
import { formatClock } from './traceSeries';

const SPEEDS: { value: Speed; label: string }[] = [
  { value: 1, label: 'real time' },
  { value: 10, label: '×10' },
  { value: 100, label: '×100' },
  { value: 1000, label: '×1000' },
  { value: 'max', label: 'max' },
];

interface Props {
  session: EngineSession;
  state: SessionState;
  graph: Graph;
  ready: boolean;
  running: boolean;
}

export function SimRunControls({ session, state, graph, ready, running }: Props) {
  const speed = session.chosenSpeed;
  return (
    <>
      {running ? (
        <button
          className="btn"
          onClick={() => void session.pause()}
          disabled={!ready}
          data-testid="sim-pause"
        >
          ❚❚ Pause
        </button>
      ) : (
        <button
          className="btn primary"
          onClick={() => void session.run(graph)}
          disabled={!ready || state.busy}
          data-testid="sim-run"
        >
          ▶ Run
        </button>
      )}
      <button
        className="btn"
        onClick={() => void session.step(graph, 1000)}
        disabled={!ready || running || state.busy}
        title="Advance 1 virtual second"
        data-testid="sim-step"
      >
        Step 1 s
      </button>
      <button
        className="btn"
        onClick={() => void session.reset()}
        disabled={!ready}
        title="Clock to 0, graph reloaded on the next run"
        data-testid="sim-reset"
      >
        ⟲ Reset
      </button>
      <label className="speed">
        speed
        <select
          value={String(speed)}
          onChange={(e) =>
            void session.setSpeed(e.target.value === 'max' ? 'max' : Number(e.target.value))
          }
          disabled={!ready}
          data-testid="sim-speed"
        >
          {SPEEDS.map((s) => (
            <option key={String(s.value)} value={String(s.value)}>
              {s.label}
            </option>
          ))}
        </select>
      </label>
      <span className="clock mono" title="virtual time" data-testid="sim-clock">
        {formatClock(state.status?.timeMs ?? 0)}
      </span>
    </>
  );
}

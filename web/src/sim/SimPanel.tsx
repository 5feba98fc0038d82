// The simulation panel: clock controls (run, pause, step, reset, speed), the virtual clock,
// the world picker (the graph's own, none = the bench, fridge, activity, a replayed recording;
// docs/world.md), the board with the pins the graph drives (web/src/board), the world's view
// and the plot of its signals, with PNG/CSV export.
import { useRef } from 'react';
import type { Speed } from '../engine';
import type { Graph } from '../graph-doc/graph';
import { downloadDataUrl, downloadText } from '../files/download';
import type { EngineSession, SessionState } from './engineSession';
import { ActivityPlot } from './ActivityPlot';
import { classifierNode } from './activityStats';
import { ActivityView } from './ActivityView';
import { FridgeView } from './FridgeView';
import { ReplayPlot } from './ReplayPlot';
import { ReplayView } from './ReplayView';
import { type Thresholds, TracePlot, type TracePlotHandle } from './TracePlot';
import { formatClock, traceToCsv } from './traceSeries';
import { PICKABLE_WORLDS, worldForGraph } from './worlds';
import { BoardPanel } from '../board/BoardPanel';
import { pinUses } from '../board/boardPins';
import { WORLD_KINDS, type WorldKind } from '../engine';

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
  dark: boolean;
  fileStem: string;
  /** Records the world's series so far as a CSV file in the notebook's data/ folder. */
  onRecordToNotebook: () => void;
}

/** Thresholds of the first HysteresisLatch in the graph, for the plot's guide lines. */
function thresholdsOf(g: Graph): Thresholds {
  const latch = g.nodes.find((n) => n.component === 'HysteresisLatch');
  const iip = (port: string) => {
    const v = Number(
      g.iips.find((i) => latch && i.tgt.node === latch.id && i.tgt.port === port)?.data,
    );
    return Number.isFinite(v) ? v : null;
  };
  return { low: iip('lowthreshold'), high: iip('highthreshold') };
}

export function SimPanel({ session, state, graph, dark, fileStem, onRecordToNotebook }: Props) {
  const plot = useRef<TracePlotHandle>(null);
  const ready = state.engine === 'ready';
  const running = !!state.status && state.networkLoaded && !state.status.paused;
  const thresholds = thresholdsOf(graph);
  const speed = session.chosenSpeed;
  // The panel of the world this graph runs against (the loaded one while a network runs).
  const world: WorldKind = state.replay
    ? 'replay'
    : state.networkLoaded
      ? state.world
      : (state.chosenWorld ?? worldForGraph(graph));
  const uses = pinUses(graph);
  const board = (
    <BoardPanel
      board={session.board}
      uses={uses}
      dataVersion={state.dataVersion}
      world={world}
      inputs={state.worldInputs[world]}
      onInputs={(i) => void session.setWorldInputs(i, world)}
      enabled={ready}
    />
  );
  const replayInput = useRef<HTMLInputElement>(null);
  // The recording's columns, then the pins the graph wrote (the samples' series, in order).
  const replayColumns = Object.keys(session.trace.series);
  const classifier = classifierNode(graph.nodes, session.predictions);
  const predictions = classifier ? session.predictions.get(classifier) : undefined;

  return (
    <div className="sim-panel" data-testid="sim-panel">
      <div className="sim-toolbar">
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
        <label className="speed" title="The virtual world behind the pins">
          world
          <select
            value={state.replay ? 'replay' : (state.chosenWorld ?? '')}
            disabled={!ready || state.busy}
            data-testid="sim-world-picker"
            onChange={(e) => {
              const v = e.target.value;
              if (v === 'replay') replayInput.current?.click();
              else void session.chooseWorld(v === '' ? null : (v as WorldKind));
            }}
          >
            <option value="">auto: {worldForGraph(graph)}</option>
            {PICKABLE_WORLDS.map((w) => (
              <option key={w} value={w} title={WORLD_KINDS[w].description}>
                {w === 'none' ? 'none (bench)' : w}
              </option>
            ))}
            <option value="replay">replay…</option>
          </select>
        </label>
        <span className="sim-world small muted" data-testid="sim-world">
          {world} world
        </span>
        <span className={`sim-state ${running ? 'running' : ''}`}>
          {!ready
            ? 'engine not ready'
            : running
              ? 'running'
              : state.networkLoaded
                ? 'paused'
                : 'stopped'}
        </span>
        {state.graphStale ? (
          <span className="warn small" title={state.liveEditError ?? ''} data-testid="sim-stale">
            the running network refused an edit — Reset (or Run) reloads the graph
          </span>
        ) : state.networkLoaded && state.liveEditPending ? (
          <span className="warn small" data-testid="sim-pending">
            not applied while running: {state.liveEditPending}
          </span>
        ) : (
          state.networkLoaded &&
          state.liveEdits > 0 && (
            <span
              className="muted small"
              title="Nodes, edges and initial packets changed while running go to the network at once"
              data-testid="sim-live-edits"
            >
              {state.liveEdits} live {state.liveEdits === 1 ? 'edit' : 'edits'} applied
            </span>
          )
        )}
        <span className="spacer" />
        <input
          ref={replayInput}
          type="file"
          accept=".csv,text/csv"
          hidden
          data-testid="replay-file"
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = ''; // the same file again is a new choice
            if (file) void file.text().then((text) => session.replayRecording(file.name, text));
          }}
        />
        {state.replay ? (
          <button
            className="btn small"
            onClick={() => void session.stopReplay()}
            disabled={!ready}
            title="Back to the graph's own world"
            data-testid="replay-stop"
          >
            ✕ Stop replay
          </button>
        ) : (
          <button
            className="btn small"
            onClick={() => replayInput.current?.click()}
            disabled={!ready || state.busy}
            title="A CSV (time_ms or time_s, then A0..A5, D0..D19, T<pin>, label) drives the pins"
            data-testid="replay-open"
          >
            Replay a recording
          </button>
        )}
        <button
          className="btn small"
          onClick={onRecordToNotebook}
          title="Save the series recorded so far as a CSV file in the notebook's data/ folder"
          data-testid="record-to-notebook"
        >
          ⤓ To notebook
        </button>
        <button
          className="btn small"
          onClick={() => {
            const png = plot.current?.toPng();
            if (png) downloadDataUrl(`${fileStem}-plot.png`, png);
          }}
          data-testid="export-png"
        >
          PNG
        </button>
        <button
          className="btn small"
          onClick={() =>
            downloadText(`${fileStem}-trace.csv`, traceToCsv(session.trace), 'text/csv')
          }
          data-testid="export-csv"
        >
          CSV
        </button>
      </div>
      {state.lastError && (
        <div className="sim-error" role="alert" data-testid="sim-error">
          {state.lastError}
        </div>
      )}
      {world === 'replay' ? (
        <div className="sim-body with-board">
          {board}
          <ReplayView
            name={state.replay ?? ''}
            trace={session.trace}
            columns={replayColumns}
            dataVersion={state.dataVersion}
          />
          <ReplayPlot
            key={replayColumns.join(',')}
            ref={plot}
            trace={session.trace}
            columns={replayColumns}
            dataVersion={state.dataVersion}
            dark={dark}
          />
        </div>
      ) : world === 'none' ? (
        <div className="sim-body with-board bench">
          {board}
          <ReplayPlot
            key={replayColumns.join(',')}
            ref={plot}
            trace={session.trace}
            columns={replayColumns}
            dataVersion={state.dataVersion}
            dark={dark}
          />
        </div>
      ) : world === 'activity' ? (
        <div className="sim-body with-board">
          {board}
          <ActivityView
            trace={session.trace}
            predictions={predictions}
            classifier={classifier}
            dataVersion={state.dataVersion}
          />
          <ActivityPlot
            ref={plot}
            trace={session.trace}
            predictions={predictions}
            dataVersion={state.dataVersion}
            dark={dark}
          />
        </div>
      ) : (
        <div className="sim-body with-board">
          {board}
          <FridgeView
            trace={session.trace}
            dataVersion={state.dataVersion}
            enabled={ready}
            onInputs={(i) => void session.setWorldInputs({ ...i }, 'fridge')}
          />
          <TracePlot
            ref={plot}
            trace={session.trace}
            dataVersion={state.dataVersion}
            thresholds={thresholds}
            dark={dark}
          />
        </div>
      )}
    </div>
  );
}

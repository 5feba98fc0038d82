// The simulation panel: the toolbar (clock controls, world picker and state, replay and
// exports), an error line, and the body for the world the graph runs against (board, the
// world's view, the plot). Each part is its own component beside this one. The graph runs on
// the simulator, on the virtual Uno, or on both side by side ("compare").
import { useEffect, useRef, useState } from 'react';
import type { Graph } from '../graph-doc/graph';
import type { EngineSession, SessionState } from './engineSession';
import type { TracePlotHandle } from './TracePlot';
import { worldForGraph } from './worlds';
import { BoardPanel } from '../board/BoardPanel';
import { pinUses } from '../board/boardPins';
import type { WorldKind } from '../engine';
import { SimRunControls } from './SimRunControls';
import { SimWorldStatus } from './SimWorldStatus';
import { SimOutputs } from './SimOutputs';
import { WorldBody } from './WorldBody';
import { toFbp } from '../graph-doc/fbpWrite';
import { FIRMWARE_HEX_URL, VirtualUnoPanel } from '../virtual-board/VirtualUnoPanel';
import { useVirtualUno } from '../virtual-board/useVirtualUno';
import type { BoardWorldOptions } from '../virtual-board/boardWorld';
import { ACTIVITY_SEED } from './engineSession';
import { ComparePanel } from './ComparePanel';

interface Props {
  session: EngineSession;
  state: SessionState;
  graph: Graph;
  dark: boolean;
  fileStem: string;
  /** Records the world's series so far as a CSV file in the notebook's data/ folder. */
  onRecordToNotebook: () => void;
}

export function SimPanel({ session, state, graph, dark, fileStem, onRecordToNotebook }: Props) {
  const [target, setTarget] = useState<'simulator' | 'virtual-uno' | 'compare'>('simulator');
  // The virtual Uno lives here, so it keeps running when the view changes between its own
  // panel and the comparison (its worker starts at the first Power on).
  const uno = useVirtualUno(FIRMWARE_HEX_URL);
  const plot = useRef<TracePlotHandle>(null);
  const replayInput = useRef<HTMLInputElement>(null);
  const ready = state.engine === 'ready';
  const running = !!state.status && state.networkLoaded && !state.status.paused;
  // The panel of the world this graph runs against (the loaded one while a network runs).
  const world: WorldKind = state.replay
    ? 'replay'
    : state.networkLoaded
      ? state.world
      : (state.chosenWorld ?? worldForGraph(graph));
  // The same world behind the virtual Uno's pins, with the simulator's seed and inputs.
  const boardWorld: BoardWorldOptions = {
    world,
    seed: ACTIVITY_SEED,
    inputs: state.worldInputs[world],
    ...(world === 'replay' && session.replayCsv !== null ? { data: session.replayCsv } : {}),
  };
  // Inputs changed while the board runs (the door, the ambient, a bench pin) reach its world.
  const boardInputs = state.worldInputs[world];
  const boardRunning = uno.state.phase === 'running';
  const { setWorldInput } = uno;
  useEffect(() => {
    if (!boardRunning) return;
    for (const [name, value] of Object.entries(boardInputs ?? {}))
      setWorldInput(name, Number(value));
  }, [boardInputs, boardRunning, setWorldInput]);
  const board = (
    <BoardPanel
      board={session.board}
      uses={pinUses(graph)}
      dataVersion={state.dataVersion}
      world={world}
      inputs={state.worldInputs[world]}
      onInputs={(i) => void session.setWorldInputs(i, world)}
      enabled={ready}
    />
  );
  // Where the graph runs: the engine's simulator, or the real generic firmware on a virtual Uno.
  const runOn = (
    <label
      className="speed"
      title="The simulator, or the real board firmware on an emulated ATmega328P"
    >
      run on
      <select
        value={target}
        onChange={(e) => setTarget(e.target.value as typeof target)}
        disabled={target === 'simulator' && running}
        data-testid="sim-run-on"
      >
        <option value="simulator">simulator</option>
        <option value="virtual-uno">virtual Uno (firmware)</option>
        <option value="compare">compare both</option>
      </select>
    </label>
  );
  if (target === 'virtual-uno') {
    return (
      <div className="sim-panel" data-testid="sim-panel">
        <VirtualUnoPanel
          uno={uno}
          graph={graph}
          fbpText={toFbp(graph)}
          leading={runOn}
          fileStem={fileStem}
          world={boardWorld}
        />
      </div>
    );
  }
  if (target === 'compare') {
    return (
      <ComparePanel
        session={session}
        state={state}
        graph={graph}
        uno={uno}
        boardWorld={boardWorld}
        runOn={runOn}
        fileStem={fileStem}
        ready={ready}
        running={running}
      />
    );
  }
  return (
    <div className="sim-panel" data-testid="sim-panel">
      <div className="sim-toolbar">
        {runOn}
        <SimRunControls
          session={session}
          state={state}
          graph={graph}
          ready={ready}
          running={running}
        />
        <SimWorldStatus
          session={session}
          state={state}
          graph={graph}
          world={world}
          ready={ready}
          running={running}
          onPickReplay={() => replayInput.current?.click()}
        />
        <span className="spacer" />
        <SimOutputs
          session={session}
          state={state}
          ready={ready}
          replayInput={replayInput}
          plot={plot}
          fileStem={fileStem}
          onRecordToNotebook={onRecordToNotebook}
        />
      </div>
      {state.lastError && (
        <div className="sim-error" role="alert" data-testid="sim-error">
          {state.lastError}
        </div>
      )}
      <WorldBody
        session={session}
        state={state}
        graph={graph}
        world={world}
        board={board}
        plot={plot}
        ready={ready}
        dark={dark}
      />
    </div>
  );
}

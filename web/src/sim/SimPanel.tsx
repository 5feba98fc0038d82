// The simulation panel: the toolbar (clock controls, world picker and state, replay and
// exports), an error line, and the body for the world the graph runs against (board, the
// world's view, the plot). Each part is its own component beside this one. The graph runs on
// the simulator, on the virtual Uno or the virtual Mega 2560, or on the simulator and the
// virtual board picked last side by side ("compare").
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
import { VirtualBoardPanel } from '../virtual-board/VirtualBoardPanel';
import { useVirtualBoard } from '../virtual-board/useVirtualBoard';
import type { BoardWorldOptions } from '../virtual-board/boardWorld';
import { ACTIVITY_SEED } from './engineSession';
import { ComparePanel } from './ComparePanel';
import { modelsOfGraph } from '../ml/modelNode';
import type { StoredModel } from '../persist/projectDb';

interface Props {
  session: EngineSession;
  state: SessionState;
  graph: Graph;
  dark: boolean;
  fileStem: string;
  /** Records the world's series so far as a CSV file in the notebook's data/ folder. */
  onRecordToNotebook: () => void;
  /** The project's models: an upload to a virtual board puts the graph's into its flash. */
  models?: readonly StoredModel[];
}

export function SimPanel({
  session,
  state,
  graph,
  dark,
  fileStem,
  onRecordToNotebook,
  models,
}: Props) {
  const [target, setTarget] = useState<'simulator' | 'virtual-uno' | 'virtual-mega' | 'compare'>(
    'simulator',
  );
  // The virtual boards live here, so they keep running when the view changes between their
  // own panels and the comparison (each one's worker starts at its first Power on). "compare"
  // puts the one picked last beside the simulator.
  const graphModels = modelsOfGraph(graph, models);
  const virtualUno = useVirtualBoard('uno', graphModels);
  const virtualMega = useVirtualBoard('mega2560', graphModels);
  const [compareWith, setCompareWith] = useState<'virtual-uno' | 'virtual-mega'>('virtual-uno');
  const uno = compareWith === 'virtual-mega' ? virtualMega : virtualUno;
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
  // The same world behind the virtual board's pins, with the simulator's seed and inputs.
  const boardWorld: BoardWorldOptions = {
    world,
    seed: ACTIVITY_SEED,
    inputs: state.worldInputs[world],
    ...(world === 'replay' && session.replayCsv !== null ? { data: session.replayCsv } : {}),
  };
  // Inputs changed while the board runs (the door, the ambient, a bench pin) reach its world.
  const boardInputs = state.worldInputs[world];
  const unoRunning = virtualUno.state.phase === 'running';
  const megaRunning = virtualMega.state.phase === 'running';
  const setUnoInput = virtualUno.setWorldInput;
  const setMegaInput = virtualMega.setWorldInput;
  useEffect(() => {
    for (const [name, value] of Object.entries(boardInputs ?? {})) {
      if (unoRunning) setUnoInput(name, Number(value));
      if (megaRunning) setMegaInput(name, Number(value));
    }
  }, [boardInputs, unoRunning, megaRunning, setUnoInput, setMegaInput]);
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
  // Where the graph runs: the engine's simulator, or the real generic firmware on a virtual
  // Uno or Mega 2560.
  const runOn = (
    <label
      className="speed"
      title="The simulator, or the real board firmware on an emulated ATmega328P (Uno) or ATmega2560 (Mega 2560)"
    >
      run on
      <select
        value={target}
        onChange={(e) => {
          const next = e.target.value as typeof target;
          if (next === 'virtual-uno' || next === 'virtual-mega') setCompareWith(next);
          setTarget(next);
        }}
        disabled={target === 'simulator' && running}
        data-testid="sim-run-on"
      >
        <option value="simulator">simulator</option>
        <option value="virtual-uno">virtual Uno (firmware)</option>
        <option value="virtual-mega">virtual Mega 2560 (firmware)</option>
        <option value="compare">
          compare with the virtual {compareWith === 'virtual-mega' ? 'Mega' : 'Uno'}
        </option>
      </select>
    </label>
  );
  if (target === 'virtual-uno' || target === 'virtual-mega') {
    return (
      <div className="sim-panel" data-testid="sim-panel">
        <VirtualBoardPanel
          key={target}
          uno={target === 'virtual-mega' ? virtualMega : virtualUno}
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

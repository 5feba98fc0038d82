// The simulation panel: the toolbar (clock controls, world picker and state, replay and
// exports), an error line, and the body for the world the graph runs against (board, the
// world's view, the plot). Each part is its own component beside this one.
import { useRef } from 'react';
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
  return (
    <div className="sim-panel" data-testid="sim-panel">
      <div className="sim-toolbar">
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

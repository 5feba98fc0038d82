// "Run on: compare": the same graph on the simulator and on a virtual board (the Uno or the Mega
// 2560 picked last) side by side (stacked
// when the panel is narrow) — each with its own controls, board and logic view — and the table
// of their pin changes against each other (ComparisonView). Each side's times count from its own
// graph start: the simulator's clock, the board's time since the upload.
import type { ReactNode } from 'react';
import type { Graph } from '../graph-doc/graph';
import { toFbp } from '../graph-doc/fbpWrite';
import { ComparisonView } from '../virtual-board/ComparisonView';
import { compareTimelines, comparisonSetup, sinceStart } from '../virtual-board/compareTimelines';
import { LogicView } from '../virtual-board/LogicView';
import type { VirtualBoardHandle } from '../virtual-board/useVirtualBoard';
import { VirtualBoardPanel } from '../virtual-board/VirtualBoardPanel';
import { worldPinOf } from '../virtual-board/virtualBoards';
import type { EngineSession, SessionState } from './engineSession';
import { SimRunControls } from './SimRunControls';
import type { BoardWorldOptions } from '../virtual-board/boardWorld';

interface Props {
  session: EngineSession;
  state: SessionState;
  graph: Graph;
  uno: VirtualBoardHandle;
  /** The simulator's world, put behind the virtual board's pins too. */
  boardWorld: BoardWorldOptions;
  runOn: ReactNode;
  fileStem: string;
  ready: boolean;
  running: boolean;
}

export function ComparePanel(p: Props) {
  const { session, state, graph, uno } = p;
  const setup = comparisonSetup(graph);
  const simEnd = state.status?.timeMs ?? 0;
  const start = uno.state.graphStartMs;
  const name = `virtual ${uno.spec.name}`;
  // The simulator's pins are an Uno's: a Mega's changes are compared where its pins sit in
  // the world (D0-D13 as they are, its A0-A5 as 14-19; others have no counterpart).
  const boardChanges = uno.timeline.changes
    .map((c) => ({ ...c, pin: worldPinOf(uno.spec, c.pin) }))
    .filter((c) => c.pin >= 0);
  const comparison = compareTimelines(
    session.pinTimeline.changes,
    start === null ? [] : sinceStart(boardChanges, start),
    {
      pins: setup.pins.length ? setup.pins : undefined,
      toleranceMs: setup.toleranceMs,
      simulatorEndMs: simEnd,
      boardEndMs: start === null ? 0 : Math.max(0, uno.state.timeMs - start),
      exclusive: setup.exclusive,
    },
  );
  const waiting =
    start === null && !state.networkLoaded
      ? `Run the graph on both sides: ▶ Run on the simulator, Power on then Upload and run on the ${name}.`
      : start === null
        ? `Now the ${name}: Power on, then Upload and run.`
        : !state.networkLoaded
          ? 'Now the simulator: ▶ Run.'
          : null;
  return (
    <div className="sim-panel compare" data-testid="sim-panel">
      <div className="sim-toolbar">
        {p.runOn}
        <span className="muted small">
          the same graph on the simulator and on the real firmware, change by change
        </span>
      </div>
      <div className="compare-layout">
        <section className="compare-side" data-testid="compare-simulator">
          <div className="sim-toolbar">
            <strong className="small">simulator</strong>
            <SimRunControls
              session={session}
              state={state}
              graph={graph}
              ready={p.ready}
              running={p.running}
            />
          </div>
          {state.lastError && (
            <div className="sim-error" role="alert" data-testid="sim-error">
              {state.lastError}
            </div>
          )}
          <div className="compare-side-body">
            <LogicView
              timeline={session.pinTimeline}
              version={state.dataVersion}
              nowMs={simEnd}
              fileStem={`${p.fileStem}-simulator`}
              comment={`emflow simulator, virtual time; ${p.fileStem}`}
              testId="logic-view-simulator"
            />
          </div>
        </section>
        <section className="compare-side" data-testid="compare-board">
          <VirtualBoardPanel
            uno={uno}
            graph={graph}
            fbpText={toFbp(graph)}
            fileStem={p.fileStem}
            compact
            world={p.boardWorld}
            leading={<strong className="small">{name}</strong>}
          />
        </section>
        <ComparisonView comparison={comparison} waiting={waiting} boardName={name} />
      </div>
    </div>
  );
}

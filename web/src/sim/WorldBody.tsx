// The part of the simulation panel below the toolbar for the world the graph runs against:
// the board with its pins, the world's own view and the plot of its signals.
import type { ReactNode, RefObject } from 'react';
import type { Graph } from '../graph-doc/graph';
import type { WorldKind } from '../engine';
import type { EngineSession, SessionState } from './engineSession';
import { ActivityPlot } from './ActivityPlot';
import { classifierNode } from './activityStats';
import { ActivityView } from './ActivityView';
import { FridgeView } from './FridgeView';
import { ReplayPlot } from './ReplayPlot';
import { ReplayView } from './ReplayView';
import { type Thresholds, TracePlot, type TracePlotHandle } from './TracePlot';

interface Props {
  session: EngineSession;
  state: SessionState;
  graph: Graph;
  world: WorldKind;
  board: ReactNode;
  plot: RefObject<TracePlotHandle | null>;
  ready: boolean;
  dark: boolean;
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

export function WorldBody({ session, state, graph, world, board, plot, ready, dark }: Props) {
  const thresholds = thresholdsOf(graph);
  // The recording's columns, then the pins the graph wrote (the samples' series, in order).
  const replayColumns = Object.keys(session.trace.series);
  const classifier = classifierNode(graph.nodes, session.predictions);
  const predictions = classifier ? session.predictions.get(classifier) : undefined;
  return (
    <>
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
    </>
  );
}

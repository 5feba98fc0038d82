// Which world the graph runs against (picker: the graph's own, none = the bench, fridge,
// activity, a replayed recording; docs/world.md), the run state, and what happened to live
// edits of the running network.
import type { Graph } from '../graph-doc/graph';
import { WORLD_KINDS, type WorldKind } from '../engine';
import type { EngineSession, SessionState } from './engineSession';
import { PICKABLE_WORLDS, worldForGraph } from './worlds';

interface Props {
  session: EngineSession;
  state: SessionState;
  graph: Graph;
  world: WorldKind;
  ready: boolean;
  running: boolean;
  /** Opens the file chooser for a recording to replay. */
  onPickReplay: () => void;
}

export function SimWorldStatus({
  session,
  state,
  graph,
  world,
  ready,
  running,
  onPickReplay,
}: Props) {
  return (
    <>
      <label className="speed" title="The virtual world behind the pins">
        world
        <select
          value={state.replay ? 'replay' : (state.chosenWorld ?? '')}
          disabled={!ready || state.busy}
          data-testid="sim-world-picker"
          onChange={(e) => {
            const v = e.target.value;
            if (v === 'replay') onPickReplay();
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
        {world === 'none' ? 'no world (the bench)' : `${world} world`}
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
    </>
  );
}

// The Board panel: a real board on a serial port (Web Serial, Chromium). Connect, flash the
// generic firmware through the bootloader with a progress bar, upload the project's graph, see
// the watched edges' packets and the board's log, and record an edge into the notebook's data/.
// It floats beside the editor instead of blocking it, so the graph stays editable while the
// board runs; hidden, it keeps the port open.
import { useState } from 'react';
import './realBoard.css';
import { useNotify } from '../app/NotifyContext';
import { useProject, useProjectStore } from '../app/ProjectContext';
import { datasetFromTrace } from '../sim/recordDataset';
import { REAL_BOARDS } from './boards';
import { EdgeSpark } from './EdgeSpark';
import { FbpBridgePanel } from './FbpBridgePanel';
import type { EdgeSeries, RealBoardState } from './realBoardSession';
import { useRealBoard } from './useRealBoard';
import { UNSUPPORTED_MESSAGE, webSerial } from './webSerial';

interface Props {
  fbpText: string | undefined;
  /** The project's models the graph's model nodes name (id → blob): an upload puts them into
   * the board's model area first. */
  models?: ReadonlyMap<number, Uint8Array>;
  hidden: boolean;
  onClose: () => void;
}

function graphStatus(s: RealBoardState): string | null {
  if (!s.info) return null;
  if (s.bridgedBy) return `An FBP client (${s.bridgedBy}) drives the board.`;
  if (s.stored === 'same' && s.liveEdited)
    return 'The board runs this project’s graph; the latest edits were applied live and are not stored: upload to keep them after a reset.';
  if (s.stored === 'same') return 'The board runs this project’s graph.';
  if (s.stored === 'none') return 'No graph stored on the board yet: upload one.';
  if (s.stored === 'different')
    return s.stale
      ? `The graph changed since the upload: re-upload needed${s.staleReason ? ` (not live: ${s.staleReason})` : ''}.`
      : 'The board runs another graph than this project’s: upload to replace it.';
  return null;
}

export function RealBoardPanel({ fbpText, models, hidden, onClose }: Props) {
  const [boardId, setBoardId] = useState(REAL_BOARDS[0].id);
  const board = REAL_BOARDS.find((b) => b.id === boardId) ?? REAL_BOARDS[0];
  const { session, state: s } = useRealBoard(board, fbpText);
  const store = useProjectStore();
  const datasets = useProject((p) => p.project?.datasets);
  const notify = useNotify();
  const busy = s.phase !== 'idle' && s.phase !== 'ready';
  // While an FBP client drives the board (fbpBridge.ts), the panel does not write to it.
  const lent = s.bridgedBy !== null;
  const supported = typeof navigator !== 'undefined' && webSerial() !== null;
  const status = graphStatus(s);

  const record = (edge: EdgeSeries) => {
    // An ASCII column name a notebook types easily: toggle[0]->led[0].
    const column = edge.label.replace(/\s+/g, '').replace('→', '->');
    const r = datasetFromTrace(
      { timeMs: edge.timeMs, series: { [column]: edge.values } },
      'board',
      datasets ?? [],
    );
    if (!r.ok) return notify(r.error, 'error');
    store.addDataset(r.dataset);
    notify(
      `Recorded ${r.dataset.name} (${r.dataset.rows} packets of ${edge.label}) for the notebook: ` +
        `open("data/${r.dataset.name}") in a cell.`,
    );
  };

  return (
    <aside className="real-board" hidden={hidden} aria-label="Board" data-testid="real-board">
      <div className="real-board-head">
        <h2>Board</h2>
        <select
          value={boardId}
          onChange={(e) => setBoardId(e.target.value)}
          disabled={s.connected}
          aria-label="Board type"
          data-testid="rb-board"
        >
          {REAL_BOARDS.map((b) => (
            <option key={b.id} value={b.id}>
              {b.label}
            </option>
          ))}
        </select>
        <span className="spacer" />
        <button
          className="btn icon"
          onClick={onClose}
          aria-label="Hide the board panel"
          title="Hide (the port stays open)"
        >
          ✕
        </button>
      </div>
      {!supported && (
        <p className="rb-warning small" data-testid="rb-unsupported">
          {UNSUPPORTED_MESSAGE}
        </p>
      )}
      <div className="rb-row">
        {s.connected ? (
          <button
            className="btn"
            onClick={() => void session.disconnect()}
            disabled={busy}
            data-testid="rb-disconnect"
          >
            Disconnect
          </button>
        ) : (
          <button
            className="btn primary"
            onClick={() => void session.connect(fbpText ?? '')}
            disabled={s.phase === 'connecting'}
            data-testid="rb-connect"
          >
            {s.phase === 'connecting' ? 'Connecting…' : 'Connect…'}
          </button>
        )}
        <button
          className="btn"
          onClick={() => void session.flash(fbpText ?? '')}
          disabled={!s.connected || busy || lent}
          title={`Write the generic firmware (${board.firmwareUrl}) through ${board.bootloader}, then verify it`}
          data-testid="rb-flash"
        >
          Flash firmware
        </button>
        <button
          className="btn"
          onClick={() => void session.upload(fbpText ?? '', models)}
          disabled={!s.info || busy || lent || !fbpText}
          title="Compile this graph for the board and store it in its EEPROM"
          data-testid="rb-upload"
        >
          Upload graph
        </button>
      </div>
      <p className="small" data-testid="rb-status">
        {s.info
          ? `${s.info.boardName} · generic firmware · link v${s.info.LinkVersion} · ${s.info.MaxNodes} nodes, ${s.info.MaxEdges} edges`
          : s.connected
            ? s.firmwareMissing
              ? 'Port open · no generic firmware'
              : 'Port open'
            : 'Not connected. Plug the board in by USB and connect.'}
      </p>
      {status && (
        <p
          className={`small${s.stored === 'different' ? ' rb-warning' : ''}`}
          data-testid="rb-graph-status"
        >
          {status}
        </p>
      )}
      {s.progress && (
        <div className="rb-progress" data-testid="rb-progress">
          <progress max={s.progress.total} value={s.progress.done} />
          <span className="small mono" data-testid="rb-progress-label">
            {s.progress.label} (
            {Math.round((100 * s.progress.done) / Math.max(1, s.progress.total))} %)
          </span>
        </div>
      )}
      {s.error && (
        <div className="rb-error small" role="alert" data-testid="rb-error">
          {s.error}
        </div>
      )}
      {s.notice && !s.error && (
        <p className="muted small" data-testid="rb-notice">
          {s.notice}
        </p>
      )}
      {s.edges.length > 0 && (
        <table className="rb-edges small" data-testid="rb-edges">
          <tbody>
            {s.edges.map((edge) => (
              <tr key={edge.key} data-testid="rb-edge">
                <td className="mono">{edge.label}</td>
                <td className="mono num">{edge.last}</td>
                <td className="muted num">{edge.values.length}</td>
                <td>
                  <EdgeSpark edge={edge} />
                </td>
                <td>
                  <button
                    className="btn small"
                    onClick={() => record(edge)}
                    title="Save this edge's packets as a CSV in the notebook's data/"
                    data-testid="rb-record"
                  >
                    Record
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <pre className="rb-log mono small" aria-label="Board log" data-testid="rb-log">
        {s.log.join('\n')}
      </pre>
      <FbpBridgePanel session={session} />
    </aside>
  );
}

// The panel's inputs and outputs beside the clock: replay a recording (or stop replaying), send
// the series to the notebook, and download the plot (PNG) or the series (CSV).
import type { RefObject } from 'react';
import { downloadDataUrl, downloadText } from '../files/download';
import type { EngineSession, SessionState } from './engineSession';
import type { TracePlotHandle } from './TracePlot';
import { traceToCsv } from './traceSeries';

interface Props {
  session: EngineSession;
  state: SessionState;
  ready: boolean;
  replayInput: RefObject<HTMLInputElement | null>;
  plot: RefObject<TracePlotHandle | null>;
  fileStem: string;
  onRecordToNotebook: () => void;
}

export function SimOutputs({
  session,
  state,
  ready,
  replayInput,
  plot,
  fileStem,
  onRecordToNotebook,
}: Props) {
  return (
    <>
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
        onClick={() => downloadText(`${fileStem}-trace.csv`, traceToCsv(session.trace), 'text/csv')}
        data-testid="export-csv"
      >
        CSV
      </button>
    </>
  );
}

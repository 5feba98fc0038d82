// A model sweep (emflow_nb.sweep) as two scatter plots, accuracy against flash and against
// cycles per prediction, with the boards' flash limits, the Pareto front connected and the
// rows that do not fit the board dimmed. A picked point (click, or arrow keys on a plot) shows
// its candidate, and "Send to graph" refits it in Python (same seed, same bytes) and sends it.
import { useMemo, useState } from 'react';
import { base64ToBytes, type CellOutput, type SweepOutput, type SweepRow } from './outputs';
import { SweepScatter, type Axis } from './SweepScatter';

/** Runs code in the notebook's Python, collecting its outputs (no cell shows them). */
export type RunPython = (
  code: string,
) => Promise<{ ok: boolean; outputs: CellOutput[]; error?: string }>;

interface Props {
  output: SweepOutput;
  onSendModel?: (name: string, bytes: Uint8Array, rows?: number[][]) => void;
  onRunPython?: RunPython;
}

const BOARD_NAMES: Record<string, string> = { uno: 'Uno', mega2560: 'Mega' };

function boardName(name: string): string {
  return BOARD_NAMES[name] ?? name;
}

function scoreText(metric: string, score: number): string {
  return metric === 'accuracy' ? `${(score * 100).toFixed(1)} %` : score.toFixed(3);
}

/** The first line of a Python error's message, for the status line. */
function errorText(outputs: CellOutput[], fallback?: string): string {
  const error = outputs.find((o) => o.type === 'error');
  if (error && error.type === 'error') return `${error.ename}: ${error.evalue}`;
  return fallback ?? 'no model came back';
}

export function SweepView({ output, onSendModel, onRunPython }: Props) {
  const [picked, setPicked] = useState<number | null>(null);
  const [status, setStatus] = useState<{ text: string; bad: boolean } | null>(null);
  const [sending, setSending] = useState(false);
  const metric = output.metric === 'accuracy' ? 'accuracy' : 'R²';
  // The Uno's line always; the Mega's when a point comes near it (the plot decides).
  const limits = useMemo(
    () =>
      Object.entries(output.boardFlash)
        .map(([name, flash]) => ({ label: `${boardName(name)} flash`, value: flash, name }))
        .sort((a, b) => a.value - b.value),
    [output.boardFlash],
  );
  const flashAxis: Axis = {
    label: 'flash (bytes, log scale)',
    value: (r: SweepRow) => r.flash,
    limits,
  };
  const cyclesAxis: Axis = {
    label: 'cycles per prediction (log scale)',
    value: (r: SweepRow) => r.cycles,
    limits: [],
  };
  const row = picked === null ? null : output.rows[picked];
  const front = output.rows.filter((r) => r.pareto).length;

  const send = async () => {
    if (picked === null || !onRunPython || !onSendModel) return;
    setSending(true);
    setStatus({ text: 'refitting the candidate in Python…', bad: false });
    const result = await onRunPython(
      `import emflow_nb as _nb\n_nb.sweep_send(${output.id}, ${picked})`,
    );
    setSending(false);
    const model = result.outputs.find((o) => o.type === 'model');
    if (!result.ok || !model || model.type !== 'model') {
      setStatus({ text: `not sent: ${errorText(result.outputs, result.error)}`, bad: true });
      return;
    }
    onSendModel(model.name, base64ToBytes(model.blob));
    setStatus({ text: `sent ${model.name} (${model.size} bytes) to the graph`, bad: false });
  };

  return (
    <div className="nb-sweep" data-testid="nb-sweep">
      <div className="nb-output-title">{output.title}</div>
      <div className="nb-sweep-legend">
        <span className="nb-sweep-key nb-sweep-key-front">●—</span> Pareto front ({front})
        <span className="nb-sweep-key nb-sweep-key-row">●</span> fits the{' '}
        {boardName(output.board.name)}
        <span className="nb-sweep-key nb-sweep-key-out">●</span> does not fit
        <span className="nb-sweep-hint">click a point, or focus a plot and use ← →</span>
      </div>
      <div className="nb-sweep-plots">
        <SweepScatter
          rows={output.rows}
          x={flashAxis}
          yLabel={metric}
          yMax={1}
          picked={picked}
          onPick={setPicked}
          testId="nb-sweep-plot-flash"
        />
        <SweepScatter
          rows={output.rows}
          x={cyclesAxis}
          yLabel={metric}
          yMax={1}
          picked={picked}
          onPick={setPicked}
          testId="nb-sweep-plot-cycles"
        />
      </div>
      {row && (
        <div className="nb-sweep-detail" data-testid="nb-sweep-detail">
          <div>
            <b>{row.family}</b> {row.params} · {row.trainer} · {row.dtype} · form {row.form} · seed{' '}
            {row.seed}
            {row.pareto && <span className="nb-sweep-tag">Pareto front</span>}
            {!row.fits_board && (
              <span className="nb-sweep-tag nb-bad">
                does not fit the {boardName(output.board.name)}
              </span>
            )}
          </div>
          <div>
            {metric} {scoreText(output.metric, row.score)} · flash {row.flash} B (
            {((100 * row.flash) / output.board.flash).toFixed(1)} % of the{' '}
            {boardName(output.board.name)}) · RAM {row.ram} B · {row.cycles} cycles per prediction ·
            blob {row.blob_bytes} B
          </div>
          <div className="nb-sweep-actions">
            <button
              onClick={() => void send()}
              disabled={!onSendModel || !onRunPython || sending}
              title={
                onSendModel
                  ? 'Refit this candidate in Python (its seed gives the same bytes) and add it to the graph as a model node'
                  : 'Not available here'
              }
              data-testid="nb-sweep-send"
            >
              Send to graph
            </button>
            {status && (
              <span
                className={status.bad ? 'nb-bad' : undefined}
                data-testid="nb-sweep-status"
                role="status"
              >
                {status.text}
              </span>
            )}
          </div>
        </div>
      )}
    </div>
  );
}

// One output of a cell: text streams, results, tracebacks, notices, tables, plots, the engine
// evaluation, a model sweep, and a model that can be sent to the playground.
import { EvaluationView } from './EvaluationView';
import { base64ToBytes, type CellOutput } from './outputs';
import { PlotView } from './PlotView';
import { SweepView, type RunPython } from './SweepView';

interface Props {
  output: CellOutput;
  onSendModel?: (name: string, bytes: Uint8Array, rows?: number[][]) => void;
  /** Runs Python outside any cell (the sweep view's "Send to graph" refits a candidate). */
  onRunPython?: RunPython;
}

function download(name: string, bytes: Uint8Array) {
  const url = URL.createObjectURL(
    new Blob([bytes as BlobPart], { type: 'application/octet-stream' }),
  );
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function OutputView({ output, onSendModel, onRunPython }: Props) {
  switch (output.type) {
    case 'stream':
      return <pre className={`nb-stream nb-${output.name}`}>{output.text}</pre>;
    case 'result':
      return <pre className="nb-result">{output.text}</pre>;
    case 'error':
      return (
        <pre className="nb-error" data-testid="nb-error">
          {output.traceback}
        </pre>
      );
    case 'notice':
      return (
        <div className={`nb-notice nb-${output.level}`} data-testid="nb-notice" role="status">
          {output.text}
        </div>
      );
    case 'table':
      return (
        <div className="nb-table-box">
          {output.title && <div className="nb-output-title">{output.title}</div>}
          <table className="nb-table" data-testid="nb-table">
            <thead>
              <tr>
                {output.columns.map((c, i) => (
                  <th key={i}>{c}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {output.rows.map((row, i) => (
                <tr key={i}>
                  {row.map((v, j) => (
                    <td key={j}>{v === null ? '' : String(v)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      );
    case 'plot':
      return <PlotView output={output} />;
    case 'evaluation':
      return <EvaluationView output={output} />;
    case 'sweep':
      return <SweepView output={output} onSendModel={onSendModel} onRunPython={onRunPython} />;
    case 'model': {
      const bytes = () => base64ToBytes(output.blob);
      return (
        <div className="nb-model" data-testid="nb-model">
          <span>
            model <b>{output.name}</b> · {output.size} bytes · trained with {output.trainer}
          </span>
          <button
            disabled={!onSendModel}
            title={
              onSendModel ? 'Add it to the current graph as a model node' : 'Not available here'
            }
            onClick={() => onSendModel?.(output.name, bytes(), output.sampleRows)}
            data-testid="nb-send-model"
          >
            Send to playground
          </button>
          <button onClick={() => download(`${output.name}.bin`, bytes())}>Download .bin</button>
        </div>
      );
    }
  }
}

// The engine-vs-Python evaluation of a model (emflow_nb.evaluate): agreement, confusion matrix
// (rows: Python's prediction, columns: the engine's), size and estimated Uno resources.
import { estimateUno, type EvaluationOutput } from './outputs';

const percent = (v: number) => `${(v * 100).toFixed(1)} %`;

export function EvaluationView({ output }: { output: EvaluationOutput }) {
  const uno = estimateUno(output);
  const fits = uno.flashShare <= 1 && uno.ramShare <= 1;
  return (
    <div className="nb-evaluation" data-testid="nb-evaluation">
      <div className="nb-output-title">{output.title}</div>
      <table className="nb-table">
        <tbody>
          <tr>
            <th>trained by</th>
            <td data-testid="nb-trainer">{output.trainer}</td>
          </tr>
          <tr>
            <th>model</th>
            <td>
              {output.kind}, {output.nFeatures} features → {output.nOutputs} outputs
            </td>
          </tr>
          <tr>
            <th>engine agrees with Python</th>
            <td data-testid="nb-agreement">
              {percent(output.agreement)} of {output.rows} rows
            </td>
          </tr>
          {output.accuracyPython != null && (
            <tr>
              <th>accuracy (Python / engine)</th>
              <td>
                {percent(output.accuracyPython)} / {percent(output.accuracyEngine ?? 0)}
              </td>
            </tr>
          )}
          <tr>
            <th>model blob</th>
            <td>{output.blobBytes} bytes</td>
          </tr>
          <tr>
            <th>Arduino Uno (estimate)</th>
            <td className={fits ? '' : 'nb-bad'}>
              flash {uno.flashBytes} B ({percent(uno.flashShare)} of 31.5 KB) · RAM {uno.ramBytes} B
              for buffers ({percent(uno.ramShare)} of 2 KB)
            </td>
          </tr>
        </tbody>
      </table>
      {output.confusion && output.classes && (
        <table className="nb-table nb-confusion" data-testid="nb-confusion">
          <caption>confusion: Python (rows) vs engine (columns)</caption>
          <thead>
            <tr>
              <th />
              {output.classes.map((c) => (
                <th key={String(c)}>{String(c)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {output.confusion.map((row, i) => (
              <tr key={i}>
                <th>{String(output.classes![i])}</th>
                {row.map((n, j) => (
                  <td key={j} className={i === j ? 'nb-diag' : n ? 'nb-bad' : ''}>
                    {n}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

// The engine-vs-Python evaluation of a model (emflow_nb.evaluate): agreement, confusion matrix
// (rows: Python's prediction, columns: the engine's), size, the flash/RAM/cycles of the sketch
// that carries it per board and form (SketchCostTable) and the cycles per prediction measured
// on a virtual Uno for the evaluated rows (useMeasuredUno).
import { estimateUno, type EvaluationOutput } from './outputs';
import { SketchCostTable } from './SketchCostTable';
import { type Measured, useMeasuredUno } from './useMeasuredUno';

const percent = (v: number) => `${(v * 100).toFixed(1)} %`;

const microseconds = (cycles: number) => `${((cycles / 16e6) * 1e6).toFixed(0)} µs`;

/** The measured row's text: cycles per prediction on the virtual Uno, or why there are none. */
function measuredText(m: Measured, rows: number): string {
  if (m.state === 'measuring') return 'measuring on the virtual Uno…';
  if (m.state !== 'done') return '';
  if (!m.reply.ok) return `not measured: ${m.reply.error}`;
  const r = m.reply.result;
  return (
    `${r.meanCycles.toFixed(0)} cycles per prediction (${microseconds(r.meanCycles)} at 16 MHz), ` +
    `max ${r.maxCycles} (${microseconds(r.maxCycles)}), over ${rows} of the rows`
  );
}

export function EvaluationView({ output }: { output: EvaluationOutput }) {
  const uno = estimateUno(output);
  const measured = useMeasuredUno(output);
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
          {!output.sketches?.length && (
            <tr>
              <th>Arduino Uno (model alone)</th>
              <td className={fits ? '' : 'nb-bad'}>
                flash {uno.flashBytes} B ({percent(uno.flashShare)} of 31.5 KB) · RAM {uno.ramBytes}{' '}
                B for buffers ({percent(uno.ramShare)} of 2 KB)
              </td>
            </tr>
          )}
          {measured.state !== 'none' && (
            <tr>
              <th>Arduino Uno (measured)</th>
              <td
                data-testid="nb-measured-uno"
                className={measured.state === 'done' && !measured.reply.ok ? 'nb-bad' : ''}
              >
                {measuredText(measured, output.sampleRows?.length ?? 0)}
              </td>
            </tr>
          )}
        </tbody>
      </table>
      {!!output.sketches?.length && <SketchCostTable costs={output.sketches} />}
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

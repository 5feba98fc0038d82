// The firmware dialog's model table: per model the graph runs, its form, flash (the engine
// measured with avr-gcc at build time + the blob), RAM, and cycles per prediction measured on
// the virtual Uno's model meter over the rows named beside them; under it, whether the models
// fit the Uno and the Mega, with the numbers when they do not.
import type { BoardMemory, ChosenRows, ModelCost, ModelsFit } from './modelCosts';
import type { Measurement } from './useModelCosts';

const UNO_HZ = 16e6;
const us = (cycles: number) => `${((cycles / UNO_HZ) * 1e6).toFixed(0)} µs`;

export interface CostRow {
  cost: ModelCost;
  rows: ChosenRows | { why: string };
  measurement?: Measurement;
}

function Cycles({ row }: { row: CostRow }) {
  if ('why' in row.rows) return <span className="muted">not measured: {row.rows.why}</span>;
  const m = row.measurement;
  const source = <div className="muted small">on {row.rows.source}</div>;
  if (!m || m.state === 'waiting') return <span className="muted">waiting to measure…</span>;
  if (m.state === 'measuring')
    return (
      <span data-testid="firmware-measuring">
        measuring on the virtual Uno… {m.done}/{m.total} rows
        <progress max={m.total} value={m.done} />
      </span>
    );
  if (!m.reply.ok) return <span className="bad">not measured: {m.reply.error}</span>;
  const r = m.reply.result;
  return (
    <span data-testid="firmware-cycles">
      {Math.round(r.meanCycles)} mean, {r.maxCycles} max ({us(r.meanCycles)} / {us(r.maxCycles)}{' '}
      at 16 MHz)
      {source}
    </span>
  );
}

export function ModelCostTable({
  rows,
  fits,
}: {
  rows: CostRow[];
  fits: { memory: BoardMemory; fit: ModelsFit | null; chosen: boolean }[];
}) {
  return (
    <div className="firmware-models" data-testid="firmware-models">
      <table>
        <caption>
          Models in this sketch. Flash: the model engine measured with avr-gcc when the app was
          built, plus the blob. Cycles: measured on a virtual Uno (avr8js, Timer1).
        </caption>
        <thead>
          <tr>
            <th>model</th>
            <th>form</th>
            <th>flash</th>
            <th>RAM</th>
            <th>cycles / prediction</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const { cost } = row;
            const blob = cost.model.blob.length;
            return (
              <tr key={cost.model.id} data-testid={`firmware-model-${cost.model.id}`}>
                <td>
                  {cost.model.id} {cost.model.name}
                  <div className="muted small">{cost.model.nodes.join(', ')}</div>
                </td>
                <td>blob + engine{cost.config ? ` (${cost.config})` : ''}</td>
                <td>
                  {cost.flash === null
                    ? `${blob} B blob (engine size not in this build)`
                    : `${cost.flash} B`}
                  {cost.engine && (
                    <div className="muted small">
                      engine {cost.engine.flash} + blob {blob}
                    </div>
                  )}
                </td>
                <td>
                  {cost.engine ? `${cost.engine.ram} B` : '?'}
                  <div className="muted small">blob read in place: 0 B</div>
                </td>
                <td>
                  <Cycles row={row} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <ul className="firmware-fits">
        {fits.map(({ memory, fit, chosen }) => (
          <li
            key={memory.name}
            className={fit && !fit.fits ? 'bad' : undefined}
            data-testid={chosen ? 'firmware-fit' : undefined}
          >
            {memory.name}:{' '}
            {!fit
              ? 'sizes unknown (a build without the engine sizes)'
              : fit.fits
                ? `the models take ${fit.flash} B of ${memory.flash} B flash` +
                  `${fit.upperBound ? ' (at most: engines measured apart)' : ''}, ` +
                  `${fit.ram} B of ${memory.ram} B RAM`
                : fit.text}
          </li>
        ))}
      </ul>
      <p className="muted small">
        The rest of the sketch (runtime, components, Arduino core) is not built in the browser:
        the exporter checks the total against the board with its estimate of about 20 000 B for
        it, and prints the real figure when you build the sketch.
      </p>
    </div>
  );
}

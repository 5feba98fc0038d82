// The sketch that would carry an evaluated model, per board and device form: flash and static
// RAM against the board's, and cycles per prediction, from the cost models calibrated on real
// avr-gcc builds (emflow_nb.sketch_costs → python/emflow/device_cost.py), each with its
// measured worst error. "Does not fit" says by how much. The cycles measured on the virtual
// Uno (the row below the table) are the truth for the blob form; these are for comparing forms.
import { sketchFit, type SketchCost } from './outputs';

const BOARD_NAMES: Record<string, string> = { uno: 'Uno', mega2560: 'Mega 2560' };
const FORM_NAMES: Record<SketchCost['form'], string> = {
  blob: 'blob + engine',
  inline: 'inline code',
  tables: 'flash tables',
};
const percent = (v: number) => `${(v * 100).toFixed(0)} %`;

export function SketchCostTable({ costs }: { costs: SketchCost[] }) {
  return (
    <table className="nb-table nb-sketch-costs" data-testid="nb-sketch-costs">
      <caption>
        the sketch that carries it (cost models calibrated on avr-gcc builds; ± their worst measured
        error)
      </caption>
      <thead>
        <tr>
          <th>board</th>
          <th>form</th>
          <th>flash</th>
          <th>RAM</th>
          <th>≈ cycles / prediction</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {costs.map((c) => {
          const fit = sketchFit(c);
          return (
            <tr key={`${c.board}-${c.form}`} data-testid={`nb-sketch-${c.board}-${c.form}`}>
              <td>{BOARD_NAMES[c.board] ?? c.board}</td>
              <td>{FORM_NAMES[c.form] ?? c.form}</td>
              <td title={`± ${percent(c.flashError)}`}>
                {c.flash} B ({percent(c.flash / c.flashMax)})
              </td>
              <td>
                {c.ram} B ({percent(c.ram / c.ramMax)})
              </td>
              <td title={`± ${percent(c.cyclesError)}`}>{c.cycles}</td>
              <td className={fit.fits ? 'nb-ok' : 'nb-bad'}>{fit.text}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

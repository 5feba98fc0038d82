// @vitest-environment node
// The firmware dialog's model costs against the files the build ships: the engine sizes
// measured with avr-gcc (model-meter-uno.json), the boards' memory (generic-<board>.json) and
// the example's model and rows: what fits, what does not with the numbers, which rows are
// measured.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../test-support/genericFirmware';
import { parseNumberRows } from '../virtual-board/numberRows';
import {
  type BoardMemory,
  type CostedModel,
  type EngineSizes,
  MEASURED_ROWS,
  chooseRows,
  modelCost,
  modelsFit,
  readModelHeader,
} from './modelCosts';

const shipped = (name: string) =>
  JSON.parse(readFileSync(`${repoRoot}web/public/firmware/${name}`, 'utf8'));
const engines = shipped('model-meter-uno.json').engine as EngineSizes;
const memory = (file: string, name: string): BoardMemory => {
  const j = shipped(file);
  return { name, flash: j.flashMax, ram: j.ramMax };
};
const uno = memory('generic-uno.json', 'Arduino Uno');
const mega = memory('generic-mega2560.json', 'Arduino Mega 2560');

const activityBlob = new Uint8Array(readFileSync(`${repoRoot}examples/models/activity.bin`));
const activityRows = parseNumberRows(
  readFileSync(`${repoRoot}examples/models/activity.rows.csv`, 'utf8'),
).rows;
const model = (blob: Uint8Array, extra: Partial<CostedModel> = {}): CostedModel => ({
  id: 1,
  name: 'activity',
  blob,
  nodes: ['classify'],
  ...extra,
});
/** A blob of `bytes` with the activity model's header: sizes only look at the header. */
const sized = (bytes: number, kind = 1) => {
  const blob = new Uint8Array(bytes);
  blob.set(activityBlob.slice(0, 16));
  blob[5] = kind;
  return blob;
};

describe('firmware dialog: model costs', () => {
  it('costs the activity model as its blob plus the float forest engine, and it fits', () => {
    expect(readModelHeader(activityBlob)).toEqual({ kind: 1, int16: false, features: 30, outputs: 5 });
    const cost = modelCost(model(activityBlob), 'uno', engines);
    expect(cost.config).toBe('forest-float');
    expect(cost.engine).toEqual(engines.uno['forest-float']);
    expect(cost.flash).toBe(engines.uno['forest-float'].flash + activityBlob.length);
    const fit = modelsFit([cost], uno)!;
    expect(fit).toMatchObject({ flash: cost.flash, fits: true, upperBound: false, text: '' });
    expect(readModelHeader(new Uint8Array([1, 2, 3]))).toBeNull();
  });

  it('says "does not fit" with what is needed and what the board has, for the Uno and the Mega', () => {
    const big = model(sized(40_000));
    const onUno = modelsFit([modelCost(big, 'uno', engines)], uno)!;
    const need = 40_000 + engines.uno['forest-float'].flash;
    expect(onUno.fits).toBe(false);
    expect(onUno.text).toBe(
      `does not fit: the models need ${need} B of flash, the Arduino Uno has ${uno.flash} B`,
    );
    expect(modelsFit([modelCost(big, 'mega', engines)], mega)!.fits).toBe(true);
    // The model engine reads the first 64 KB only: the Mega's 248 KB do not help beyond it.
    const huge = modelsFit([modelCost(model(sized(70_000)), 'mega', engines)], mega)!;
    expect(huge.fits).toBe(false);
    expect(huge.text).toContain(
      'B of flash, the Arduino Mega 2560 has 65536 B in the first 64 KB, which the model engine reads',
    );
  });

  it('counts a shared engine once, and engines of different kinds as an upper bound', () => {
    const a = modelCost(model(activityBlob), 'uno', engines);
    const b = modelCost(model(activityBlob, { id: 2 }), 'uno', engines);
    expect(modelsFit([a, b], uno)!.flash).toBe(2 * activityBlob.length + a.engine!.flash);
    const mlp = modelCost(model(sized(500, 33), { id: 3 }), 'uno', engines);
    expect(mlp.config).toBe('families');
    const both = modelsFit([a, mlp], uno)!;
    expect(both.upperBound).toBe(true);
    expect(both.flash).toBe(activityBlob.length + 500 + a.engine!.flash + mlp.engine!.flash);
    // Without the shipped sizes there is nothing to say.
    expect(modelsFit([modelCost(model(activityBlob), 'uno', undefined)], uno)).toBeNull();
  });

  it('measures on the rows kept with the model first, else a dataset with its features', () => {
    const kept = chooseRows(
      model(activityBlob, { rows: activityRows, rowsSource: 'held-out rows' }),
      [],
      parseNumberRows,
    );
    expect(kept).toEqual({ rows: activityRows.slice(0, MEASURED_ROWS), source: 'held-out rows' });

    // A recorded dataset: time and label columns are not features.
    const names = Array.from({ length: 30 }, (_, i) => `f${i}`);
    const csv = [
      ['time_ms', ...names, 'label'].join(','),
      ...activityRows.slice(0, 40).map((r, i) => [i * 40, ...r, 1].join(',')),
      ...activityRows.map((r) => [0, ...r, 2].join(',')),
    ].join('\n');
    const fromData = chooseRows(
      model(activityBlob),
      [
        { name: 'fridge-1.csv', csv: 'time_ms,temperature\n0,4.5\n' },
        { name: 'activity-1.csv', csv },
      ],
      parseNumberRows,
    );
    expect(fromData).toEqual({
      rows: activityRows.slice(0, MEASURED_ROWS),
      source: `the first ${MEASURED_ROWS} rows of data/activity-1.csv`,
    });

    const none = chooseRows(model(activityBlob), [{ name: 'fridge-1.csv', csv: 'a,b\n1,2\n' }], parseNumberRows);
    expect(none).toEqual({ why: expect.stringContaining('no rows with its 30 features') });
  });
});

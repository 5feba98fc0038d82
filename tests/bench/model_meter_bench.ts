// The model cycles table for `npm run bench` (tests/bench/virtual_uno.sh bundles this for Node):
// each model's cycles per prediction on the model meter (firmware/meter on avr8js, Timer1), for
// the rows given, with the stack's depth. Reports numbers; asserts nothing.
// Usage: node model_meter_bench.mjs METER.hex NAME MODEL.bin ROWS.csv [NAME MODEL.bin ROWS.csv]...
import { readFileSync } from 'node:fs';
import { measureModel } from '../../web/src/virtual-board/modelMeter';
import { UNO_CLOCK_HZ } from '../../web/src/virtual-board/virtualBoards';

const [meterPath, ...cases] = process.argv.slice(2);
const meter = readFileSync(meterPath, 'utf8');
for (let i = 0; i + 2 < cases.length; i += 3) {
  const [name, modelPath, rowsPath] = cases.slice(i, i + 3);
  const rows = readFileSync(rowsPath, 'utf8')
    .split('\n')
    .filter((l) => /^[-+0-9.eE, ]+$/.test(l.trim()) && l.trim() !== '')
    .map((l) => l.split(',').map(Number));
  const r = measureModel(meter, new Uint8Array(readFileSync(modelPath)), rows);
  const us = (c: number) => ((c / UNO_CLOCK_HZ) * 1e6).toFixed(0);
  console.log(
    `model meter: ${name}: ${rows.length} rows, cycles per prediction mean ` +
      `${r.meanCycles.toFixed(0)} (${us(r.meanCycles)} us at 16 MHz), max ${r.maxCycles} ` +
      `(${us(r.maxCycles)} us); meter stack ${r.stackBytes} B`,
  );
}

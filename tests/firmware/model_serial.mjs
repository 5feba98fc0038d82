// A model sketch (`emflow export MODEL.bin`) on a simulated ATmega328P (avr8js, 16 MHz):
// sends each row of ROWS.csv over the simulated USART at 115200 baud, waits for the answer
// line and compares it with what the host engine printed for the same rows:
//   LABELS.txt  `emflow predict MODEL ROWS.csv`          (one label per row)
//   OUTPUTS.txt `emflow predict MODEL ROWS.csv --proba`  (comma-separated outputs per row)
// Labels must be equal; outputs within 1e-5 relative (1e-6 absolute near 0): the board
// computes in float32 (avr-gcc's double), the host in double.
// Usage: node model_serial.mjs FIRMWARE.hex ROWS.csv LABELS.txt OUTPUTS.txt
// A build with -DEMFLOW_SKETCH_CYCLES answers `...;cycles N`: the cycles per prediction are
// printed too (tests/bench/export.sh).
// Prints "model_serial: N rows, labels equal N, outputs within tolerance N, max rel diff X".
import { readFileSync } from 'node:fs';
import { SimulatedUno } from './avr_board.mjs';

const [hexPath, rowsPath, labelsPath, outputsPath] = process.argv.slice(2);
if (!outputsPath) {
  console.error('usage: node model_serial.mjs FIRMWARE.hex ROWS.csv LABELS.txt OUTPUTS.txt');
  process.exit(2);
}

const lines = (path) => readFileSync(path, 'utf8').split('\n').filter((l) => l.trim() !== '');
const rows = lines(rowsPath).filter((l) => /^[-+0-9.eE, ]+$/.test(l)); // no header
const labels = lines(labelsPath);
const outputs = lines(outputsPath).map((l) => l.split(',').map(Number));
if (rows.length !== labels.length || rows.length !== outputs.length) {
  console.error(`model_serial: ${rows.length} rows but ${labels.length} labels, ${outputs.length} output lines`);
  process.exit(1);
}

const board = new SimulatedUno(hexPath);
const { cpu } = board;

let banner = '';
board.runUntil(
  () => board.received.includes('ready\r\n') || /error/.test(board.received),
  20e6,
  'boot banner',
);
for (let line = board.takeLine(); line !== null; line = board.takeLine()) banner += line + ' | ';
if (!banner.includes('ready')) {
  console.error(`model_serial: the sketch did not get ready: ${banner}`);
  process.exit(1);
}
console.log(`model_serial: board says: ${banner.slice(0, -3)}`);

let labelsEqual = 0;
let outputsClose = 0;
let maxRel = 0;
const failures = [];
const cyclesStart = cpu.cycles;
const predictCycles = [];
for (let r = 0; r < rows.length; r++) {
  board.send(rows[r] + '\n');
  let answer = null;
  board.runUntil(
    () => {
      board.pump();
      answer ??= board.takeLine();
      return answer !== null;
    },
    50e6,
    `answer to row ${r + 1}`,
  );
  // A benchmark build (EMFLOW_SKETCH_CYCLES) appends the prediction's Timer1 cycles.
  const [values, cyclesText] = answer.split(';cycles ');
  if (cyclesText !== undefined) predictCycles.push(Number(cyclesText));
  const fields = values.split(',');
  const label = fields[0];
  const got = fields.slice(1).map(Number);
  const want = outputs[r];
  let close = got.length === want.length;
  for (let k = 0; close && k < want.length; k++) {
    const diff = Math.abs(got[k] - want[k]);
    const rel = diff / Math.max(Math.abs(want[k]), 1e-30);
    if (Math.abs(want[k]) >= 0.1) maxRel = Math.max(maxRel, rel);
    close = diff <= 1e-6 || rel <= 1e-5;
  }
  if (label === labels[r].trim()) labelsEqual++;
  if (close) outputsClose++;
  if ((label !== labels[r].trim() || !close) && failures.length < 5)
    failures.push(`row ${r + 1}: board "${answer}", host label ${labels[r]} outputs ${want.join(',')}`);
}
const cyclesPerRow = Math.round((cpu.cycles - cyclesStart) / rows.length);
console.log(
  `model_serial: ${rows.length} rows, labels equal ${labelsEqual}, outputs within 1e-5 ${outputsClose}, ` +
    `max relative difference ${maxRel.toExponential(2)} (outputs >= 0.1), ${cyclesPerRow} cycles per row incl. serial`,
);
if (predictCycles.length) {
  const sorted = [...predictCycles].sort((a, b) => a - b);
  const mean = Math.round(predictCycles.reduce((a, b) => a + b, 0) / predictCycles.length);
  console.log(
    `model_serial: cycles per prediction (Timer1 around the predict call): mean ${mean}, ` +
      `min ${sorted[0]}, max ${sorted[sorted.length - 1]} (${(mean / 16).toFixed(0)} us at 16 MHz)`,
  );
}
for (const f of failures) console.log(`model_serial: ${f}`);
process.exit(labelsEqual === rows.length && outputsClose === rows.length ? 0 : 1);

// WindowFeatures on a simulated ATmega328P (features_serial.cpp on avr8js) against the native
// run's features, bit for bit: each window of ADC readings the native AnalogRead nodes sent
// (TRACE.csv, `emflow run examples/activity.fbp --world activity --trace`) goes to the board,
// which answers with the bits of every feature; the native Classify node's inputs (printed with
// 9 significant digits, so they read back as the exact float32) are the reference.
// Usage: node features_parity.mjs FIRMWARE.hex TRACE.csv
// Prints the windows and features that are bit-identical, the largest difference in units in
// the last place (ulp) per feature kind, and the board's cycles per window. Exits 1 on a board
// error, when a feature that uses no FFT (mean, std, min, max, rms, zero crossings: +, -, *, /
// and sqrtf, correctly rounded on both sides) differs at all, when fewer than
// MIN_IDENTICAL_FEATURES (env, default: all) features are bit-identical, or when one differs by
// more than MAX_ULP (env, default 0). model_check.sh requires every feature, FFT band
// energies included, to be bit-identical: the FFT's twiddle factors come from one table.
import { readFileSync } from 'node:fs';
import { SimulatedUno } from './avr_board.mjs';

const [hexPath, tracePath] = process.argv.slice(2);
if (!tracePath) {
  console.error('usage: node features_parity.mjs FIRMWARE.hex TRACE.csv');
  process.exit(2);
}
const fail = (message) => {
  console.error(`features_parity: FAIL ${message}`);
  process.exit(1);
};
const SIZE = 16;
const KINDS = ['mean', 'std', 'min', 'max', 'rms', 'zero crossings', 'band 1', 'band 2', 'band 3', 'band 4'];
const EXACT_KINDS = 6; // the features before the FFT bands

const READ_EDGES = ['x.OUT -> features.IN', 'y.OUT -> features.IN', 'z.OUT -> features.IN'];
const frames = []; // readings in arrival order: x, y, z per timer tick
const windows = []; // { readings, features } per feature vector
let features = null;
for (const line of readFileSync(tracePath, 'utf8').split('\n').slice(1)) {
  const [, kind, name, value] = line.split(',');
  if (kind !== 'packet') continue;
  if (READ_EDGES.includes(name)) {
    frames.push(Number(value));
  } else if (name === 'features.OUT -> classify.IN') {
    if (value === '[') {
      features = [];
    } else if (value === ']') {
      if (frames.length < 3 * SIZE) fail(`${tracePath}: a feature vector after ${frames.length} readings`);
      windows.push({ readings: frames.splice(0, 3 * SIZE), features });
    } else {
      features.push(Number(value));
    }
  }
}
if (!windows.length) fail(`${tracePath}: no feature vectors`);

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);
const bitsOf = (x) => {
  f32[0] = x;
  return u32[0];
};
// Distance in float32 steps between two floats given as bits (same sign assumed; else large).
const ulps = (a, b) => {
  const ordered = (u) => (u & 0x80000000 ? 0x80000000 - (u & 0x7fffffff) : 0x80000000 + u);
  return Math.abs(ordered(a) - ordered(b));
};

const board = new SimulatedUno(hexPath);
board.runUntil(() => board.received.includes('\n'), 20e6, 'ready line');
const ready = board.takeLine();
if (ready !== 'ready') fail(`the board said "${ready}" instead of ready`);

let identicalWindows = 0;
let identicalFeatures = 0;
const maxUlps = KINDS.map(() => 0);
const cycles = [];
const examples = [];
for (const [w, window] of windows.entries()) {
  board.send(window.readings.join(',') + '\n');
  let answer = null;
  board.runUntil(
    () => {
      board.pump();
      answer ??= board.takeLine();
      return answer !== null;
    },
    50e6,
    `answer to window ${w + 1}`,
  );
  const match = /^F ([0-9a-f,]+);cycles (\d+)$/.exec(answer);
  if (!match) fail(`window ${w + 1}: the board answered "${answer}"`);
  const got = match[1].split(',').map((h) => parseInt(h, 16));
  if (got.length !== window.features.length)
    fail(`window ${w + 1}: ${got.length} features from the board, ${window.features.length} native`);
  cycles.push(Number(match[2]));
  let identical = true;
  for (let i = 0; i < got.length; i++) {
    const want = bitsOf(window.features[i]);
    const d = ulps(got[i], want);
    if (d === 0) identicalFeatures++;
    else identical = false;
    const kind = i % KINDS.length;
    maxUlps[kind] = Math.max(maxUlps[kind], d);
    if (d && examples.length < 3) {
      f32[0] = 0;
      u32[0] = got[i];
      examples.push(`window ${w + 1} feature ${i} (${KINDS[kind]}): board ${f32[0]}, native ${window.features[i]} (${d} ulp)`);
    }
  }
  if (identical) identicalWindows++;
}
const total = windows.length * windows[0].features.length;
const minIdentical = Number(process.env.MIN_IDENTICAL_FEATURES ?? total);
const maxUlp = Number(process.env.MAX_ULP ?? 0);
const meanCycles = Math.round(cycles.reduce((a, b) => a + b, 0) / cycles.length);
console.log(
  `features_parity: ${windows.length} windows, bit-identical ${identicalWindows}; features bit-identical ` +
    `${identicalFeatures} of ${total} (required ${minIdentical}); ${meanCycles} cycles per window (Timer1, ±64)`,
);
console.log(
  `features_parity: largest difference per feature (ulp, allowed ${maxUlp}): ` +
    KINDS.map((k, i) => `${k} ${maxUlps[i]}`).join(', '),
);
for (const e of examples) console.log(`features_parity: ${e}`);
const exactDiffer = KINDS.slice(0, EXACT_KINDS).filter((_, i) => maxUlps[i] > 0);
if (exactDiffer.length) fail(`features without FFT differ: ${exactDiffer.join(', ')}`);
if (identicalFeatures < minIdentical)
  fail(`only ${identicalFeatures} of ${total} features are bit-identical (required ${minIdentical})`);
if (Math.max(...maxUlps) > maxUlp) fail(`a feature differs by ${Math.max(...maxUlps)} ulp (allowed ${maxUlp})`);

// The exported activity sketch (examples/activity.fbp) on a simulated ATmega328P (avr8js,
// 16 MHz) against the native simulation of the same graph, world and seed:
//   ADC.csv   `emflow run examples/activity.fbp --world activity --seed S --adc ADC.csv`: the
//             counts the world puts on A0..A2 (time_ms,a0,a1,a2; each row holds until the
//             next). The board's ADC converts them at the board's own clock: the value its
//             millis() has at that cycle (computed from the cycle count exactly as the Arduino
//             core's Timer0 interrupt counts), so the sketch samples the recording when its
//             millis() timer says so, whatever the sub-millisecond phase of its boot.
//   TRACE.csv the same run's --trace: the native AnalogRead readings, the features the
//             Classify node received and the classes it sent to SerialOut.
// The board runs until its sketch prints `t=RUN_MS run: delivered`; every other line must be
// a boot line or a class. Checked:
//   - every ADC reading equals the native one (a difference is reported as "explained" when
//     the world changed between the native reading's instant and the board's, which reads
//     about 17 ms after it on the millis() clock: the world's samples must begin on the 40 ms
//     grid for the two to agree);
//   - the board classifies as many windows as the native run, and at least MIN_EQUAL (env,
//     default: all) of them as the same class, in the same order.
//   - the check would see a channel mix-up: with the board's channels in any other order, some
//     reading would differ from the native one (the three series are not equal to each other).
// Usage: node activity_parity.mjs FIRMWARE.hex ADC.csv TRACE.csv RUN_MS
//        node activity_parity.mjs --log BOARD.log ADC.csv TRACE.csv RUN_MS
//   --log: the board's run recorded by activity_mega_board.cpp (the Mega 2560 on simavr): its
//   `line`, `read CH MS COUNTS` and `end CYCLES` records replace the avr8js run.
// With BOARD_READINGS=FILE (env), the board's readings are written there for a diagnosis, one
// window per line (x0,y0,z0,x1,... as features_serial.cpp takes them).
import { readFileSync, writeFileSync } from 'node:fs';
import { CLOCK_HZ, SimulatedUno } from './avr_board.mjs';

const args = process.argv.slice(2);
// --log BOARD.log: compare a run another simulator recorded instead of running FIRMWARE.hex.
const boardLog = args[0] === '--log' ? args.splice(0, 2)[1] : null;
const [hexPath, adcPath, tracePath, runMsText] = boardLog ? [null, ...args] : args;
if (!runMsText) {
  console.error('usage: node activity_parity.mjs (FIRMWARE.hex | --log BOARD.log) ADC.csv TRACE.csv RUN_MS');
  process.exit(2);
}
const runMs = Number(runMsText);
const fail = (message) => {
  console.error(`activity_parity: FAIL ${message}`);
  process.exit(1);
};

const csvRows = (path) =>
  readFileSync(path, 'utf8')
    .split('\n')
    .slice(1)
    .filter((l) => l !== '');

// The world's ADC series.
const adcTimes = [];
const adcCounts = [];
for (const [n, line] of csvRows(adcPath).entries()) {
  const fields = line.split(',').map(Number);
  if (fields.length !== 4 || fields.some((v) => !Number.isInteger(v)))
    fail(`${adcPath}:${n + 2}: expected time_ms,a0,a1,a2, got "${line}"`);
  adcTimes.push(fields[0]);
  adcCounts.push(fields.slice(1));
}
if (adcTimes[0] !== 0) fail(`${adcPath}: the series must start at time 0`);
// True when the series changes value at some time in (fromMs, toMs].
const changesBetween = (fromMs, toMs) => adcTimes.some((t) => t > fromMs && t <= toMs);

// The native run: readings of A0..A2 (x, y, z), each window's features and class.
const READ_EDGES = ['x.OUT -> features.IN', 'y.OUT -> features.IN', 'z.OUT -> features.IN'];
const nativeReads = [[], [], []];
const native = [];
let features = null;
for (const line of csvRows(tracePath)) {
  const [time, kind, name, value] = line.split(',');
  if (kind !== 'packet') continue;
  const channel = READ_EDGES.indexOf(name);
  if (channel >= 0) {
    nativeReads[channel].push({ counts: Number(value), ms: Number(time) });
  } else if (name === 'features.OUT -> classify.IN') {
    if (value === '[') features = [];
    else if (value !== ']') features.push(value);
  } else if (name === 'classify.OUT -> log.IN') {
    native.push({ timeMs: Number(time), label: value, features });
  }
}
if (!native.length) fail(`${tracePath}: no classify.OUT -> log.IN packets`);

// The world starts when the board's graph does. The sketch prints `graph: ... t=M` after
// starting it, M = millis() read after the line's text went to the serial port, so the timer
// began counting a few ms before M (2 or 3 measured, depending on the boot's serial backlog).
// The world's clock is the board's millis(): the core's Timer0 overflows every 64 * 256
// cycles (1.024 ms) and each interrupt adds 1 ms and 3/125 ms of fraction, one more ms when
// the fraction passes 1 (wiring.c). (On the cycle clock, millis() ticks wander by up to 2 ms
// with the boot's sub-millisecond phase; a build whose boot took 1 ms less read before the
// native instants.) With the world's origin at M - 20 ms, the n-th reading (due at millis() =
// start + 40 n) lands in the middle of the native reading's 40 ms world sample, whatever the
// print's delay within +-19 ms.
const ORIGIN_MARGIN_MS = 20;
const CYCLES_PER_TIMER0_OVERFLOW = 64 * 256;
const boardMillis = (cycles) => {
  const overflows = Math.floor(cycles / CYCLES_PER_TIMER0_OVERFLOW);
  return overflows + Math.floor((3 * overflows) / 125);
};
let originMs = null;
let adcRow = 0; // the board's time only moves forward: a moving index, no search
const boardReads = [[], [], []];
function analogCounts(channel, cycles) {
  if (channel > 2) fail(`the sketch converted ADC channel ${channel}; the world drives A0..A2 only`);
  if (originMs === null) fail(`the sketch read A${channel} before its graph started`);
  const ms = boardMillis(cycles) - originMs;
  if (ms > adcTimes[adcTimes.length - 1] + 1000) fail(`the board read A${channel} at ${ms} ms, past the recording`);
  while (adcRow + 1 < adcTimes.length && adcTimes[adcRow + 1] <= ms) adcRow++;
  boardReads[channel].push({ counts: adcCounts[adcRow][channel], ms });
  return adcCounts[adcRow][channel];
}

let boardLines = [];
const endLine = new RegExp(`^t=${runMs} run: delivered \\d+$`);
let boardSeconds;
let wallSeconds = 0;
if (boardLog) {
  // A run recorded by another simulator (activity_mega_board.cpp on simavr's ATmega2560).
  for (const [n, record] of readFileSync(boardLog, 'utf8').split('\n').entries()) {
    const read = /^read (\d+) (-?\d+) (\d+)$/.exec(record);
    const end = /^end (\d+)$/.exec(record);
    if (record.startsWith('line ')) {
      const line = record.slice(5);
      boardLines.push(line);
      const started = /^graph: status 0 nodes \d+ t=(\d+)$/.exec(line);
      if (started) originMs = Number(started[1]) - ORIGIN_MARGIN_MS;
    } else if (read) {
      const channel = Number(read[1]);
      if (channel > 2) fail(`the sketch converted ADC channel ${channel}; the world drives channels 0..2 only`);
      boardReads[channel].push({ counts: Number(read[3]), ms: Number(read[2]) });
    } else if (end) {
      boardSeconds = Number(end[1]) / CLOCK_HZ;
    } else if (record !== '' && !record.startsWith('Loaded ')) {
      fail(`${boardLog}:${n + 1}: unexpected record "${record}"`);
    }
  }
  if (boardSeconds === undefined) fail(`${boardLog}: no end record (the board run did not finish)`);
} else {
  const board = new SimulatedUno(hexPath, { analogCounts });
  let finished = false;
  const wallStart = Date.now();
  board.runUntil(
    () => {
      for (let line = board.takeLine(); line !== null; line = board.takeLine()) {
        boardLines.push(line);
        const started = /^graph: status 0 nodes \d+ t=(\d+)$/.exec(line);
        if (started) originMs = Number(started[1]) - ORIGIN_MARGIN_MS;
        if (endLine.test(line)) finished = true;
      }
      return finished;
    },
    (runMs / 1000 + 5) * CLOCK_HZ,
    `"t=${runMs} run: delivered" line`,
  );
  wallSeconds = (Date.now() - wallStart) / 1000;
  boardSeconds = board.seconds;
}

const labels = boardLines.filter((line) => /^[0-9]+$/.test(line));
const boot = boardLines.filter((line) => !/^[0-9]+$/.test(line));
for (const expected of [/^emflow: Activity$/, /^models: status 0$/, /^graph: status 0 nodes 8 t=\d+$/, endLine]) {
  if (!boot.some((line) => expected.test(line))) fail(`the board printed no line like ${expected}`);
}
const unexpected = boot.filter((line) => !/^(emflow: |models: |graph: |t=\d+ run: )/.test(line));
if (unexpected.length) fail(`unexpected board output: ${unexpected.slice(0, 3).join(' | ')}`);

// Inputs, reading by reading (the board reads one tick more: it started later on its clock).
let readsCompared = 0;
let readsEqual = 0;
let readsLate = 0; // differ because the world moved on between the native and the board instant
const unexplained = [];
const windowsWithOtherInputs = new Set();
const lateness = { min: Infinity, max: -Infinity };
for (let c = 0; c < 3; c++) {
  const n = Math.min(boardReads[c].length, nativeReads[c].length);
  for (let i = 0; i < n; i++) {
    const b = boardReads[c][i];
    const a = nativeReads[c][i];
    readsCompared++;
    lateness.min = Math.min(lateness.min, b.ms - a.ms);
    lateness.max = Math.max(lateness.max, b.ms - a.ms);
    if (b.counts === a.counts) {
      readsEqual++;
      continue;
    }
    windowsWithOtherInputs.add(Math.floor(i / 16));
    if (changesBetween(a.ms, b.ms)) readsLate++;
    else unexplained.push(`A${c} reading ${i + 1}: board ${b.counts} at ${b.ms.toFixed(2)} ms, native ${a.counts} at ${a.ms} ms`);
  }
}
// Samples of the world that begin off the 40 ms grid (the native readings' instants).
const offGrid = adcTimes.filter((t) => t % 40 !== 0).length;
console.log(
  `activity_parity: board ran ${runMs} ms of millis() (${boardSeconds.toFixed(3)} s of cycles, graph started at ` +
    `${originMs + ORIGIN_MARGIN_MS} ms) ${boardLog ? `recorded in ${boardLog}` : `in ${wallSeconds.toFixed(1)} s of wall time`}; ADC readings equal to native ` +
    `${readsEqual} of ${readsCompared}; ${readsLate} differ because the board read ` +
    `${lateness.min.toFixed(2)}..${lateness.max.toFixed(2)} ms after the native instant and the world's sample ` +
    `had changed by then (${offGrid} of its ${adcTimes.length} value changes are off the 40 ms grid); ` +
    `${unexplained.length} otherwise`,
);

// A channel mix-up must not go unnoticed: the board's readings with its channels permuted
// (x read as y, ...) are compared again; in every other order some reading must differ.
const PERMUTATIONS = [
  [0, 2, 1],
  [1, 0, 2],
  [1, 2, 0],
  [2, 0, 1],
  [2, 1, 0],
];
let bestMixed = 0;
for (const order of PERMUTATIONS) {
  let agree = 0;
  for (let c = 0; c < 3; c++) {
    const n = Math.min(boardReads[order[c]].length, nativeReads[c].length);
    for (let i = 0; i < n; i++) if (boardReads[order[c]][i].counts === nativeReads[c][i].counts) agree++;
  }
  bestMixed = Math.max(bestMixed, agree);
}
console.log(
  `activity_parity: with the board's channels in another order, at most ${bestMixed} of ${readsCompared} ` +
    `readings would equal the native ones (a mix-up is caught)`,
);

let equal = 0;
let equalSameInputs = 0;
let sameInputs = 0;
const differences = [];
for (let w = 0; w < Math.min(labels.length, native.length); w++) {
  const same = !windowsWithOtherInputs.has(w);
  if (same) sameInputs++;
  if (labels[w] === native[w].label) {
    equal++;
    if (same) equalSameInputs++;
  } else {
    differences.push(w);
  }
}
const minEqual = Number(process.env.MIN_EQUAL ?? native.length);
console.log(
  `activity_parity: ${labels.length} windows classified on the board, ${native.length} native; ` +
    `classes equal in ${equal} (${((100 * equal) / native.length).toFixed(1)} %, required ${minEqual}); ` +
    `windows with identical readings ${sameInputs}, of which equal ${equalSameInputs}`,
);
for (const w of differences.slice(0, 5)) {
  console.log(
    `activity_parity: window ${w + 1} (native t=${native[w].timeMs} ms, readings ` +
      `${windowsWithOtherInputs.has(w) ? 'differ' : 'identical'}): board ${labels[w]}, native ${native[w].label}; ` +
      `native features ${native[w].features.join(',')}`,
  );
}
if (process.env.BOARD_READINGS) {
  const lines = [];
  for (let w = 0; (w + 1) * 16 <= Math.min(...boardReads.map((r) => r.length)); w++) {
    const frame = [];
    for (let i = 16 * w; i < 16 * (w + 1); i++) for (let c = 0; c < 3; c++) frame.push(boardReads[c][i].counts);
    lines.push(frame.join(','));
  }
  writeFileSync(process.env.BOARD_READINGS, lines.join('\n') + '\n');
}
if (unexplained.length) fail(`ADC readings differ from native: ${unexplained.slice(0, 3).join('; ')}`);
if (bestMixed >= readsCompared) fail(`a channel mix-up would go unnoticed: the channels read alike`);
if (readsLate) fail(`${readsLate} ADC readings differ from native: the world's samples are off the 40 ms grid`);
if (labels.length !== native.length) fail(`the board classified ${labels.length} windows, native ${native.length}`);
if (equal < minEqual) fail(`only ${equal} of ${native.length} windows agree (required ${minEqual})`);

// The generic firmware on a virtual Uno (avr8js, ATmega328P at 16 MHz, with its EEPROM): a graph
// is loaded over the serial link (docs/serial-link.md) — no compiler, no reflashing — and runs.
// The frames are written and read here by a second, independent implementation of the
// documented format (COBS + CRC-16), so this also checks the board against the document.
//   1. boot: a log frame with the banner; hello → info (capacities, no stored graph)
//   2. upload examples/blink.fbp's command stream (`emflow compile`) in chunks → acks; the LED
//      pin 13 toggles every 500 ms of board time
//   3. a live edit watches the toggle → LED edge: packet frames with alternating booleans
//   4. a damaged frame → an error frame; an upload cut short → refused, Blink keeps blinking
//   5. reset (a new CPU, the same EEPROM): the board runs Blink again without any upload
// Usage: node generic_link.mjs FIRMWARE.hex BLINK_STREAM.bin
import { readFileSync } from 'node:fs';
import { AVREEPROM, EEPROMMemoryBackend } from 'avr8js';
import { CLOCK_HZ, SimulatedUno } from './avr_board.mjs';
import { R, T, crc16, decodeFrames, encodeFrame } from './link_codec.mjs';

const [hexPath, streamPath] = process.argv.slice(2);
if (!streamPath) {
  console.error('usage: node generic_link.mjs FIRMWARE.hex BLINK_STREAM.bin');
  process.exit(2);
}

const le16 = (v) => [v & 0xff, v >> 8];
const u16 = (p, at) => p[at] | (p[at + 1] << 8);

// --- the virtual board --------------------------------------------------------------------
const eeprom = new EEPROMMemoryBackend(1024);
let board;

// Stack use: the RAM between the static data and the top (0x08ff) is painted before the CPU
// starts; what the firmware never touched is still paint afterwards. The static RAM figure
// comes from the build's generic-uno.json beside the .hex.
const RAM_START = 0x100;
const RAM_END = 0x900;
const PAINT = 0xa5;
const staticRam = JSON.parse(readFileSync(hexPath.replace(/\.hex$/, '.json'), 'utf8')).ram;
let deepestStack = 0;

function boot() {
  board = new SimulatedUno(hexPath);
  new AVREEPROM(board.cpu, eeprom);
  board.cpu.data.fill(PAINT, RAM_START + staticRam, RAM_END);
}

function stackPeak() {
  let lowest = RAM_START + staticRam;
  while (lowest < RAM_END && board.cpu.data[lowest] === PAINT) lowest++;
  return RAM_END - lowest;
}

// Bytes the board sent since the last call, as frames.
function takeFrames() {
  const bytes = [...board.received].map((c) => c.charCodeAt(0));
  const { frames, rest } = decodeFrames(bytes);
  board.received = String.fromCharCode(...rest);
  return frames;
}

const received = [];
function runFor(cycles, until = () => false) {
  board.runUntil(
    () => {
      board.pump();
      received.push(...takeFrames());
      return until() || board.cpu.cycles >= target;
    },
    cycles + 1e6,
    'end of the run',
  );
}
let target = 0;
function run(seconds, until) {
  target = board.cpu.cycles + seconds * CLOCK_HZ;
  runFor(seconds * CLOCK_HZ, until);
}

let sequence = 0;
// Sends one frame and runs until the board answers it (same sequence number).
function request(type, payload = []) {
  const seq = (sequence = (sequence + 1) & 0xff);
  board.send(String.fromCharCode(...encodeFrame(type, seq, payload)));
  const from = received.length;
  const isAnswer = (f) => f.sequence === seq && [R.info, R.ack, R.error, 0x46].includes(f.type);
  run(0.5, () => received.slice(from).some(isAnswer));
  const answer = received.slice(from).find(isAnswer);
  if (!answer) throw new Error(`no answer to frame type ${type} within 0.5 s`);
  return answer;
}

function expectAck(frame, what) {
  if (frame.type !== R.ack) {
    throw new Error(`${what}: expected an ack, got type 0x${frame.type.toString(16)} ${frame.payload}`);
  }
}

// Pin 13 (PORTB5) levels sampled every millisecond of board time, as [ms, level] changes.
function ledChanges(seconds) {
  const changes = [];
  let last = null;
  const start = board.cpu.cycles;
  const end = start + seconds * CLOCK_HZ;
  while (board.cpu.cycles < end) {
    run(0.001);
    const level = (board.cpu.data[0x25] >> 5) & 1;
    if (level !== last) changes.push([Math.round((board.cpu.cycles - start) / 16000), level]);
    last = level;
  }
  return changes;
}

function upload(stream, { cutAfter = Infinity } = {}) {
  const crc = crc16(stream);
  expectAck(request(T.begin, [...le16(stream.length), ...le16(crc)]), 'stream begin');
  for (let at = 0, n = 0; at < stream.length; at += 40, n++) {
    if (n >= cutAfter) break;
    expectAck(request(T.chunk, [...le16(at), ...stream.slice(at, at + 40)]), `chunk at ${at}`);
  }
  return request(T.commit);
}

const failures = [];
const check = (ok, what) => {
  console.log(`generic_link: ${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failures.push(what);
};

// 1. boot and hello
boot();
run(0.05, () => received.some((f) => f.type === R.log));
const banner = received.find((f) => f.type === R.log);
check(banner && String.fromCharCode(...banner.payload).startsWith('emflow generic firmware'), `boot banner: ${banner && String.fromCharCode(...banner.payload)}`);
const info = request(T.hello);
check(info.type === R.info && info.payload[0] === 1, 'hello → info, link version 1');
check(u16(info.payload, 11) === 0, 'no stored graph on a blank EEPROM');
console.log(`generic_link: board info: nodes ${info.payload[3]}, edges ${info.payload[4]}, queue ${u16(info.payload, 5)}, graph store ${u16(info.payload, 7)} B, components ${info.payload[9]}`);

// 2. upload Blink
const stream = [...readFileSync(streamPath)];
const committed = upload(stream);
check(committed.type === R.ack, `upload of ${stream.length} B in ${Math.ceil(stream.length / 40)} chunks → ack`);
const blinking = ledChanges(2.1);
// (the first entry is the level when sampling starts, not a toggle)
const toggles = blinking.slice(1);
const gaps = toggles.slice(1).map(([ms], i) => ms - toggles[i][0]);
check(gaps.length >= 3 && gaps.every((g) => Math.abs(g - 500) <= 2), `LED toggles every 500 ms: ${JSON.stringify(blinking)}`);

// 3. watch the toggle → led edge (node ids from the stream's create-node commands)
// Operand bytes per opcode and payload bytes per packet type (docs/command-stream.md).
const OPERANDS = [0, 0, 2, 6, 3, 0, 0, 5, 1, 6, 2];
const PAYLOAD = [0, 1, 1, 4, 4, 0, 0, 1];
const created = [];
for (let at = 10; at < stream.length && stream[at] !== 0x00; ) {
  const op = stream[at];
  if (op === 0x02) created.push([stream[at + 1], stream[at + 2]]);
  at += 1 + OPERANDS[op] + (op === 0x04 ? PAYLOAD[stream[at + 3]] : 0);
}
const TOGGLE = 10;
const DIGITAL_WRITE = 22;
const toggle = created.find(([, c]) => c === TOGGLE)?.[0];
const led = created.find(([, c]) => c === DIGITAL_WRITE)?.[0];
const watchBody = [0x07, toggle, 0, led, 0, 1, 0x00]; // toggle.OUT → led.IN, on
const watch = [0x45, 0x4d, 0x46, 0x47, 1, 0, ...le16(watchBody.length), ...le16(crc16(watchBody)), ...watchBody];
expectAck(request(T.liveEdit, watch), 'live edit: watch edge');
const from = received.length;
run(1.6);
const packets = received.slice(from).filter((f) => f.type === R.packet);
const values = packets.map((f) => f.payload[9]);
check(
  packets.length >= 3 && packets.every((f) => f.payload[4] === toggle && f.payload[6] === led && f.payload[8] === 1) &&
    values.every((v, i) => i === 0 || v !== values[i - 1]),
  `watched edge: ${packets.length} packet frames, booleans alternating (${values.join(' ')})`,
);

// 4. damage and a cut upload
const damaged = encodeFrame(T.hello, 77);
damaged[3] ^= damaged[3] === 0x55 ? 0x01 : 0x55;
board.send(String.fromCharCode(...damaged));
const before = received.length;
run(0.2, () => received.slice(before).some((f) => f.type === R.damaged));
const damage = received.slice(before).find((f) => f.type === R.damaged);
check(damage && damage.payload[0] === 13, `a damaged frame → a Damaged event (status ${damage?.payload[0]}: checksum mismatch is 13)`);
const cut = upload(stream, { cutAfter: 1 });
check(cut.type === R.error && cut.payload[0] === 10, `an upload cut short → error (status ${cut.payload[0]}: truncated is 10)`);
check(ledChanges(1.1).length >= 2, 'Blink still runs after the refused upload');

deepestStack = Math.max(deepestStack, stackPeak());

// 5. reset: same EEPROM, new CPU
boot();
received.length = 0;
const afterReset = ledChanges(1.6);
check(afterReset.length >= 3, `after a reset the stored graph runs: ${JSON.stringify(afterReset)}`);
const info2 = request(T.hello);
check(u16(info2.payload, 11) === stream.length && u16(info2.payload, 13) === crc16(stream), 'info reports the stored graph (length, CRC-16)');

deepestStack = Math.max(deepestStack, stackPeak());
const free = RAM_END - RAM_START - staticRam - deepestStack;
console.log(
  `generic_link: RAM: static ${staticRam} B, stack peak ${deepestStack} B (uploads, live edits, events), never used ${free} B of 2048`,
);
check(free >= 128, 'at least 128 B of RAM never used (a margin for interrupts and deeper graphs)');

if (failures.length) {
  console.error(`generic_link: ${failures.length} failed`);
  process.exit(1);
}
console.log('generic_link: ok');

// The generic Mega 2560 firmware on a simulated ATmega2560 (simavr, through the bootloader harness
// tests/flash/bootloader_board.cpp with Debian's stk500boot_v2_mega2560.hex in the boot section
// and the firmware preloaded, as on a board flashed earlier), driven over the serial link with
// the independent frame codec (link_codec.mjs):
//   1. reset: the bootloader waits, hands over; the firmware's boot banner names the mega2560
//   2. hello → info: board 2 (Mega2560), its capacities, the 4 KB EEPROM's graph store, no graph
//   3. Blink's command stream uploaded in chunks → acks, committed (checked, applied, stored)
//   4. reset: the firmware boots Blink from EEPROM (hello reports it stored, same length, CRC)
// Usage: node generic_link_mega.mjs HARNESS BOOTLOADER.hex FIRMWARE.hex BLINK_STREAM.bin
import { spawn } from 'node:child_process';
import { constants, openSync, readFileSync, writeSync } from 'node:fs';
import { ReadStream } from 'node:tty';
import { R, T, crc16, decodeFrames, encodeFrame } from './link_codec.mjs';

const [harness, bootloader, hexPath, streamPath] = process.argv.slice(2);
if (!streamPath) {
  console.error('usage: node generic_link_mega.mjs HARNESS BOOTLOADER.hex FIRMWARE.hex BLINK_STREAM.bin');
  process.exit(2);
}
const le16 = (v) => [v & 0xff, v >> 8];
const u16 = (p, at) => p[at] | (p[at + 1] << 8);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const child = spawn(harness, [bootloader, '--mcu', 'atmega2560', '--app', hexPath, '--seconds', '120', '--control-stdin'], {
  stdio: ['pipe', 'pipe', 'inherit'],
});
const path = await new Promise((resolve, reject) => {
  child.stdout.once('data', (d) => resolve(d.toString().trim().split(' ')[1]));
  child.once('exit', (code) => reject(new Error(`the harness exited with ${code}`)));
});
const fd = openSync(path, constants.O_RDWR | constants.O_NOCTTY);
const input = new ReadStream(fd);
input.setRawMode(true);
let pending = [];
const received = [];
input.on('data', (d) => {
  const { frames, rest } = decodeFrames([...pending, ...d]);
  pending = rest;
  received.push(...frames);
});

const failures = [];
const check = (ok, what) => {
  console.log(`generic_link_mega: ${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failures.push(what);
};

// Waits (bounded by a count of 10 ms polls) for a frame that satisfies `test` after index `from`.
async function waitFor(from, test, polls) {
  for (let i = 0; i < polls; i++) {
    const frame = received.slice(from).find(test);
    if (frame) return frame;
    await sleep(10);
  }
  return null;
}

let sequence = 0;
async function request(type, payload = []) {
  const seq = (sequence = (sequence + 1) & 0xff);
  const from = received.length;
  writeSync(fd, Uint8Array.from(encodeFrame(type, seq, payload)));
  const answer = await waitFor(from, (f) => f.sequence === seq && [R.info, R.ack, R.error].includes(f.type), 300);
  if (!answer) throw new Error(`no answer to frame type ${type} within 3 s`);
  return answer;
}

// The banner after a reset: the line stays quiet so the bootloader hands over (about 1 s).
async function resetAndBoot(what) {
  const from = received.length;
  child.stdin.write('reset\n');
  const banner = await waitFor(from, (f) => f.type === R.log, 1000);
  const text = banner && String.fromCharCode(...banner.payload);
  check(text === 'emflow generic firmware 1 mega2560', `${what}: boot banner "${text}"`);
}

try {
  await resetAndBoot('reset');
  const info = await request(T.hello);
  check(info.type === R.info && info.payload[0] === 1, 'hello → info, link version 1');
  check(info.payload[2] === 2, `board ${info.payload[2]} (2 = Mega2560)`);
  check(u16(info.payload, 11) === 0, 'no stored graph on a blank EEPROM');
  console.log(
    `generic_link_mega: board info: nodes ${info.payload[3]}, edges ${info.payload[4]}, queue ${u16(info.payload, 5)}, graph store ${u16(info.payload, 7)} B, components ${info.payload[9]}`,
  );

  const stream = [...readFileSync(streamPath)];
  const crc = crc16(stream);
  check((await request(T.begin, [...le16(stream.length), ...le16(crc)])).type === R.ack, 'stream begin → ack');
  for (let at = 0; at < stream.length; at += 40) {
    const ack = await request(T.chunk, [...le16(at), ...stream.slice(at, at + 40)]);
    if (ack.type !== R.ack) check(false, `chunk at ${at}`);
  }
  check((await request(T.commit)).type === R.ack, `upload of ${stream.length} B → ack`);

  await resetAndBoot('reset after the upload');
  const again = await request(T.hello);
  check(
    u16(again.payload, 11) === stream.length && u16(again.payload, 13) === crc,
    `Blink stored in EEPROM across the reset (${u16(again.payload, 11)} B, CRC ${u16(again.payload, 13).toString(16)})`,
  );
} catch (e) {
  check(false, e.message);
} finally {
  input.destroy();
  child.kill();
}
console.log(failures.length ? `generic_link_mega: FAIL (${failures.length})` : 'generic_link_mega: ok');
process.exit(failures.length ? 1 : 0);

// Cycles per prediction of a model on the Uno's CPU, measured, not estimated: the model meter
// firmware (firmware/meter, web/public/firmware/model-meter-uno.hex) gets the model blob and the
// user's rows written into its flash area — as a build would place them — and runs on avr8js,
// timing each prediction with Timer1 (one count per CPU cycle). The meter carries the whole model
// engine, so it is built for an ATmega328P with 64 KB of flash: the CPU here is a 328P (same
// instructions, same cycles, its Timer1 and USART0) with that flash. The same patched image runs
// on simavr too (modelMeter.test.ts: the figures agree within 1 %).
import { AVRTimer, AVRUSART, CPU, avrInstruction, timer1Config, usart0Config } from 'avr8js';
import { STATUS_NAMES } from '../link/linkConstants.generated';
import { formatIntelHex, parseIntelHex } from './intelHex';
import { UNO_CLOCK_HZ } from './virtualBoards';

const METER_FLASH_BYTES = 0x10000;
const MAGIC = 'EMFMETER';
const HEADER_BYTES = 16;

export interface MeterRow {
  label: number;
  cycles: number;
}

export interface MeterResult {
  rows: MeterRow[];
  /** Mean and largest cycles per prediction over the rows. */
  meanCycles: number;
  maxCycles: number;
  /** The deepest the stack went while the meter ran (bytes below the top of RAM). */
  stackBytes?: number;
}

/** The ATmega328P's last RAM address (the stack starts there). */
const UNO_RAMEND = 0x8ff;

/** Where the meter's area starts in a flash image (its magic), or an error naming the image. */
function findArea(flash: Uint8Array): number {
  const magic = Array.from(MAGIC, (c) => c.charCodeAt(0));
  for (let at = 0; at + magic.length <= flash.length; at++) {
    if (magic.every((b, i) => flash[at + i] === b)) return at;
  }
  throw new Error('this firmware has no model meter area (magic EMFMETER not found)');
}

/**
 * The meter's image with `blob` and `rows` (feature values; as many per row as the model has
 * features) in its area, as Intel HEX. Refuses what does not fit, with the numbers.
 */
export function meterHex(meterHexText: string, blob: Uint8Array, rows: number[][]): string {
  const flash = parseIntelHex(meterHexText, METER_FLASH_BYTES);
  const area = findArea(flash);
  const view = new DataView(flash.buffer);
  const capacity = view.getUint16(area + 8, true);
  const nFeatures = rows[0]?.length ?? 0;
  if (rows.length === 0 || nFeatures === 0) throw new Error('the meter needs at least one row');
  if (rows.some((r) => r.length !== nFeatures))
    throw new Error(`every row needs ${nFeatures} features, as the first`);
  if (nFeatures > 255 || rows.length > 0xffff) throw new Error('too many features or rows');
  const need = blob.length + rows.length * nFeatures * 4;
  if (need > capacity)
    throw new Error(
      `the model (${blob.length} B) and ${rows.length} rows (${need - blob.length} B) need ` +
        `${need} B; the meter's area holds ${capacity} B`,
    );
  view.setUint16(area + 10, blob.length, true);
  view.setUint16(area + 12, rows.length, true);
  flash[area + 14] = nFeatures;
  flash.set(blob, area + HEADER_BYTES);
  let at = area + HEADER_BYTES + blob.length;
  for (const row of rows) {
    for (const v of row) {
      view.setFloat32(at, v, true);
      at += 4;
    }
  }
  // The image up to the end of what is programmed (erased 0xFF bytes after it are left out).
  let end = flash.length;
  while (end > 0 && flash[end - 1] === 0xff) end--;
  return formatIntelHex(flash, Math.max(end, area + HEADER_BYTES + need));
}

/** How many rows of `nFeatures` fit the meter's area beside `blob` (0: the blob alone does not). */
export function rowsPerRun(meterHexText: string, blobBytes: number, nFeatures: number): number {
  const flash = parseIntelHex(meterHexText, METER_FLASH_BYTES);
  const capacity = new DataView(flash.buffer).getUint16(findArea(flash) + 8, true);
  return Math.max(0, Math.floor((capacity - blobBytes) / (4 * Math.max(1, nFeatures))));
}

/**
 * Measures every row, as many runs of the meter as the rows need (each run holds what fits its
 * area beside the blob, or `maxRowsPerRun` for finer progress); `onProgress(done, total)` after
 * each run. The figures are the same as
 * one run's: each prediction is timed alone.
 */
export function measureAllRows(
  meterHexText: string,
  blob: Uint8Array,
  rows: number[][],
  onProgress?: (done: number, total: number) => void,
  maxRowsPerRun = Infinity,
): MeterResult {
  const perRun = Math.min(
    maxRowsPerRun,
    rowsPerRun(meterHexText, blob.length, rows[0]?.length ?? 0),
  );
  // No room beside the blob, or no rows: one run gives the meter's refusal with the numbers.
  if (perRun === 0 || rows.length === 0) return measureModel(meterHexText, blob, rows.slice(0, 1));
  const measured: MeterRow[] = [];
  let stackBytes = 0;
  for (let at = 0; at < rows.length; at += perRun) {
    const run = measureModel(meterHexText, blob, rows.slice(at, at + perRun));
    measured.push(...run.rows);
    stackBytes = Math.max(stackBytes, run.stackBytes ?? 0);
    onProgress?.(measured.length, rows.length);
  }
  const cycles = measured.map((r) => r.cycles);
  return {
    rows: measured,
    meanCycles: cycles.reduce((s, c) => s + c, 0) / Math.max(1, cycles.length),
    maxCycles: cycles.length ? Math.max(...cycles) : 0,
    stackBytes,
  };
}

/** Parses the meter's lines ("row R label L cycles C", "done", "error ..."). */
export function parseMeterOutput(text: string, expectedRows: number): MeterResult {
  const error = /^error (.*)$/m.exec(text);
  if (error) {
    // The meter prints status numbers (no strings on the board): named here.
    const named = error[1].replace(
      /status (\d+)/,
      (_, n: string) => STATUS_NAMES[+n] ?? `status ${n}`,
    );
    throw new Error(`the model meter says: ${named}`);
  }
  const rows: MeterRow[] = [];
  for (const m of text.matchAll(/^row (\d+) label (-?\d+) cycles (\d+)\s*$/gm)) {
    if (Number(m[1]) !== rows.length) throw new Error(`the meter's row ${m[1]} is out of order`);
    rows.push({ label: Number(m[2]), cycles: Number(m[3]) });
  }
  if (rows.length !== expectedRows || !/^done\s*$/m.test(text))
    throw new Error(`the meter answered ${rows.length} of ${expectedRows} rows and no "done"`);
  const cycles = rows.map((r) => r.cycles);
  return {
    rows,
    meanCycles: cycles.reduce((s, c) => s + c, 0) / cycles.length,
    maxCycles: Math.max(...cycles),
  };
}

/**
 * Runs the meter with `blob` and `rows` until it is done (bounded: `maxMs` of board time), and
 * returns each row's label and cycles per prediction, and the stack's depth (the stack
 * pointer is looked at after each instruction).
 */
export function measureModel(
  meterHexText: string,
  blob: Uint8Array,
  rows: number[][],
  maxMs = 60_000,
): MeterResult {
  const flash = parseIntelHex(meterHex(meterHexText, blob, rows), METER_FLASH_BYTES);
  const cpu = new CPU(new Uint16Array(flash.buffer));
  new AVRTimer(cpu, timer1Config);
  const usart = new AVRUSART(cpu, usart0Config, UNO_CLOCK_HZ);
  let text = '';
  usart.onByteTransmit = (byte) => (text += String.fromCharCode(byte));
  const finished = /^(done|error[^\n]*)\n/m;
  const end = maxMs * (UNO_CLOCK_HZ / 1000);
  let lowestSp = cpu.SP;
  while (cpu.cycles < end && !finished.test(text)) {
    // Between checks of the text: a slice of instructions (an answer line takes thousands).
    for (let i = 0; i < 1000; i++) {
      avrInstruction(cpu);
      cpu.tick();
      if (cpu.SP < lowestSp) lowestSp = cpu.SP;
    }
  }
  if (!finished.test(text))
    throw new Error(`the model meter did not finish in ${maxMs} ms of board time`);
  return { ...parseMeterOutput(text, rows.length), stackBytes: UNO_RAMEND - lowestSp };
}

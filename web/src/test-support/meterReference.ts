// The model meter's reference on the host, shared by the meter's tests (modelMeter.test.ts,
// measureCli.test.ts): two models, rows from a fixed-seed generator, and the same patched meter
// image run on simavr — the cycle-exact reference of the project's AVR checks.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { meterHex as patchedMeterHex, parseMeterOutput } from '../virtual-board/modelMeter';
import { meterHex, repoRoot } from './genericFirmware';

const modelFile = (path: string) => new Uint8Array(readFileSync(`${repoRoot}${path}`));
export const reference = modelFile('tests/avr/fixtures/reference.bin'); // int16 trees (tests/avr)
export const activity = modelFile('examples/models/activity.bin'); // float forest (examples)
const featuresOf = (blob: Uint8Array) => blob[8] | (blob[9] << 8);

/** Rows from a fixed-seed generator: integers in ±3000 (scale 1) or reals in ±3 (scale 0.001). */
export function rowsOf(blob: Uint8Array, count: number, scale: number): number[][] {
  let seed = 12345;
  const next = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed;
  };
  return Array.from({ length: count }, () =>
    Array.from({ length: featuresOf(blob) }, () => ((next() % 6001) - 3000) * scale),
  );
}

/** The meter's answer for the same image on simavr (UART lines on stderr, coloured, '.'-ended). */
export function onSimavr(blob: Uint8Array, rows: number[][], dir: string) {
  writeFileSync(`${dir}/meter.hex`, patchedMeterHex(meterHex(), blob, rows));
  const sim = spawnSync(
    'timeout',
    ['120', 'simavr', '-m', 'atmega1284p', '-f', '16000000', `${dir}/meter.hex`],
    { encoding: 'utf8' },
  );
  const escape = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');
  const uart = `${sim.stdout}${sim.stderr}`.replace(escape, '').replace(/\.$/gm, '');
  return parseMeterOutput(uart, rows.length);
}

// @vitest-environment node
// The model meter (firmware/meter) measures cycles per prediction on avr8js; the same patched
// image on simavr — the cycle-exact reference the project's AVR checks use (tests/avr/check.sh)
// — must give the same figures within 1 %, and both the labels the host engine gives (`emflow
// predict`) for the same rows. simavr runs it as an atmega1284p: the 328P's registers with the
// flash the meter needs (no prediction here is long enough for a Timer1 overflow, whose vector
// differs between the two).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliPath, meterHex, repoRoot } from '../test-support/genericFirmware';
import { measureModel, meterHex as patchedMeterHex, parseMeterOutput } from './modelMeter';

const modelFile = (path: string) => new Uint8Array(readFileSync(`${repoRoot}${path}`));
const reference = modelFile('tests/avr/fixtures/reference.bin'); // int16 trees (tests/avr)
const activity = modelFile('examples/models/activity.bin'); // float forest (examples)
const featuresOf = (blob: Uint8Array) => blob[8] | (blob[9] << 8);

/** Rows from a fixed-seed generator: integers in ±3000 (scale 1) or reals in ±3 (scale 0.001). */
function rowsOf(blob: Uint8Array, count: number, scale: number): number[][] {
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
function onSimavr(blob: Uint8Array, rows: number[][], dir: string) {
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

/** `emflow predict`'s labels for the rows. */
function hostLabels(blob: Uint8Array, rows: number[][], dir: string): number[] {
  writeFileSync(`${dir}/rows.csv`, rows.map((r) => r.join(',')).join('\n') + '\n');
  writeFileSync(`${dir}/model.bin`, blob);
  const text = execFileSync(cliPath, ['predict', `${dir}/model.bin`, `${dir}/rows.csv`], {
    encoding: 'utf8',
  });
  return text.trim().split('\n').map(Number);
}

describe('the model meter', () => {
  it.each([
    { name: 'the reference model (int16 trees)', blob: reference, scale: 1 },
    { name: 'the activity model (float forest)', blob: activity, scale: 0.001 },
  ])(
    'measures $name on avr8js as simavr does (within 1 %)',
    { timeout: 240_000 },
    ({ name, blob, scale }) => {
      const rows = rowsOf(blob, 40, scale);
      const dir = mkdtempSync(join(tmpdir(), 'emflow-meter-'));
      const avr8js = measureModel(meterHex(), blob, rows);
      const simavr = onSimavr(blob, rows, dir);
      const labels = hostLabels(blob, rows, dir);

      expect(avr8js.rows.map((r) => r.label)).toEqual(labels);
      expect(simavr.rows.map((r) => r.label)).toEqual(labels);
      for (let r = 0; r < rows.length; r++) {
        const [a, s] = [avr8js.rows[r].cycles, simavr.rows[r].cycles];
        const why = `row ${r}: avr8js ${a} cycles, simavr ${s}`;
        expect(a, why).toBeGreaterThan(0);
        expect(Math.abs(a - s) / s, why).toBeLessThanOrEqual(0.01);
      }
      expect(avr8js.stackBytes).toBeGreaterThan(0);
      console.log(
        `model meter, ${name}: avr8js mean ${avr8js.meanCycles.toFixed(0)} / max ${avr8js.maxCycles} ` +
          `cycles, stack ${avr8js.stackBytes} B; simavr mean ${simavr.meanCycles.toFixed(0)} / ` +
          `max ${simavr.maxCycles}`,
      );
    },
  );

  it('refuses what does not fit its area (with the numbers) and names what the engine refuses', () => {
    expect(() => measureModel(meterHex(), reference, rowsOf(reference, 2000, 1))).toThrow(
      /need 66248 B; the meter's area holds 30720 B/,
    );
    expect(() => measureModel(meterHex(), reference, [[1, 2]])).toThrow(
      /rows do not match the model/,
    );
    // A damaged blob: the engine's refusal, by name.
    const damaged = reference.slice();
    damaged[100] ^= 0xff;
    expect(() => measureModel(meterHex(), damaged, rowsOf(reference, 2, 1))).toThrow(
      /the model meter says: model: checksum mismatch/,
    );
  });
});

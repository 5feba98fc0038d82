// @vitest-environment node
// The model meter (firmware/meter) measures cycles per prediction on the virtual Uno (avr8js);
// the same patched image on simavr — the cycle-exact reference the project's AVR checks use
// (tests/avr/check.sh) — must give the same figures within 1 %, and both the labels the host
// engine gives (`emflow predict`) for the same rows.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliPath, meterHex, repoRoot } from '../test-support/genericFirmware';
import { measureModel, meterHex as patchedMeterHex, parseMeterOutput } from './modelMeter';

const reference = new Uint8Array(readFileSync(`${repoRoot}tests/avr/fixtures/reference.bin`));
const nFeatures = reference[8] | (reference[9] << 8);

/** Rows of int16-range feature values from a fixed-seed generator (the reference is int16). */
function rowsOf(count: number): number[][] {
  let seed = 12345;
  const next = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed;
  };
  return Array.from({ length: count }, () =>
    Array.from({ length: nFeatures }, () => (next() % 6001) - 3000),
  );
}

describe('the model meter', () => {
  it(
    'measures the reference model on avr8js as simavr does (within 1 %)',
    {
      timeout: 120_000,
    },
    () => {
      const rows = rowsOf(40);
      const onAvr8js = measureModel(meterHex(), reference, rows);

      const dir = mkdtempSync(join(tmpdir(), 'emflow-meter-'));
      writeFileSync(`${dir}/meter.hex`, patchedMeterHex(meterHex(), reference, rows));
      const sim = spawnSync(
        'timeout',
        ['120', 'simavr', '-m', 'atmega328p', '-f', '16000000', `${dir}/meter.hex`],
        { encoding: 'utf8' },
      );
      // simavr prints the UART's lines on stderr, coloured, each ending in '.'.
      const escape = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');
      const uart = `${sim.stdout}${sim.stderr}`.replace(escape, '').replace(/\.$/gm, '');
      const onSimavr = parseMeterOutput(uart, rows.length);

      writeFileSync(`${dir}/rows.csv`, rows.map((r) => r.join(',')).join('\n') + '\n');
      writeFileSync(`${dir}/reference.bin`, reference);
      const labels = execFileSync(cliPath, ['predict', `${dir}/reference.bin`, `${dir}/rows.csv`], {
        encoding: 'utf8',
      })
        .trim()
        .split('\n')
        .map(Number);

      expect(onAvr8js.rows.map((r) => r.label)).toEqual(labels);
      expect(onSimavr.rows.map((r) => r.label)).toEqual(labels);
      for (let r = 0; r < rows.length; r++) {
        const [a, s] = [onAvr8js.rows[r].cycles, onSimavr.rows[r].cycles];
        expect(a, `row ${r}: avr8js ${a} cycles, simavr ${s}`).toBeGreaterThan(0);
        expect(
          Math.abs(a - s) / s,
          `row ${r}: avr8js ${a} cycles, simavr ${s}`,
        ).toBeLessThanOrEqual(0.01);
      }
      console.log(
        `model meter, reference model: avr8js mean ${onAvr8js.meanCycles.toFixed(0)} / max ` +
          `${onAvr8js.maxCycles} cycles; simavr mean ${onSimavr.meanCycles.toFixed(0)} / max ` +
          `${onSimavr.maxCycles}`,
      );
    },
  );

  it('refuses a model and rows that do not fit its area, with the numbers', () => {
    expect(() => measureModel(meterHex(), reference, rowsOf(1000))).toThrow(
      /need 34248 B; the meter's area holds 12288 B/,
    );
    expect(() => measureModel(meterHex(), reference, [[1, 2]])).toThrow(
      /rows do not match the model/,
    );
  });
});

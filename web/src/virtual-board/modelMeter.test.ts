// @vitest-environment node
// The model meter (firmware/meter) measures cycles per prediction on avr8js; the same patched
// image on simavr — the cycle-exact reference the project's AVR checks use (tests/avr/check.sh)
// — must give the same figures within 1 %, and both the labels the host engine gives (`emflow
// predict`) for the same rows. simavr runs it as an atmega1284p: the 328P's registers with the
// flash the meter needs (no prediction here is long enough for a Timer1 overflow, whose vector
// differs between the two).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliPath, meterHex } from '../test-support/genericFirmware';
import { activity, onSimavr, reference, rowsOf } from '../test-support/meterReference';
import { measureModel } from './modelMeter';

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

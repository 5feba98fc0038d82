// @vitest-environment node
// The virtual Mega's Timer3, Timer4 and Timer5 (virtualBoards.ts: registers, output pins) and
// channel C (timerChannelC.ts), through the generic firmware's own PwmWrite: every PWM pin of
// those timers, each with its own duty, shows the duty on the pin avr-libc's map puts it on —
// high for (duty + 1) of every 256 timer steps at ~977 Hz (8-bit fast PWM, prescaler 64).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LinkClient } from '../link/linkClient';
import { cliPath, genericHex } from '../test-support/genericFirmware';
import { VirtualBoard } from './virtualBoard';
import { MEGA2560 } from './virtualBoards';

// Pin → its timer channel on the ATmega2560 (datasheet / Arduino's mega variant).
const PWM_PINS: Array<[number, string]> = [
  [5, 'OC3A'],
  [2, 'OC3B'],
  [3, 'OC3C'],
  [6, 'OC4A'],
  [7, 'OC4B'],
  [8, 'OC4C'],
  [46, 'OC5A'],
  [45, 'OC5B'],
  [44, 'OC5C'],
];
const dutyOf = (i: number) => 20 + 25 * i;

/** The graph: a PwmWrite per pin, its pin first, then its duty (initial packets in order). */
function pwmStream(): Uint8Array {
  const lines = PWM_PINS.flatMap(([pin], i) => [
    `'${pin}' -> PIN p${i}(PwmWrite) OUT -> IN d${i}(Drop)`,
    `'${dutyOf(i)}' -> IN p${i}()`,
  ]);
  const dir = mkdtempSync(join(tmpdir(), 'emflow-megapwm-'));
  writeFileSync(join(dir, 'pwm.fbp'), `${lines.join('\n')}\n`);
  execFileSync(cliPath, ['compile', join(dir, 'pwm.fbp'), '-o', join(dir, 'pwm.bin')]);
  return new Uint8Array(readFileSync(join(dir, 'pwm.bin')));
}

describe('PWM on the virtual Mega 2560', () => {
  it(
    'drives every pin of Timer3, Timer4 and Timer5 with its duty',
    { timeout: 120_000 },
    async () => {
      const board = new VirtualBoard(genericHex('mega2560'), { spec: MEGA2560 });
      const client = new LinkClient(board.serial, {
        wait: async (ms) => board.run(ms),
        timeoutMs: 500,
      });
      board.run(20);
      await client.upload(pwmStream());
      board.run(50); // the PWM settles
      const from = board.timeMs;
      const spanMs = 200;
      board.run(spanMs);
      const to = board.timeMs;
      for (const [i, [pin, channel]] of PWM_PINS.entries()) {
        // Time high within [from, to], from the pin's changes.
        const changes = board.pinChanges.filter((c) => c.pin === pin);
        let level = changes.filter((c) => c.timeMs < from).at(-1)?.high ?? false;
        let at = from;
        let high = 0;
        let rises = 0;
        for (const c of changes.filter((c) => c.timeMs >= from && c.timeMs < to)) {
          if (level) high += c.timeMs - at;
          if (c.high && !level) rises++;
          level = c.high;
          at = c.timeMs;
        }
        if (level) high += to - at;
        const expected = (dutyOf(i) + 1) / 256;
        const measured = high / (to - from);
        // One period is 256 × 64 cycles = 1.024 ms.
        expect(rises, `${channel} on D${pin}`).toBeGreaterThanOrEqual(
          Math.floor(spanMs / 1.024) - 1,
        );
        expect(Math.abs(measured - expected), `${channel} on D${pin}: ${measured}`).toBeLessThan(
          0.01,
        );
      }
    },
  );
});

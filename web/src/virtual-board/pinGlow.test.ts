// @vitest-environment node
// A virtual board's fast-changing pins drawn as a duty: synthetic edges (levels kept in order,
// a 25 % square wave as 64/255), and the generic firmware's own PwmWrite on the virtual Uno's
// D9 at duty 64, whose LED then glows at a quarter.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PinBoard } from '../board/pinBoard';
import { cliPath, genericHex } from '../test-support/genericFirmware';
import { BoardRunner, type BoardReport } from './boardRunner';
import { GLOW_MIN_CHANGES, pinBatchOf } from './pinGlow';

/** A square wave on `pin`: `periods` periods of `periodMs`, high for `duty` of each. */
function square(pin: number, periods: number, periodMs: number, duty: number) {
  return Array.from({ length: periods }, (_, i) => [
    { timeMs: i * periodMs, pin, high: true },
    { timeMs: i * periodMs + duty * periodMs, pin, high: false },
  ]).flat();
}

describe('pinBatchOf', () => {
  it('passes a few changes through as levels, in time order', () => {
    const batch = pinBatchOf([
      { timeMs: 1, pin: 13, high: true },
      { timeMs: 2, pin: 22, high: true },
      { timeMs: 3, pin: 13, high: false },
    ]);
    expect(batch).toEqual({
      timeMs: [1, 2, 3],
      pin: [13, 22, 13],
      value: [1, 1, 0],
      pwm: [0, 0, 0],
      dropped: 0,
    });
  });

  it('gives a pin with many changes as one duty, beside another pin’s levels', () => {
    const changes = [...square(9, 20, 1.024, 0.25), { timeMs: 5, pin: 13, high: true }];
    expect(changes.filter((c) => c.pin === 9).length).toBeGreaterThanOrEqual(GLOW_MIN_CHANGES);
    const batch = pinBatchOf(changes);
    expect(batch.pin).toEqual([13, 9]);
    expect(batch.pwm).toEqual([0, 1]);
    // 20 high quarters over 19.25 periods: within 2 counts of 64.
    expect(Math.abs(batch.value[1] - 64)).toBeLessThanOrEqual(2);
    const board = new PinBoard();
    board.apply(batch);
    expect(board.brightness(9)).toBeCloseTo(64 / 255, 1);
    expect(board.brightness(13)).toBe(1);
  });
});

describe('PwmWrite on the virtual Uno, drawn', () => {
  it('glows D9 at the duty the firmware drives', { timeout: 120_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'emflow-glow-'));
    writeFileSync(
      join(dir, 'pwm.fbp'),
      "'9' -> PIN p(PwmWrite) OUT -> IN d(Drop)\n'64' -> IN p()\n",
    );
    execFileSync(cliPath, ['compile', join(dir, 'pwm.fbp'), '-o', join(dir, 'pwm.bin')]);
    const reports: BoardReport[] = [];
    const runner = new BoardRunner(genericHex(), (r) => reports.push(r));
    await runner.boot();
    await runner.load({ stream: new Uint8Array(readFileSync(join(dir, 'pwm.bin'))), edits: [] });
    const board = new PinBoard();
    for (let i = 0; i < 5; i++) {
      runner.step(20);
      for (const r of reports.splice(0)) if (r.kind === 'pins') board.apply(pinBatchOf(r.changes));
    }
    // avr8js's fast PWM: high for (64 + 1) of 256 steps.
    expect(board.pin(9)?.pwm).toBe(true);
    expect(board.brightness(9)).toBeGreaterThan(60 / 255);
    expect(board.brightness(9)).toBeLessThan(70 / 255);
  });
});

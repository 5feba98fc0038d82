// @vitest-environment node
// Sleep on the virtual Uno and the virtual Mega 2560 (its six timers): the generic firmware sleeps between ticks, and skipping its sleeping
// cycles event to event gives the very same board as stepping them one by one — every pin
// change and every serial byte at the same cycle — and the same packets at the same
// milliseconds as a board that ignores SLEEP (a busy-waiting loop, the firmware's old way).
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LinkClient } from '../link/linkClient';
import { blinkStream, cliPath, genericHex, repoRoot } from '../test-support/genericFirmware';
import type { SleepMode } from './sleepSkip';
import { VirtualBoard } from './virtualBoard';
import { MEGA2560, UNO, type VirtualBoardSpec } from './virtualBoards';

interface Trace {
  pins: string[];
  serial: string[];
  cycles: number;
  pc: number;
  slept: number;
}

/** tests/firmware/graphs/pwm_pair.fbp compiled: PWM on D3 and D9 beside Timer0's tick. */
function pwmStream(): Uint8Array {
  const out = `${mkdtempSync(join(tmpdir(), 'emflow-pwm-'))}/pwm.bin`;
  execFileSync(cliPath, ['compile', `${repoRoot}tests/firmware/graphs/pwm_pair.fbp`, '-o', out]);
  return new Uint8Array(readFileSync(out));
}

/** Boots, uploads a graph (Blink) over the link, runs `ms` more; events noted with their cycle. */
async function traceBlink(
  spec: VirtualBoardSpec,
  mode: SleepMode | 'ignore',
  ms: number,
  stream = blinkStream(),
): Promise<Trace> {
  const board = new VirtualBoard(genericHex(spec.id), { spec });
  if (mode === 'ignore') board.ignoreSleep = true;
  else board.sleepMode = mode;
  const trace: Trace = { pins: [], serial: [], cycles: 0, pc: 0, slept: 0 };
  board.onPinChange((c) => trace.pins.push(`${board.cpu.cycles} D${c.pin}=${+c.high}`));
  board.serial.onBytes((bytes) => trace.serial.push(`${board.cpu.cycles} ${bytes[0]}`));
  const client = new LinkClient(board.serial, { wait: async (t) => board.run(t), timeoutMs: 500 });
  board.run(20);
  await client.hello();
  await client.upload(stream);
  board.run(ms);
  Object.assign(trace, { cycles: board.cpu.cycles, pc: board.cpu.pc, slept: board.sleptCycles });
  return trace;
}

/** Cycles → the millisecond they fall in (what the firmware's clock and a packet's time say). */
const toMs = (lines: string[]) =>
  lines.map((l) => l.replace(/^(\d+)/, (c) => String(Math.floor(Number(c) / 16000))));

describe.each([UNO, MEGA2560])('sleep on the virtual $name', (spec) => {
  it('skipping sleep is cycle-exact against stepping it', { timeout: 120_000 }, async () => {
    const skipped = await traceBlink(spec, 'skip', 2100);
    const stepped = await traceBlink(spec, 'cycle', 2100);
    // Blink toggled (boot's pin writes plus at least three 500 ms toggles) and the link talked.
    expect(skipped.pins.filter((p) => p.endsWith('D13=1') || p.endsWith('D13=0')).length).toBe(
      stepped.pins.filter((p) => p.endsWith('D13=1') || p.endsWith('D13=0')).length,
    );
    expect(skipped.pins.length).toBeGreaterThanOrEqual(4);
    expect(skipped.serial.length).toBeGreaterThan(20);
    expect(skipped).toEqual(stepped);
    // It does sleep: most of an idle Blink's time needs no instruction.
    expect(skipped.slept).toBeGreaterThan(skipped.cycles / 2);
  });

  // D3 and D9 are Timer2 and Timer1 on the Uno; Timer3's channel C (timerChannelC.ts) and
  // Timer2's channel B on the Mega.
  it('skips sleep cycle-exactly beside PWM on two more timers', { timeout: 120_000 }, async () => {
    const stream = pwmStream();
    const skipped = await traceBlink(spec, 'skip', 1100, stream);
    const stepped = await traceBlink(spec, 'cycle', 1100, stream);
    // Both PWM pins switch at ~977 Hz (every edge is a pin change), and the board still sleeps.
    // Three timers at prescaler 64 count within 64 cycles of each other, so sleep advances
    // event by event here (a timer jumps only when no other event comes first).
    expect(skipped.pins.filter((p) => p.endsWith(' D3=1')).length).toBeGreaterThan(500);
    expect(skipped.pins.filter((p) => p.endsWith(' D9=1')).length).toBeGreaterThan(500);
    expect(skipped).toEqual(stepped);
    expect(skipped.slept).toBeGreaterThan(skipped.cycles / 2);
  });

  it(
    'changes no packet and no millisecond against a board that ignores SLEEP',
    {
      timeout: 120_000,
    },
    async () => {
      const sleeping = await traceBlink(spec, 'skip', 2100);
      const busy = await traceBlink(spec, 'ignore', 2100);
      expect(busy.slept).toBe(0);
      expect(toMs(sleeping.pins)).toEqual(toMs(busy.pins));
      expect(sleeping.serial.map((l) => l.split(' ')[1])).toEqual(
        busy.serial.map((l) => l.split(' ')[1]),
      );
    },
  );
});

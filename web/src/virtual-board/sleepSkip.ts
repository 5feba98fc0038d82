// The AVR's SLEEP for avr8js (which decodes it as a no-op): while the CPU sleeps, no
// instruction runs and only the peripherals' clock events move time on. `sleepStep` advances a
// sleeping CPU to the next moment something can happen, firing exactly the clock events — at
// exactly the cycles — that stepping one cycle at a time would fire, so a sleeping board's
// pins, serial bytes and cycle counts are the same whether its sleep is skipped or stepped
// (sleepSkip.test.ts compares both). Where avr8js is asked to count a timer every prescaler
// period (64 cycles for the millisecond tick), the steps that change nothing but the count are
// taken in one jump: up to the step before the next compare match, wrap or overflow.
import type { AVRTimer, CPU } from 'avr8js';

/** SLEEP's opcode; SMCR's data address and its sleep-enable bit (ATmega328P/2560). */
export const SLEEP_OPCODE = 0x9588;
export const SMCR_ADDRESS = 0x53;
export const SMCR_SE = 0x01;
/** SEI: the instruction after it runs before any pending interrupt (the AVR's rule). */
export const SEI_OPCODE = 0x9478;

/** How a sleeping CPU advances: `skip` jumps to the next event, `cycle` steps one cycle each. */
export type SleepMode = 'skip' | 'cycle';

// avr8js 0.21's timer state that a jump needs (private in its typings, stable in the pinned
// version; a change shows up as a difference in the skip-versus-cycle test).
interface TimerInternals {
  count: () => void;
  divider: number;
  lastCycle: number;
  tcnt: number;
  tcntUpdated: boolean;
  updateDivider: boolean;
  timerMode: number;
  TOP: number;
  ocrA: number;
  ocrB: number;
  ocrC: number;
  hasOCRC: boolean;
}

// avr8js 0.21's pending clock events: a list sorted by cycle (private in its typings).
interface ClockEvent {
  cycles: number;
  callback: () => void;
  next: ClockEvent | null;
}

// avr8js's TimerMode values whose counting runs through timerUpdated (phase-correct modes
// count step by step and are never jumped).
const NORMAL = 0;
const CTC = 2;
const FAST_PWM = 3;

/**
 * Steps a timer may take silently from its count now: every step before the first one whose
 * value is a compare value or the wrap to 0 (where flags, pins or buffered OCRs change).
 */
function silentSteps(t: TimerInternals): number {
  const top = t.TOP;
  if (top < 1) return 0;
  const period = top + 1;
  let first = period - t.tcnt; // steps to the wrap to 0
  const targets = t.hasOCRC ? [t.ocrA, t.ocrB, t.ocrC] : [t.ocrA, t.ocrB];
  for (const x of targets) {
    if (x > top) continue; // never reached by a count
    const s = (((x - t.tcnt) % period) + period) % period || period;
    if (s < first) first = s;
  }
  return first - 1;
}

/**
 * Advances a sleeping CPU by one event (or one cycle in `cycle` mode), never past `end`.
 * Returns false when it stopped at `end` with nothing due.
 */
export function sleepStep(cpu: CPU, timers: AVRTimer[], mode: SleepMode, end: number): boolean {
  const next = (cpu as unknown as { nextClockEvent: ClockEvent | null }).nextClockEvent;
  let target = cpu.cycles + 1;
  if (mode === 'skip') {
    if (!next) {
      cpu.cycles = end; // nothing can wake it (a CLI; SLEEP halt, or no clock running)
      return false;
    }
    target = Math.max(target, next.cycles);
    const jump = timerJump(next.callback, timers, next.next?.cycles ?? Infinity, end);
    if (jump > target) target = jump;
  }
  if (target > end) {
    cpu.cycles = end;
    return false;
  }
  cpu.cycles = target;
  cpu.tick();
  return true;
}

/**
 * When the next event is a timer's count and the steps up to `lastCycle + k × divider` change
 * nothing but the count, the cycle of its last silent step (before the following event and
 * `end`), else 0. One tick there makes avr8js count all k steps at once.
 */
function timerJump(callback: () => void, timers: AVRTimer[], following: number, end: number) {
  for (const timer of timers) {
    const t = timer as unknown as TimerInternals;
    if (t.count !== callback) continue;
    const mode = t.timerMode;
    if (mode !== NORMAL && mode !== CTC && mode !== FAST_PWM) return 0;
    if (!t.divider || t.tcntUpdated || t.updateDivider) return 0;
    const limit = Math.min(end, following - 1);
    const fit = Math.floor((limit - t.lastCycle) / t.divider);
    const steps = Math.min(silentSteps(t), fit);
    return steps >= 1 ? t.lastCycle + steps * t.divider : 0;
  }
  return 0;
}

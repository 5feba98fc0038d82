// The 16-bit timers' third output (OCnC: the Mega's D3, D8, D13 and D44) in fast PWM, which
// avr8js 0.21 leaves half done: at BOTTOM it sets OCnA and OCnB but not OCnC, so a channel-C
// PWM pin is cleared at its compare match and never set again (a Mega's analogWrite on D3
// stayed low). This completes it the way avr8js does A and B: after a count that wrapped, a
// channel C in a fast PWM mode gets its BOTTOM update. The Uno's timers have no channel C.
import type { AVRTimer } from 'avr8js';

// avr8js's TimerMode.FastPWM.
const FAST_PWM = 3;

// The timer's state the patch reads (private in avr8js's typings; stable in the pinned 0.21.1,
// and sleepSkip.test.ts's PWM traces on the Mega would show a change).
interface TimerChannelC {
  hasOCRC: boolean;
  compC: number;
  timerMode: number;
  timerUpdated: (value: number, prevValue: number) => void;
  updateCompPin: (compValue: number, pinName: string, bottom?: boolean) => void;
}

/** Gives `timer`'s channel C its fast-PWM BOTTOM update (a no-op without a channel C). */
export function completeChannelC(timer: AVRTimer): void {
  const t = timer as unknown as TimerChannelC;
  if (!t.hasOCRC) return;
  const timerUpdated = t.timerUpdated.bind(t);
  // avr8js calls timerUpdated(new, previous) once per count, before its own BOTTOM updates of
  // A and B; a count that wrapped has new < previous (as timerUpdated itself decides).
  t.timerUpdated = (value, prevValue) => {
    timerUpdated(value, prevValue);
    if (t.compC && t.timerMode === FAST_PWM && value < prevValue)
      t.updateCompPin(t.compC, 'C', true);
  };
}

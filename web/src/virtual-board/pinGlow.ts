// A virtual board's pin changes as the board drawing's PinBoard takes them: a pin that changes
// many times within one report (PWM at ~490–980 Hz, or anything faster than an eye follows) is
// given as one PWM duty — its share of time high across the report — so its LED glows with the
// duty, as the simulator's PwmWrite LEDs do, instead of flickering with whichever edge came last.
// Other pins' changes go through as levels, in order.
import type { PinEventBatch } from '../engine';
import type { PinChange } from './virtualBoard';

/** Changes of one pin within one report from which it is drawn as a duty. */
export const GLOW_MIN_CHANGES = 8;

/** The share of [first, last change] a pin spent high (changes in time order). */
function dutyOf(changes: readonly PinChange[]): number {
  let high = 0;
  for (let i = 0; i + 1 < changes.length; i++)
    if (changes[i].high) high += changes[i + 1].timeMs - changes[i].timeMs;
  const span = changes[changes.length - 1].timeMs - changes[0].timeMs;
  return span > 0 ? high / span : changes[changes.length - 1].high ? 1 : 0;
}

export function pinBatchOf(changes: readonly PinChange[]): PinEventBatch {
  const byPin = new Map<number, PinChange[]>();
  for (const c of changes) {
    const list = byPin.get(c.pin);
    if (list) list.push(c);
    else byPin.set(c.pin, [c]);
  }
  const events: Array<{ timeMs: number; pin: number; value: number; pwm: number }> = [];
  for (const [pin, list] of byPin) {
    if (list.length >= GLOW_MIN_CHANGES) {
      const last = list[list.length - 1];
      events.push({ timeMs: last.timeMs, pin, value: Math.round(255 * dutyOf(list)), pwm: 1 });
    } else {
      for (const c of list) events.push({ timeMs: c.timeMs, pin, value: c.high ? 1 : 0, pwm: 0 });
    }
  }
  events.sort((a, b) => a.timeMs - b.timeMs);
  return {
    timeMs: events.map((e) => e.timeMs),
    pin: events.map((e) => e.pin),
    value: events.map((e) => e.value),
    pwm: events.map((e) => e.pwm),
    dropped: 0,
  };
}

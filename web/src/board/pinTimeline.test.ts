// PinTimeline: edges only (a repeated level is no change), PWM writes kept out, the time axis
// runs on past the last change, and the bound drops the oldest changes and counts them.
import { describe, expect, it } from 'vitest';
import { PinTimeline } from './pinTimeline';

describe('PinTimeline', () => {
  it('keeps level changes in order, and only changes', () => {
    const t = new PinTimeline();
    t.add([
      { timeMs: 0, pin: 13, high: false },
      { timeMs: 5, pin: 13, high: false },
      { timeMs: 500, pin: 13, high: true },
      { timeMs: 600, pin: 2, high: true },
    ]);
    expect(t.changes.map((c) => c.timeMs)).toEqual([0, 500, 600]);
    expect(t.pins()).toEqual([2, 13]);
    expect([t.level(13), t.level(2), t.level(3)]).toEqual([true, true, null]);
    t.advanceTo(900);
    expect(t.endMs).toBe(900);
  });

  it('takes the simulator batches, leaving PWM duties out', () => {
    const t = new PinTimeline();
    t.addBatch({ timeMs: [0, 10, 20], pin: [13, 9, 13], value: [1, 128, 0], pwm: [0, 1, 0] });
    expect(t.changes).toEqual([
      { timeMs: 0, pin: 13, high: true },
      { timeMs: 20, pin: 13, high: false },
    ]);
  });

  it('drops the oldest past its bound and counts them; clear forgets all', () => {
    const t = new PinTimeline(3);
    t.add(Array.from({ length: 5 }, (_, i) => ({ timeMs: i, pin: 13, high: i % 2 === 0 })));
    expect(t.changes.map((c) => c.timeMs)).toEqual([2, 3, 4]);
    expect(t.dropped).toBe(2);
    t.clear();
    expect([t.changes.length, t.dropped, t.endMs, t.level(13)]).toEqual([0, 0, 0, null]);
  });
});

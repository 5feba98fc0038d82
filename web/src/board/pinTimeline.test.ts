// PinTimeline: edges only (a repeated level is no change), PWM writes kept out, the time axis
// runs on past the last change, and the bound drops the busiest pin's oldest changes first and
// counts them.
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

  it('takes the bound from the busiest pin: a PWM pin does not push a relay out', () => {
    const t = new PinTimeline(100);
    t.add([
      { timeMs: 0, pin: 11, high: true },
      { timeMs: 0, pin: 12, high: false },
    ]);
    // 490 Hz PWM on pin 3 for a second: 980 changes; the relays switch once in the middle,
    // 12 on before 11 off at the same instant.
    const pwm = Array.from({ length: 980 }, (_, i) => ({
      timeMs: i * 1.02,
      pin: 3,
      high: i % 2 === 0,
    }));
    t.add(pwm.slice(0, 490));
    t.add([
      { timeMs: 500, pin: 12, high: true },
      { timeMs: 500, pin: 11, high: false },
    ]);
    t.add(pwm.slice(490));
    const relays = t.changes.filter((c) => c.pin !== 3);
    expect(relays).toEqual([
      { timeMs: 0, pin: 11, high: true },
      { timeMs: 0, pin: 12, high: false },
      { timeMs: 500, pin: 12, high: true },
      { timeMs: 500, pin: 11, high: false },
    ]);
    const kept = t.changes.filter((c) => c.pin === 3);
    expect(kept.length + relays.length).toBe(100);
    expect(kept.at(-1)).toEqual(pwm.at(-1)); // the newest PWM changes are the ones kept
    expect(t.dropped).toBe(980 - kept.length);
    expect(t.pins()).toEqual([3, 11, 12]);
    const times = t.changes.map((c) => c.timeMs);
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });
});

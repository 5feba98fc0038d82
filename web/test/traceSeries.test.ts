import { describe, expect, it } from 'vitest';
import {
  appendSamples,
  emptyTrace,
  formatClock,
  MAX_SAMPLES,
  traceToCsv,
} from '../src/sim/traceSeries';

describe('recorded world series', () => {
  it('appends batches, padding series that start late', () => {
    const t = emptyTrace();
    appendSamples(t, { timeMs: [0, 1000], series: { airC: [20, 19.5] } });
    appendSamples(t, { timeMs: [2000], series: { airC: [19], pin11: [1] } });
    expect(t.timeMs).toEqual([0, 1000, 2000]);
    expect(t.series.pin11).toEqual([NaN, NaN, 1]);
    expect(traceToCsv(t)).toBe('time_s,airC,pin11\n0,20,\n1,19.5,\n2,19,1\n');
  });

  it('thins the oldest half when the trace grows past its limit', () => {
    const t = emptyTrace();
    const n = MAX_SAMPLES + 2;
    appendSamples(t, {
      timeMs: Array.from({ length: n }, (_, i) => i),
      series: { v: Array.from({ length: n }, (_, i) => i) },
    });
    expect(t.timeMs.length).toBeLessThan(MAX_SAMPLES);
    expect(t.timeMs.at(-1)).toBe(n - 1);
    expect(t.series.v.length).toBe(t.timeMs.length);
  });

  it('formats the virtual clock', () => {
    expect(formatClock(0)).toBe('0:00:00');
    expect(formatClock(7_261_000)).toBe('2:01:01');
    expect(formatClock(90_000_000)).toBe('1d 1:00:00');
  });
});

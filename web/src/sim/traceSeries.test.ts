import { describe, expect, it } from 'vitest';
import {
  appendSamples,
  decimate,
  emptyTrace,
  formatClock,
  MAX_SAMPLES,
  traceToCsv,
} from './traceSeries';

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

describe('decimation for drawing', () => {
  it('keeps the extremes of each bucket, in time order, and every series aligned', () => {
    const n = 10_000;
    const t = emptyTrace();
    const airC = Array.from({ length: n }, (_, i) => 4.5 + Math.sin(i / 300));
    appendSamples(t, {
      timeMs: Array.from({ length: n }, (_, i) => i * 1000),
      series: { airC, compressorOn: airC.map((v) => (v > 4.5 ? 1 : 0)) },
    });
    const d = decimate(t, 1000);
    expect(d.timeMs.length).toBeLessThanOrEqual(1000);
    expect(d.series.compressorOn.length).toBe(d.timeMs.length);
    expect(Math.max(...d.series.airC)).toBeCloseTo(Math.max(...airC), 3);
    expect(Math.min(...d.series.airC)).toBeCloseTo(Math.min(...airC), 3);
    for (let i = 1; i < d.timeMs.length; i++) expect(d.timeMs[i]).toBeGreaterThan(d.timeMs[i - 1]);
    expect(decimate(t, n)).toBe(t);
  });
});

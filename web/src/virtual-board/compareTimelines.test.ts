// @vitest-environment node
// The simulator/board comparison: rows pair the n-th change of each output, the verdict is
// "within" one timer interval or not, a change missing on a side that ran past it is flagged
// while one the other run has not reached yet waits, and two relays on together are found.
import { describe, expect, it } from 'vitest';
import type { PinEdge } from '../board/pinTimeline';
import { parseFbp } from '../graph-doc/fbpRead';
import { readFileSync } from 'node:fs';
import { repoRoot } from '../test-support/genericFirmware';
import { compareTimelines, comparisonSetup, overlaps, sinceStart } from './compareTimelines';

const toggles = (pin: number, times: number[], firstHigh = false): PinEdge[] =>
  times.map((timeMs, i) => ({ timeMs, pin, high: i % 2 === 0 ? firstHigh : !firstHigh }));

describe('compareTimelines', () => {
  it('agrees on Blink within one interval, with the differences', () => {
    const sim = toggles(13, [0, 500, 1000, 1500]);
    const board = toggles(13, [2, 503, 1004, 1505]);
    const c = compareTimelines(sim, board, {
      toleranceMs: 500,
      simulatorEndMs: 2000,
      boardEndMs: 2000,
    });
    // The first LOW (the level an Uno's pin starts at) is no change: rows start at the rise.
    expect(c.rows.map((r) => [r.index, r.diffMs, r.verdict])).toEqual([
      [0, 3, 'within'],
      [1, 4, 'within'],
      [2, 5, 'within'],
    ]);
    expect([c.within, c.disagree, c.pending]).toEqual([3, 0, 0]);
    // The board sets the pin LOW as it makes it an output; the simulator only writes the rise.
    const boardWithReset = [{ timeMs: 0, pin: 13, high: false }, ...toggles(13, [500], true)];
    const risesOnly = compareTimelines(toggles(13, [501], true), boardWithReset, {
      toleranceMs: 500,
      simulatorEndMs: 600,
      boardEndMs: 600,
    });
    expect(risesOnly.rows.map((r) => [r.diffMs, r.verdict])).toEqual([[-1, 'within']]);
  });

  it('flags changes too far apart, at a different level, or missing', () => {
    const sim = [...toggles(13, [0, 500, 1000]), { timeMs: 100, pin: 7, high: true }];
    const ends = { toleranceMs: 500, simulatorEndMs: 3000, boardEndMs: 3000 };
    const c = compareTimelines(sim, toggles(13, [0, 1200]), ends);
    const pin13 = c.rows.filter((r) => r.pin === 13);
    expect(pin13.map((r) => [r.verdict, r.diffMs])).toEqual([
      ['outside', 700],
      ['missing', null],
    ]);
    expect(c.rows.find((r) => r.pin === 7)?.verdict).toBe('missing');
    expect([c.within, c.disagree]).toEqual([0, 3]);
    // Rows come in time order across pins.
    expect(c.rows.map((r) => r.pin)).toEqual([7, 13, 13]);
    // A side whose second change repeats no level (HIGH, then HIGH again, as a glitchy
    // recording could) disagrees on the level.
    const levels = compareTimelines(
      toggles(13, [500, 1000], true),
      [
        { timeMs: 500, pin: 13, high: true },
        { timeMs: 1000, pin: 13, high: true },
      ],
      ends,
    );
    expect(levels.rows.map((r) => r.verdict)).toEqual(['within', 'level']);
  });

  it('waits for a side whose run has not reached the change yet', () => {
    const c = compareTimelines(toggles(13, [0, 500, 1000], true), toggles(13, [0], true), {
      toleranceMs: 500,
      simulatorEndMs: 1000,
      boardEndMs: 800,
    });
    expect(c.rows.map((r) => r.verdict)).toEqual(['within', 'pending', 'pending']);
    expect(c.pending).toBe(2);
    // Once the board is past 500 + 500 without the change, the second is missing.
    const later = compareTimelines(toggles(13, [0, 500], true), toggles(13, [0], true), {
      toleranceMs: 500,
      simulatorEndMs: 1200,
      boardEndMs: 1200,
    });
    expect(later.rows[1].verdict).toBe('missing');
  });

  it('compares only the pins asked for', () => {
    const sim = [...toggles(13, [0], true), ...toggles(4, [0], true)];
    const c = compareTimelines(sim, sim, {
      pins: [13],
      toleranceMs: 1,
      simulatorEndMs: 1,
      boardEndMs: 1,
    });
    expect(c.rows.map((r) => r.pin)).toEqual([13]);
  });

  it('counts board time from the graph start', () => {
    const board = [
      { timeMs: 10, pin: 13, high: true },
      { timeMs: 150, pin: 13, high: false },
    ];
    expect(sinceStart(board, 100)).toEqual([{ timeMs: 50, pin: 13, high: false }]);
  });
});

describe('overlaps', () => {
  const relays = { pins: [11, 12], activeLow: true };
  it('finds two active-low relays on together, and not a swap at one instant', () => {
    const changes: PinEdge[] = [
      { timeMs: 0, pin: 11, high: true },
      { timeMs: 0, pin: 12, high: false }, // 12 on
      { timeMs: 100, pin: 12, high: true },
      { timeMs: 100, pin: 11, high: false }, // swap: 11 on, 12 off at once
      { timeMs: 200, pin: 12, high: false }, // both on
      { timeMs: 250, pin: 11, high: true },
      { timeMs: 300, pin: 11, high: false }, // both on to the end
    ];
    expect(overlaps(changes, relays, 'board')).toEqual([
      { side: 'board', fromMs: 200, toMs: 250, pins: [11, 12] },
      { side: 'board', fromMs: 300, toMs: null, pins: [11, 12] },
    ]);
    const c = compareTimelines([], changes, {
      toleranceMs: 1,
      simulatorEndMs: 400,
      boardEndMs: 400,
      exclusive: relays,
    });
    expect(c.overlaps).toHaveLength(2);
  });

  it('never counts an unwritten relay as on', () => {
    expect(overlaps([{ timeMs: 0, pin: 11, high: false }], relays, 'simulator')).toEqual([]);
  });
});

describe('comparisonSetup', () => {
  const graph = (name: string) => {
    const r = parseFbp(readFileSync(`${repoRoot}examples/${name}`, 'utf8'));
    if (!r.ok) throw new Error(`examples/${name} does not parse`);
    return r.graph;
  };
  it('Blink: pin 13, one 500 ms timer interval, no relays', () => {
    expect(comparisonSetup(graph('blink.fbp'))).toEqual({
      pins: [13],
      toleranceMs: 500,
      exclusive: null,
    });
  });
  it('the fridge: its two relays on 11 and 12, active-low, 5 s timer', () => {
    expect(comparisonSetup(graph('fridge.fbp'))).toEqual({
      pins: [11, 12],
      toleranceMs: 5000,
      exclusive: { pins: [11, 12], activeLow: true },
    });
  });
});

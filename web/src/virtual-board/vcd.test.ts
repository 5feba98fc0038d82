// The VCD writer against its reader: a round trip of pin changes, both timescales, time order
// with equal times, the declared wires and scope a viewer shows, identifiers past 94 signals,
// and the reader's located refusals.
import { describe, expect, it } from 'vitest';
import type { PinEdge } from '../board/pinTimeline';
import { readVcd, vcdIdentifier, writeVcd } from './vcd';

const blink: PinEdge[] = [
  { timeMs: 0, pin: 13, high: false },
  { timeMs: 500, pin: 13, high: true },
  { timeMs: 1000, pin: 13, high: false },
  { timeMs: 1000, pin: 2, high: true },
  { timeMs: 1500.25, pin: 13, high: true },
];

/** The file's changes as pin edges again (names → pins, ticks → ms). */
function edgesOf(text: string, ticksPerMs: number) {
  const f = readVcd(text);
  const names = new Map(f.signals.map((s) => [s.id, s.name]));
  return f.changes
    .filter((c) => c.value !== 'x')
    .map((c) => ({ timeMs: c.time / ticksPerMs, name: names.get(c.id), high: c.value === '1' }));
}

describe('writeVcd / readVcd', () => {
  it('round-trips pin changes in microseconds under $scope module uno', () => {
    const text = writeVcd(blink, { endMs: 2000 });
    const f = readVcd(text);
    expect(f.timescale).toEqual({ magnitude: 1, unit: 'us' });
    expect(f.signals.map((s) => [s.name, s.scope, s.width])).toEqual([
      ['D2', ['uno'], 1],
      ['D13', ['uno'], 1],
    ]);
    expect(edgesOf(text, 1000)).toEqual([
      { timeMs: 0, name: 'D13', high: false },
      { timeMs: 500, name: 'D13', high: true },
      { timeMs: 1000, name: 'D13', high: false },
      { timeMs: 1000, name: 'D2', high: true },
      { timeMs: 1500.25, name: 'D13', high: true },
    ]);
    // Every wire starts unknown at #0; the dump runs on to endMs.
    expect(f.changes.filter((c) => c.value === 'x').map((c) => c.time)).toEqual([0, 0]);
    expect(f.endTime).toBe(2_000_000);
    // One #time line per distinct time, ascending.
    expect(text.match(/^#\d+$/gm)).toEqual(['#0', '#500000', '#1000000', '#1500250', '#2000000']);
  });

  it('writes nanoseconds when asked', () => {
    const text = writeVcd(blink, { timescale: '1ns' });
    expect(readVcd(text).timescale).toEqual({ magnitude: 1, unit: 'ns' });
    expect(edgesOf(text, 1e6).map((e) => e.timeMs)).toEqual([0, 500, 1000, 1000, 1500.25]);
    expect(readVcd(text).endTime).toBe(1_500_250_000);
  });

  it('sorts changes given out of order, keeping the order of equal times', () => {
    const shuffled = [blink[4], blink[2], blink[3], blink[0], blink[1]];
    const edges = edgesOf(writeVcd(shuffled), 1000);
    expect(edges.map((e) => e.timeMs)).toEqual([0, 500, 1000, 1000, 1500.25]);
    expect(edges.filter((e) => e.timeMs === 1000).map((e) => e.name)).toEqual(['D13', 'D2']);
  });

  it('names analog pins A0-A5 and declares pins that never changed', () => {
    const f = readVcd(writeVcd([{ timeMs: 1, pin: 14, high: true }], { pins: [19, 3] }));
    expect(f.signals.map((s) => s.name)).toEqual(['D3', 'A0', 'A5']);
  });

  it('gives unique identifiers past 94 signals', () => {
    const ids = Array.from({ length: 94 * 95 + 3 }, (_, i) => vcdIdentifier(i));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.slice(0, 2)).toEqual(['!', '"']);
    expect(ids[93]).toBe('~');
    expect(ids[94]).toBe('!!');
    expect(ids.every((id) => /^[!-~]+$/.test(id))).toBe(true);
    // A dump with 200 wires reads back with every wire's own changes.
    const many: PinEdge[] = Array.from({ length: 200 }, (_, i) => ({
      timeMs: i,
      pin: 100 + i,
      high: i % 2 === 0,
    }));
    const f = readVcd(writeVcd(many));
    expect(f.signals).toHaveLength(200);
    expect(new Set(f.signals.map((s) => s.id)).size).toBe(200);
    const real = f.changes.filter((c) => c.value !== 'x');
    expect(real.map((c) => c.time)).toEqual(many.map((m) => m.timeMs * 1000));
  });

  it('refuses broken dumps with the line', () => {
    const ok = writeVcd(blink).split('\n');
    const back = [...ok.slice(0, -1), '#5', '1!', ''].join('\n');
    expect(() => readVcd(back)).toThrow(/VCD line \d+: time goes back/);
    expect(() => readVcd(ok.join('\n').replace('$enddefinitions $end', ''))).toThrow(
      /before \$enddefinitions|no \$enddefinitions/,
    );
    expect(() => readVcd(`${ok.join('\n')}\n1?\n`)).toThrow(/undeclared identifier \?/);
    expect(() => readVcd('$timescale 3 us $end')).toThrow(/VCD line 1: bad \$timescale/);
  });
});

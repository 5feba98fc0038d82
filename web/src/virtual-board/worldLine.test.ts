// @vitest-environment node
// The virtual board's world line in words: the bench is called the bench (not "none world"),
// the activity world names the activity, a long recording is cut with a count, and a world
// with nothing to show ends without a dangling separator.
import { describe, expect, it } from 'vitest';
import type { BoardWorldState } from './boardWorld';
import { worldLine } from './worldLine';

const state = (world: BoardWorldState['world'], values: Record<string, number>, worldMs = 12_345) =>
  ({ timeMs: worldMs + 500, worldMs, world, values }) satisfies BoardWorldState;

describe('worldLine', () => {
  it('calls the bench the bench and lists what was set by hand', () => {
    expect(worldLine(state('none', { pin13: 1 }))).toBe(
      'no world (the bench): nothing simulated behind the pins · 12.3 s into the run · ' +
        'no inputs set by hand yet',
    );
    expect(worldLine(state('none', { A0: 512, D2: 1, T9: 4.25, pin13: 0 }))).toBe(
      'no world (the bench): nothing simulated behind the pins · 12.3 s into the run · ' +
        'set by hand: A0 = 512, D2 = HIGH, T9 = 4.3 °C',
    );
  });

  it('shows the fridge as before and the cow’s activity by name', () => {
    expect(
      worldLine(
        state('fridge', { airC: 4.91, sensorC: 4.875, compressorOn: 1, doorOpen: 0, pin11: 1 }),
      ),
    ).toBe(
      'fridge world on the pins · 12.3 s into the run · air 4.9 °C · thermometer 4.9 °C · compressor on',
    );
    expect(worldLine(state('activity', { activity: 3, accelXG: 0.1 }))).toBe(
      'activity world on the pins · 12.3 s into the run · the cow is grazing',
    );
  });

  it('cuts a long recording after six values and never ends on a separator', () => {
    const values = Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`D${i}`, i % 2]));
    const line = worldLine(state('replay', values));
    expect(line).toBe(
      'a replayed recording on the pins · 12.3 s into the run · D0 0 · D1 1 · D2 0 · D3 1 · ' +
        'D4 0 · D5 1 · +3 more',
    );
    expect(worldLine(state('activity', {}))).toBe(
      'activity world on the pins · 12.3 s into the run',
    );
  });
});

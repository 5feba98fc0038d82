// The logic view and the comparison table rendered by React in jsdom: a waveform per pin that
// changed with its count of changes in the window (fit all, last 2 s, scrolled back), the
// VCD download, and the table's rows, verdicts and relay-overlap line.
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { PinTimeline } from '../board/pinTimeline';
import { ComparisonView } from './ComparisonView';
import { compareTimelines } from './compareTimelines';
import { LogicView } from './LogicView';
import { readVcd } from './vcd';

beforeAll(() => {
  // jsdom has no layout: a test double of ResizeObserver that never reports a size.
  globalThis.ResizeObserver ??= class ResizeObserverTestDouble {
    observe() {}
    unobserve() {}
    disconnect() {}
  } as unknown as typeof ResizeObserver;
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

/** Blink for `seconds`: D13 up and down every 500 ms, and D2 once. */
function blinkTimeline(seconds: number): PinTimeline {
  const t = new PinTimeline();
  for (let ms = 500; ms <= seconds * 1000; ms += 500)
    t.add([{ timeMs: ms, pin: 13, high: (ms / 500) % 2 === 1 }]);
  t.add([{ timeMs: 700, pin: 2, high: true }]);
  t.advanceTo(seconds * 1000);
  return t;
}

const changesOf = (pin: number) =>
  Number(screen.getByTestId(`logic-row-${pin}`).getAttribute('data-changes'));

describe('LogicView', () => {
  it('draws every pin that changed, fit all or the last seconds, scrolled back', () => {
    const t = blinkTimeline(10);
    render(<LogicView timeline={t} version={1} nowMs={10_000} fileStem="blink-uno" comment="" />);
    expect(screen.getByText('D13')).toBeTruthy();
    expect(screen.getByText('D2')).toBeTruthy();
    expect(changesOf(13)).toBe(20);
    expect(screen.getByTestId('logic-row-13').getAttribute('data-level')).toBe('0');
    // The last 2 s: 8.0 (exclusive) to 10.0 s → 8.5, 9.0, 9.5, 10.0.
    fireEvent.change(screen.getByTestId('logic-window'), { target: { value: '2000' } });
    expect(changesOf(13)).toBe(4);
    // Scrolled back to end at 4 s: 2.5 … 4.0 s, and D2's one change is before the window.
    fireEvent.change(screen.getByTestId('logic-scroll'), { target: { value: '4000' } });
    expect(changesOf(13)).toBe(4);
    expect(changesOf(2)).toBe(0);
    expect(screen.getByTestId('logic-row-2').getAttribute('data-level')).toBe('1');
  });

  it('says what it will show before any pin changed, and exports nothing', () => {
    render(
      <LogicView timeline={new PinTimeline()} version={0} nowMs={0} fileStem="x" comment="" />,
    );
    expect(screen.getByText(/shows here as a waveform/)).toBeTruthy();
    expect((screen.getByTestId('logic-export-vcd') as HTMLButtonElement).disabled).toBe(true);
  });

  it('downloads the changes as a VCD that reads back', async () => {
    const blobs: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((b) => {
      blobs.push(b as Blob);
      return 'blob:test';
    });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
    const names: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      names.push(this.download);
    });
    render(
      <LogicView
        timeline={blinkTimeline(3)}
        version={1}
        nowMs={3000}
        fileStem="blink-uno"
        comment="Blink"
      />,
    );
    fireEvent.click(screen.getByTestId('logic-export-vcd'));
    expect(names).toEqual(['blink-uno.vcd']);
    const f = readVcd(await blobs[0].text());
    expect(f.signals.map((s) => s.name)).toEqual(['D2', 'D13']);
    expect(f.endTime).toBe(3_000_000);
    expect(f.changes.filter((c) => c.value !== 'x')).toHaveLength(7);
  });
});

describe('ComparisonView', () => {
  it('lists decided rows with their verdicts, counts the pending, names relay overlaps', () => {
    const sim = [
      { timeMs: 500, pin: 13, high: true },
      { timeMs: 1000, pin: 13, high: false },
      { timeMs: 1500, pin: 13, high: true },
      { timeMs: 0, pin: 11, high: false },
      { timeMs: 0, pin: 12, high: false },
    ];
    const board = [{ timeMs: 498, pin: 13, high: true }];
    const c = compareTimelines(sim, board, {
      toleranceMs: 500,
      simulatorEndMs: 1500,
      boardEndMs: 1600,
      exclusive: { pins: [11, 12], activeLow: true },
    });
    render(<ComparisonView comparison={c} waiting={null} />);
    const rows = screen.getAllByTestId('compare-row');
    expect(rows.map((r) => r.getAttribute('data-verdict'))).toEqual(['within', 'missing']);
    // Times in seconds and the difference in ms, the units in the headings.
    const cells = [...rows[0].querySelectorAll('td')].map((td) => td.textContent);
    expect(cells.slice(4)).toEqual(['0.500', '0.498', '-2']);
    const headings = screen.getAllByRole('columnheader').map((th) => th.textContent);
    expect(headings.slice(4)).toEqual(['simulators', 'virtual Unos', 'Δms']);
    const summary = screen.getByTestId('compare-summary');
    expect(summary.textContent).toMatch(
      /1 within one timer interval \(±500 ms\), 1 not; 1 waiting/,
    );
    expect(summary.textContent).toContain('simulator: D11 and D12 on together from 0.000 s');
  });
});

import { describe, expect, it } from 'vitest';
import { canRedo, canUndo, createHistory, HISTORY_LIMIT, record, redo, undo } from './history';

describe('undo/redo history', () => {
  it('undoes and redoes in order, and a new edit drops the redo branch', () => {
    let h = createHistory('a');
    h = record(h, 'b');
    h = record(h, 'c');
    h = undo(h);
    expect(h.present).toBe('b');
    h = undo(h);
    expect(h.present).toBe('a');
    expect(canUndo(h)).toBe(false);
    h = redo(h);
    expect(h.present).toBe('b');
    h = record(h, 'x');
    expect(canRedo(h)).toBe(false);
    expect(undo(h).present).toBe('b');
  });

  it('coalesces consecutive edits with the same key into one step', () => {
    let h = createHistory(0);
    h = record(h, 1, 'drag:n1');
    h = record(h, 2, 'drag:n1');
    h = record(h, 3, 'drag:n1');
    h = record(h, 4, 'drag:n2');
    expect(undo(h).present).toBe(3);
    expect(undo(undo(h)).present).toBe(0);
  });

  it('keeps at most HISTORY_LIMIT steps', () => {
    let h = createHistory(0);
    for (let i = 1; i <= HISTORY_LIMIT + 50; i++) h = record(h, i);
    expect(h.past).toHaveLength(HISTORY_LIMIT);
    expect(h.past[0]).toBe(50);
  });

  it('ignores an edit that changes nothing', () => {
    const h = createHistory({ v: 1 });
    expect(record(h, h.present)).toBe(h);
  });
});

// Compares what the same graph did to the pins on the simulator and on the virtual Uno: the
// n-th change of each watched output on one side against the n-th on the other, their times,
// the difference and a verdict (within one timer interval or not), and every stretch where two
// outputs that must never be on together (a fridge's two relays) were on together. Pure: the
// comparison view renders what this returns, tests feed it timelines directly.
import { pinUses } from '../board/boardPins';
import type { PinEdge } from '../board/pinTimeline';
import type { Graph } from '../graph-doc/graph';

export type Side = 'simulator' | 'board';

export type Verdict =
  /** Both sides changed the pin the same way within the tolerance. */
  | 'within'
  /** Both changed it, further apart than the tolerance. */
  | 'outside'
  /** Both changed it, to different levels. */
  | 'level'
  /** One side changed it and the other, though its run is past that time, did not. */
  | 'missing'
  /** One side changed it; the other's run has not reached that time yet (no verdict). */
  | 'pending';

export interface CompareRow {
  pin: number;
  /** Which change of this pin (0 = the first). */
  index: number;
  simulator: { timeMs: number; high: boolean } | null;
  board: { timeMs: number; high: boolean } | null;
  /** board − simulator (ms), when both changed. */
  diffMs: number | null;
  verdict: Verdict;
}

/** A stretch of time in which two or more exclusive outputs were on together. */
export interface Overlap {
  side: Side;
  fromMs: number;
  /** null: still on together when the run ended. */
  toMs: number | null;
  pins: number[];
}

export interface Exclusive {
  pins: number[];
  /** "On" is a LOW level (active-low relay modules); an unwritten pin is off either way. */
  activeLow: boolean;
}

export interface CompareOptions {
  /** The outputs to compare; default: every pin that changed on either side. */
  pins?: readonly number[];
  toleranceMs: number;
  /** How far each run has got (ms since its graph started). */
  simulatorEndMs: number;
  boardEndMs: number;
  exclusive?: Exclusive | null;
}

export interface Comparison {
  rows: CompareRow[];
  within: number;
  /** Rows with a verdict other than within or pending. */
  disagree: number;
  pending: number;
  overlaps: Overlap[];
  toleranceMs: number;
}

/** Changes from `startMs` on, with times counted from there (the graph's start on the board). */
export function sinceStart(changes: readonly PinEdge[], startMs: number): PinEdge[] {
  return changes
    .filter((c) => c.timeMs >= startMs)
    .map((c) => ({ ...c, timeMs: c.timeMs - startMs }));
}

/**
 * Each pin's changes. An Uno's pins start LOW, so a pin's first change to LOW changes nothing
 * a relay or LED shows: it is left out on both sides (the board records one when the firmware
 * makes the pin an output, the simulator only when the graph first writes it).
 */
function byPin(changes: readonly PinEdge[]): Map<number, PinEdge[]> {
  const m = new Map<number, PinEdge[]>();
  for (const c of changes) {
    const list = m.get(c.pin) ?? [];
    if (list.length === 0 && !c.high) {
      m.set(c.pin, list);
      continue;
    }
    list.push(c);
    m.set(c.pin, list);
  }
  return m;
}

/** Stretches where at least two of the exclusive pins were on at once. */
export function overlaps(changes: readonly PinEdge[], exclusive: Exclusive, side: Side): Overlap[] {
  const on = new Map<number, boolean>();
  const found: Overlap[] = [];
  let open: Overlap | null = null;
  const sorted = changes
    .filter((c) => exclusive.pins.includes(c.pin))
    .sort((a, b) => a.timeMs - b.timeMs);
  for (let i = 0; i < sorted.length; i++) {
    const c = sorted[i];
    on.set(c.pin, c.high !== exclusive.activeLow);
    // Changes at the same instant count as one step (a swap at one time is no overlap).
    if (i + 1 < sorted.length && sorted[i + 1].timeMs === c.timeMs) continue;
    const together = exclusive.pins.filter((p) => on.get(p));
    if (together.length >= 2 && !open) {
      open = { side, fromMs: c.timeMs, toMs: null, pins: together };
      found.push(open);
    } else if (together.length < 2 && open) {
      open.toMs = c.timeMs;
      open = null;
    }
  }
  return found;
}

export function compareTimelines(
  simulator: readonly PinEdge[],
  board: readonly PinEdge[],
  options: CompareOptions,
): Comparison {
  const sim = byPin(simulator);
  const brd = byPin(board);
  const pins = options.pins ?? [...new Set([...sim.keys(), ...brd.keys()])].sort((a, b) => a - b);
  const tol = options.toleranceMs;
  const rows: CompareRow[] = [];
  for (const pin of pins) {
    const a = sim.get(pin) ?? [];
    const b = brd.get(pin) ?? [];
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      const s = a[i] ? { timeMs: a[i].timeMs, high: a[i].high } : null;
      const d = b[i] ? { timeMs: b[i].timeMs, high: b[i].high } : null;
      let verdict: Verdict;
      let diffMs: number | null = null;
      if (s && d) {
        diffMs = d.timeMs - s.timeMs;
        verdict = s.high !== d.high ? 'level' : Math.abs(diffMs) <= tol ? 'within' : 'outside';
      } else {
        // Only one side changed: a verdict once the other run is past the change plus the
        // tolerance (it could still come within it), else wait.
        const seen = (s ?? d)!;
        const otherEnd = s ? options.boardEndMs : options.simulatorEndMs;
        verdict = otherEnd > seen.timeMs + tol ? 'missing' : 'pending';
      }
      rows.push({ pin, index: i, simulator: s, board: d, diffMs, verdict });
    }
  }
  const first = (r: CompareRow) =>
    Math.min(r.simulator?.timeMs ?? Infinity, r.board?.timeMs ?? Infinity);
  rows.sort((x, y) => first(x) - first(y) || x.pin - y.pin);
  const found = options.exclusive
    ? [
        ...overlaps(simulator, options.exclusive, 'simulator'),
        ...overlaps(board, options.exclusive, 'board'),
      ]
    : [];
  const count = (v: Verdict) => rows.filter((r) => r.verdict === v).length;
  return {
    rows,
    within: count('within'),
    pending: count('pending'),
    disagree: rows.length - count('within') - count('pending'),
    overlaps: found,
    toleranceMs: tol,
  };
}

/** Used when a graph has no Timer: one second. */
export const DEFAULT_TOLERANCE_MS = 1000;

/**
 * What to compare for a graph: its digital outputs; the tolerance, one timer interval (the
 * shortest Timer INTERVAL, since outputs change on timer ticks); and, when a BreakBeforeMake
 * drives relays, those outputs as exclusive active-low relays (docs/world.md).
 */
export function comparisonSetup(graph: Graph): {
  pins: number[];
  toleranceMs: number;
  exclusive: Exclusive | null;
} {
  const pins = [
    ...new Set(
      pinUses(graph)
        .filter((u) => u.role === 'digital-out')
        .map((u) => u.pin),
    ),
  ];
  const timers = new Set(graph.nodes.filter((n) => n.component === 'Timer').map((n) => n.id));
  const intervals = graph.iips
    .filter((i) => timers.has(i.tgt.node) && i.tgt.port.toLowerCase() === 'interval')
    .map((i) => Number(i.data))
    .filter((v) => Number.isFinite(v) && v > 0);
  const relays = graph.nodes.some((n) => n.component === 'BreakBeforeMake') && pins.length >= 2;
  return {
    pins,
    toleranceMs: intervals.length ? Math.min(...intervals) : DEFAULT_TOLERANCE_MS,
    exclusive: relays ? { pins, activeLow: true } : null,
  };
}

// IEEE 1364 value change dumps (VCD) of a board's digital pins: the logic view's export, which
// PulseView and GTKWave open. One 1-bit wire per pin (D2, D13, A0 ...) in `$scope module uno`,
// times in whole ticks of the chosen timescale. A small reader beside the writer parses what
// the writer (or another tool) wrote, so tests check the file as a viewer would read it.
import { pinLabel } from '../board/boardPins';
import type { PinEdge } from '../board/pinTimeline';

export type VcdTimescale = '1us' | '1ns';

const TICKS_PER_MS: Record<VcdTimescale, number> = { '1us': 1_000, '1ns': 1_000_000 };

export interface VcdOptions {
  timescale?: VcdTimescale;
  /** Pins to declare even when they never changed; every pin that changed is declared anyway. */
  pins?: readonly number[];
  /** The dump ends here (ms): a viewer shows the last levels up to this time. */
  endMs?: number;
  /** Named in `$scope module`; `uno` unless told. */
  module?: string;
  /** A line for `$comment` (what ran, where). */
  comment?: string;
  /** A pin's wire name (default the Uno's: D13, A0 for 14); a Mega's A0 is pin 54. */
  label?: (pin: number) => string;
}

/**
 * The n-th short identifier: printable ASCII '!'..'~' (94 codes), then two characters and so on
 * (bijective base 94), so any number of signals gets a unique code.
 */
export function vcdIdentifier(n: number): string {
  let s = '';
  let k = n + 1;
  while (k > 0) {
    k -= 1;
    s = String.fromCharCode(33 + (k % 94)) + s;
    k = Math.floor(k / 94);
  }
  return s;
}

/** The dump of `changes` (run time order; equal times keep their order). */
export function writeVcd(changes: readonly PinEdge[], options: VcdOptions = {}): string {
  const timescale = options.timescale ?? '1us';
  const perMs = TICKS_PER_MS[timescale];
  const pins = [...new Set([...(options.pins ?? []), ...changes.map((c) => c.pin)])].sort(
    (a, b) => a - b,
  );
  const ids = new Map(pins.map((pin, i) => [pin, vcdIdentifier(i)]));
  const out: string[] = [];
  if (options.comment) out.push(`$comment ${options.comment.replace(/\$end/g, '')} $end`);
  out.push('$version emflow $end', `$timescale ${timescale} $end`);
  out.push(`$scope module ${options.module ?? 'uno'} $end`);
  const label = options.label ?? pinLabel;
  for (const pin of pins) out.push(`$var wire 1 ${ids.get(pin)} ${label(pin)} $end`);
  out.push('$upscope $end', '$enddefinitions $end');
  // Every wire starts unknown ('x') until the run first writes it.
  out.push('#0', '$dumpvars', ...pins.map((pin) => `x${ids.get(pin)}`), '$end');
  const sorted = changes
    .map((c, i) => ({ c, i, tick: Math.round(c.timeMs * perMs) }))
    .sort((a, b) => a.tick - b.tick || a.i - b.i);
  let tick = 0;
  for (const { c, tick: t } of sorted) {
    if (t !== tick) out.push(`#${t}`);
    tick = t;
    out.push(`${c.high ? 1 : 0}${ids.get(c.pin)}`);
  }
  const end = options.endMs === undefined ? tick : Math.round(options.endMs * perMs);
  if (end > tick) out.push(`#${end}`);
  return `${out.join('\n')}\n`;
}

export interface VcdSignal {
  id: string;
  name: string;
  /** Enclosing scopes, outermost first ("uno"). */
  scope: string[];
  width: number;
}

export interface VcdChange {
  /** In ticks of the timescale. */
  time: number;
  id: string;
  value: string;
}

export interface VcdFile {
  /** e.g. { magnitude: 1, unit: 'us' } */
  timescale: { magnitude: number; unit: string };
  signals: VcdSignal[];
  changes: VcdChange[];
  /** The last `#time` in the file. */
  endTime: number;
}

const UNITS = ['s', 'ms', 'us', 'ns', 'ps', 'fs'];

/** Parses a dump; throws with the token's line on anything a viewer would reject. */
export function readVcd(text: string): VcdFile {
  const tokens: Array<{ t: string; line: number }> = [];
  text.split('\n').forEach((l, i) => {
    for (const t of l.split(/\s+/)) if (t) tokens.push({ t, line: i + 1 });
  });
  let pos = 0;
  const fail = (message: string, at = tokens[Math.min(pos, tokens.length - 1)]) => {
    throw new Error(`VCD line ${at?.line ?? 0}: ${message}`);
  };
  /** The tokens up to the next $end (consumed). */
  const untilEnd = (): string[] => {
    const body: string[] = [];
    while (pos < tokens.length && tokens[pos].t !== '$end') body.push(tokens[pos++].t);
    if (pos >= tokens.length) fail('a section is not closed with $end');
    pos += 1;
    return body;
  };
  const file: VcdFile = {
    timescale: { magnitude: 1, unit: 's' },
    signals: [],
    changes: [],
    endTime: 0,
  };
  const scope: string[] = [];
  const known = new Set<string>();
  let defined = false;
  let time = 0;
  while (pos < tokens.length) {
    const { t } = tokens[pos++];
    if (!defined) {
      switch (t) {
        case '$timescale': {
          const m = /^(1|10|100)\s*([a-z]+)$/.exec(untilEnd().join(' '));
          if (!m || !UNITS.includes(m[2])) fail('bad $timescale');
          file.timescale = { magnitude: Number(m![1]), unit: m![2] };
          break;
        }
        case '$scope':
          scope.push(untilEnd()[1] ?? fail('$scope without a name'));
          break;
        case '$upscope':
          untilEnd();
          if (scope.pop() === undefined) fail('$upscope outside a scope');
          break;
        case '$var': {
          const [, size, id, name] = untilEnd();
          if (!name || !(Number(size) >= 1)) fail('bad $var');
          if (known.has(id)) fail(`identifier ${id} declared twice`);
          known.add(id);
          file.signals.push({ id, name, scope: [...scope], width: Number(size) });
          break;
        }
        case '$enddefinitions':
          untilEnd();
          if (scope.length) fail('$enddefinitions inside a scope');
          defined = true;
          break;
        default:
          if (t.startsWith('$')) untilEnd();
          else fail(`"${t}" before $enddefinitions`);
      }
      continue;
    }
    if (t.startsWith('#')) {
      const next = Number(t.slice(1));
      if (!Number.isInteger(next) || next < 0) fail(`bad time ${t}`);
      if (next < time) fail(`time goes back from #${time} to ${t}`);
      time = next;
      file.endTime = time;
    } else if (t === '$dumpvars' || t === '$dumpall' || t === '$dumpon' || t === '$dumpoff') {
      // Value changes follow up to their own $end.
    } else if (t === '$end') {
      // The end of a $dumpvars block.
    } else if (t.startsWith('$')) {
      untilEnd();
    } else if (/^[bBrR]/.test(t)) {
      const id = tokens[pos++]?.t;
      if (!id || !known.has(id)) fail(`value for an undeclared identifier ${id}`);
      file.changes.push({ time, id, value: t.slice(1) });
    } else {
      const value = t[0];
      const id = t.slice(1);
      if (!/[01xXzZ]/.test(value)) fail(`bad value "${t}"`);
      if (!known.has(id)) fail(`value for an undeclared identifier ${id}`);
      file.changes.push({ time, id, value: value.toLowerCase() });
    }
  }
  if (!defined) fail('no $enddefinitions');
  return file;
}

// The logic view: one compact waveform per digital pin that changed, on the run's time axis —
// all of the run, or a few seconds of it (the latest, or scrolled back with the slider) — like
// a logic analyser's screen, and the export of
// the same changes as a VCD file (vcd.ts) for PulseView or GTKWave.
import { useEffect, useRef, useState } from 'react';
import { pinLabel } from '../board/boardPins';
import type { PinTimeline } from '../board/pinTimeline';
import { downloadText } from '../files/download';
import { writeVcd } from './vcd';

const WINDOWS = [
  { value: 0, label: 'fit all' },
  { value: 10_000, label: 'last 10 s' },
  { value: 2_000, label: 'last 2 s' },
];
const LABEL_W = 38;
const ROW_H = 20;
const AXIS_H = 16;

interface Props {
  timeline: PinTimeline;
  /** Bumps when the timeline changed (it changes in place). */
  version: number;
  /** Where the run has got: the axis ends here. */
  nowMs: number;
  /** The VCD file's name, without ".vcd". */
  fileStem: string;
  /** Says what ran where, in the file's $comment. */
  comment: string;
  testId?: string;
  /** A pin's name (default the Uno's: D13, A0 for 14); a Mega's A0 is pin 54. */
  label?: (pin: number) => string;
  /** The VCD's `$scope module` (default `uno`). */
  module?: string;
}

/** A round tick step (1, 2 or 5 × 10^k ms) giving about `count` ticks over `spanMs`. */
export function tickStep(spanMs: number, count: number): number {
  const raw = Math.max(spanMs / Math.max(count, 1), 1e-3);
  const base = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 5, 10].map((m) => m * base).find((s) => s >= raw) ?? 10 * base;
}

function seconds(ms: number, step: number): string {
  const digits = step >= 1000 ? 0 : step >= 100 ? 1 : step >= 10 ? 2 : 3;
  return `${(ms / 1000).toFixed(digits)} s`;
}

export function LogicView(props: Props) {
  const { timeline, version, nowMs, fileStem, comment, testId, label = pinLabel, module } = props;
  const box = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(400);
  const [windowMs, setWindowMs] = useState(0);
  /** Where a window ends when scrolled back; null: it follows the run's latest time. */
  const [anchorMs, setAnchorMs] = useState<number | null>(null);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setWidth(Math.max(120, el.clientWidth)));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const changes = timeline.changes;
  const pins = timeline.pins();
  const endMs = Math.max(nowMs, timeline.endMs, changes.length ? changes[0].timeMs + 1 : 1);
  // "fit all" runs from time 0 (power on, or the simulator's start): a change at the very
  // first instant still shows as an edge.
  const runStartMs = 0;
  const scrollable = windowMs > 0 && endMs - runStartMs > windowMs;
  const viewEndMs = scrollable && anchorMs !== null ? Math.min(anchorMs, endMs) : endMs;
  const startMs = windowMs > 0 ? Math.max(0, viewEndMs - windowMs) : runStartMs;
  const span = Math.max(viewEndMs - startMs, 1);
  const plotW = Math.max(width - LABEL_W - 8, 40);
  const x = (ms: number) => LABEL_W + ((ms - startMs) / span) * plotW;
  const height = AXIS_H + pins.length * ROW_H + 4;
  const step = tickStep(span, Math.max(2, Math.floor(plotW / 90)));
  const ticks: number[] = [];
  for (let t = Math.ceil(startMs / step) * step; t <= viewEndMs; t += step) ticks.push(t);

  const exportVcd = () =>
    downloadText(
      `${fileStem}.vcd`,
      writeVcd(changes, { endMs, comment, label, module, pins: pins.length ? pins : undefined }),
      'text/x-vcd',
    );

  return (
    <div className="logic-view" data-testid={testId ?? 'logic-view'} data-version={version}>
      <div className="logic-bar small">
        <span className="muted">
          logic · {pins.length ? `${changes.length} changes` : 'no pin changed yet'}
        </span>
        {timeline.dropped > 0 && (
          <span className="warn" title="the oldest changes were dropped to bound memory">
            {timeline.dropped} oldest dropped
          </span>
        )}
        <span className="spacer" />
        <select
          value={String(windowMs)}
          onChange={(e) => {
            setWindowMs(Number(e.target.value));
            setAnchorMs(null);
          }}
          aria-label="Time window"
          data-testid="logic-window"
        >
          {WINDOWS.map((w) => (
            <option key={w.value} value={String(w.value)}>
              {w.label}
            </option>
          ))}
        </select>
        {scrollable && (
          <input
            type="range"
            className="logic-scroll"
            min={Math.round(runStartMs + windowMs)}
            max={Math.round(endMs)}
            value={Math.round(viewEndMs)}
            onChange={(e) => {
              const v = Number(e.target.value);
              // Back at the end: follow the run again.
              setAnchorMs(v >= Math.round(endMs) ? null : v);
            }}
            aria-label="Scroll through the run"
            title="Scroll back through the run (at the right end the view follows it)"
            data-testid="logic-scroll"
          />
        )}
        <button
          className="btn small"
          onClick={exportVcd}
          disabled={changes.length === 0}
          title="Value change dump (IEEE 1364) of these pins: opens in PulseView or GTKWave"
          data-testid="logic-export-vcd"
        >
          ⤓ VCD
        </button>
      </div>
      <div className="logic-plot" ref={box}>
        {pins.length === 0 && (
          <p className="muted small logic-empty">
            Every pin the graph drives shows here as a waveform once it changes.
          </p>
        )}
        <svg
          style={pins.length === 0 ? { display: 'none' } : undefined}
          width={width}
          height={height}
          role="img"
          aria-label="Pin levels over time"
        >
          {ticks.map((t) => (
            <g key={t}>
              <line className="logic-grid" x1={x(t)} x2={x(t)} y1={AXIS_H - 3} y2={height} />
              <text className="logic-tick" x={x(t) + 2} y={AXIS_H - 5}>
                {seconds(t, step)}
              </text>
            </g>
          ))}
          {pins.map((pin, row) => {
            const top = AXIS_H + row * ROW_H + 4;
            const hi = top;
            const lo = top + ROW_H - 8;
            let d = '';
            let level: boolean | null = null;
            let count = 0;
            for (const c of changes) {
              if (c.pin !== pin) continue;
              if (c.timeMs <= startMs) {
                level = c.high;
                continue;
              }
              if (c.timeMs > viewEndMs) break;
              const cx = x(c.timeMs).toFixed(1);
              if (level === null) d += `M${cx},${c.high ? hi : lo}`;
              else d += `${d ? '' : `M${LABEL_W},${level ? hi : lo}`}H${cx}V${c.high ? hi : lo}`;
              level = c.high;
              count += 1;
            }
            if (level !== null) {
              if (!d) d = `M${LABEL_W},${level ? hi : lo}`;
              d += `H${x(viewEndMs).toFixed(1)}`;
            }
            return (
              <g
                key={pin}
                data-testid={`logic-row-${pin}`}
                data-changes={count}
                data-level={level === null ? '' : level ? 1 : 0}
              >
                <text className="logic-label" x={2} y={lo}>
                  {label(pin)}
                </text>
                <path className={`logic-wave ${level ? 'high' : ''}`} d={d} />
              </g>
            );
          })}
        </svg>
      </div>
    </div>
  );
}

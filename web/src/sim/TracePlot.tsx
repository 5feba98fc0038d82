// The world's signals over virtual time (uPlot): compartment air, contents and thermometer
// temperature, the hysteresis thresholds, and the compressor/door state on a second axis.
import { useEffect, useImperativeHandle, useRef, type Ref } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { plotToPng } from './plotPng';
import { decimate, formatClock, type TraceSeries } from './traceSeries';

/** Points drawn at most (the plot is ~1000 px wide); redraws at most this often. */
const MAX_DRAWN = 2400;
const REDRAW_MS = 200;

export interface Thresholds {
  low: number | null;
  high: number | null;
}

export interface TracePlotHandle {
  /** The plot as a PNG data URL (with a background, axes and a legend line). */
  toPng(): string | null;
}

interface Props {
  trace: TraceSeries;
  dataVersion: number;
  thresholds: Thresholds;
  dark: boolean;
  ref?: Ref<TracePlotHandle>;
}

const LINES = [
  { key: 'airC', label: 'air °C', color: '#4fa3ff', width: 2 },
  { key: 'contentsC', label: 'contents °C', color: '#a78bfa', width: 1.5 },
  { key: 'sensorC', label: 'thermometer °C', color: '#34d399', width: 1 },
] as const;

function columns(full: TraceSeries, t: Thresholds): uPlot.AlignedData {
  const trace = decimate(full, MAX_DRAWN);
  const n = trace.timeMs.length;
  const s = (k: string) => trace.series[k] ?? new Array<number>(n).fill(NaN);
  const constant = (v: number | null) => new Array<number | null>(n).fill(v);
  return [
    trace.timeMs.map((ms) => ms / 1000),
    ...LINES.map((l) => s(l.key)),
    constant(t.low),
    constant(t.high),
    s('compressorOn'),
    s('doorOpen'),
  ] as uPlot.AlignedData;
}

export function TracePlot({ trace, dataVersion, thresholds, dark, ref }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);

  useImperativeHandle(ref, () => ({
    toPng() {
      return plot.current ? plotToPng(plot.current, dark) : null;
    },
  }));

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const axisColor = dark ? '#9aa3b2' : '#4b5563';
    const grid = { stroke: dark ? '#2a2f3a' : '#e5e7eb', width: 1 };
    const opts: uPlot.Options = {
      width: Math.max(200, el.clientWidth),
      height: Math.max(120, el.clientHeight - 30),
      scales: { x: { time: false }, state: { range: [0, 4] } },
      legend: { live: true },
      cursor: { drag: { x: true, y: false } },
      axes: [
        {
          stroke: axisColor,
          grid,
          values: (_u, splits) => splits.map((s) => formatClock(s * 1000)),
          size: 30,
        },
        { stroke: axisColor, grid, label: '°C', size: 44 },
        {
          scale: 'state',
          side: 1,
          stroke: axisColor,
          grid: { show: false },
          values: () => [],
          size: 10,
        },
      ],
      series: [
        { label: 'time', value: (_u, v) => (v == null ? '—' : formatClock(v * 1000)) },
        ...LINES.map((l) => ({ label: l.label, stroke: l.color, width: l.width, spanGaps: true })),
        { label: 'low', stroke: '#60a5fa', dash: [6, 4], width: 1 },
        { label: 'high', stroke: '#f87171', dash: [6, 4], width: 1 },
        {
          label: 'compressor',
          stroke: '#f59e0b',
          fill: 'rgba(245,158,11,0.12)',
          scale: 'state',
          width: 1,
          paths: uPlot.paths.stepped!({ align: 1 }),
        },
        {
          label: 'door',
          stroke: '#e879f9',
          scale: 'state',
          width: 1,
          paths: uPlot.paths.stepped!({ align: 1 }),
        },
      ],
    };
    const u = new uPlot(opts, columns(trace, thresholds), el);
    plot.current = u;
    const ro = new ResizeObserver(() =>
      u.setSize({
        width: Math.max(200, el.clientWidth),
        height: Math.max(120, el.clientHeight - 30),
      }),
    );
    ro.observe(el);
    return () => {
      ro.disconnect();
      u.destroy();
      plot.current = null;
    };
    // Rebuilt only when the theme changes; data goes through setData below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [dark]);

  // Samples arrive every frame at high speed: redraw a few times a second, not 60.
  const lastDraw = useRef(0);
  useEffect(() => {
    const draw = () => {
      lastDraw.current = performance.now();
      plot.current?.setData(columns(trace, thresholds));
    };
    const wait = REDRAW_MS - (performance.now() - lastDraw.current);
    if (wait <= 0) {
      draw();
      return;
    }
    const t = setTimeout(draw, wait);
    return () => clearTimeout(t);
  }, [trace, dataVersion, thresholds]);

  return (
    <div className="plot-box">
      <div
        className="trace-plot"
        ref={box}
        data-testid="trace-plot"
        data-samples={trace.timeMs.length}
      />
      {trace.timeMs.length === 0 && (
        <div className="plot-empty">
          Run the simulation to plot the fridge’s temperature and relays.
        </div>
      )}
    </div>
  );
}

// The activity world over virtual time (uPlot): the accelerometer's three axes (g, lower half,
// left axis) and, above them, the true activity against the class the classifier predicted
// (stepped lines on the right axis, labelled with the activity names).
import { useEffect, useImperativeHandle, useRef, type Ref } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { predictedOn } from './activityStats';
import type { PredictionSeries } from './engineSession';
import { plotToPng } from './plotPng';
import type { TracePlotHandle } from './TracePlot';
import { decimate, formatClock, type TraceSeries } from './traceSeries';
import { ACTIVITIES } from './worlds';

const MAX_DRAWN = 2400;
const REDRAW_MS = 200;

interface Props {
  trace: TraceSeries;
  predictions: PredictionSeries | undefined;
  dataVersion: number;
  dark: boolean;
  ref?: Ref<TracePlotHandle>;
}

const AXES = [
  { key: 'accelXG', label: 'x g', color: '#4fa3ff' },
  { key: 'accelYG', label: 'y g', color: '#34d399' },
  { key: 'accelZG', label: 'z g', color: '#a78bfa' },
] as const;

function columns(full: TraceSeries, predictions: PredictionSeries | undefined): uPlot.AlignedData {
  // Keep the extremes of the vertical axis, where walking and grazing show.
  const trace = decimate(full, MAX_DRAWN, 'accelZG');
  const n = trace.timeMs.length;
  const s = (k: string) => trace.series[k] ?? new Array<number>(n).fill(NaN);
  return [
    trace.timeMs.map((ms) => ms / 1000),
    ...AXES.map((a) => s(a.key)),
    s('activity'),
    predictedOn(trace.timeMs, predictions),
  ] as uPlot.AlignedData;
}

const className = (v: number | null | undefined) =>
  v == null || !Number.isFinite(v) ? '—' : (ACTIVITIES[v] ?? `class ${v}`);

export function ActivityPlot({ trace, predictions, dataVersion, dark, ref }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);

  useImperativeHandle(ref, () => ({
    toPng: () => (plot.current ? plotToPng(plot.current, dark) : null),
  }));

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const axisColor = dark ? '#9aa3b2' : '#4b5563';
    const grid = { stroke: dark ? '#2a2f3a' : '#e5e7eb', width: 1 };
    const size = () => ({
      width: Math.max(200, el.clientWidth),
      height: Math.max(120, el.clientHeight - 30),
    });
    const opts: uPlot.Options = {
      ...size(),
      // Accelerations fill the lower half, the five classes the upper half.
      scales: { x: { time: false }, g: { range: [-1.3, 4.7] }, act: { range: [-3.4, 4.4] } },
      legend: { live: true },
      cursor: { drag: { x: true, y: false } },
      axes: [
        {
          stroke: axisColor,
          grid,
          values: (_u, splits) => splits.map((v) => formatClock(v * 1000)),
          size: 30,
        },
        {
          scale: 'g',
          stroke: axisColor,
          grid,
          label: 'g',
          size: 40,
          splits: () => [-1, 0, 1],
        },
        {
          scale: 'act',
          side: 1,
          stroke: axisColor,
          grid: { show: false },
          size: 76,
          splits: () => ACTIVITIES.map((_, i) => i),
          values: (_u, splits) => splits.map((v) => className(v)),
        },
      ],
      series: [
        { label: 'time', value: (_u, v) => (v == null ? '—' : formatClock(v * 1000)) },
        ...AXES.map((a) => ({ label: a.label, stroke: a.color, width: 1, scale: 'g' })),
        {
          label: 'true activity',
          stroke: '#f59e0b',
          width: 5,
          alpha: 0.45,
          scale: 'act',
          paths: uPlot.paths.stepped!({ align: 1 }),
          value: (_u, v) => className(v),
        },
        {
          label: 'predicted',
          stroke: '#f43f5e',
          width: 1.5,
          scale: 'act',
          paths: uPlot.paths.stepped!({ align: 1 }),
          value: (_u, v) => className(v),
        },
      ],
    };
    const u = new uPlot(opts, columns(trace, predictions), el);
    plot.current = u;
    const ro = new ResizeObserver(() => u.setSize(size()));
    ro.observe(el);
    return () => {
      ro.disconnect();
      u.destroy();
      plot.current = null;
    };
    // Rebuilt only when the theme changes; data goes through setData below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [dark]);

  const lastDraw = useRef(0);
  useEffect(() => {
    const draw = () => {
      lastDraw.current = performance.now();
      plot.current?.setData(columns(trace, predictions));
    };
    const wait = REDRAW_MS - (performance.now() - lastDraw.current);
    if (wait <= 0) {
      draw();
      return;
    }
    const t = setTimeout(draw, wait);
    return () => clearTimeout(t);
  }, [trace, predictions, dataVersion]);

  return (
    <div className="plot-box">
      <div
        className="trace-plot"
        ref={box}
        data-testid="activity-plot"
        data-samples={trace.timeMs.length}
      />
      {trace.timeMs.length === 0 && (
        <div className="plot-empty">
          Run the simulation to plot the accelerometer and the classifier’s predictions.
        </div>
      )}
    </div>
  );
}

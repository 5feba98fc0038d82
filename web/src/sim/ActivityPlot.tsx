// The activity world over virtual time (uPlot): the accelerometer's three axes (g, lower half,
// left axis) and, above them, the true activity against the class the classifier predicted
// (stepped lines on the right axis, labelled with the activity names).
import type { Ref } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { predictedOn } from './activityStats';
import type { PredictionSeries } from './engineSession';
import { PlotBox } from './PlotBox';
import { decimate, type TraceSeries } from './traceSeries';
import { clockColumn, useClockPlot } from './useClockPlot';
import type { PlotHandle } from './useLivePlot';
import { ACTIVITIES } from './worlds';

const MAX_DRAWN = 2400;

interface Props {
  trace: TraceSeries;
  predictions: PredictionSeries | undefined;
  dataVersion: number;
  dark: boolean;
  ref?: Ref<PlotHandle>;
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
    clockColumn(trace),
    ...AXES.map((a) => s(a.key)),
    s('activity'),
    predictedOn(trace.timeMs, predictions),
  ] as uPlot.AlignedData;
}

const className = (v: number | null | undefined) =>
  v == null || !Number.isFinite(v) ? '—' : (ACTIVITIES[v] ?? `class ${v}`);

export function ActivityPlot({ trace, predictions, dataVersion, dark, ref }: Props) {
  const box = useClockPlot(
    ({ axisColor, grid }) => ({
      // Accelerations fill the lower half, the five classes the upper half.
      scales: { g: { range: [-1.3, 4.7] }, act: { range: [-3.4, 4.4] } },
      axes: [
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
    }),
    () => columns(trace, predictions),
    dark,
    [trace, predictions, dataVersion],
    ref,
  );

  return (
    <PlotBox
      box={box}
      testId="activity-plot"
      samples={trace.timeMs.length}
      empty="Run the simulation to plot the accelerometer and the classifier’s predictions."
    />
  );
}

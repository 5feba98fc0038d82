// The world's signals over virtual time (uPlot): compartment air, contents and thermometer
// temperature, the hysteresis thresholds, and the compressor/door state on a second axis.
import type { Ref } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { PlotBox } from './PlotBox';
import { decimate, type TraceSeries } from './traceSeries';
import { clockColumn, useClockPlot } from './useClockPlot';
import type { PlotHandle } from './useLivePlot';

/** Points drawn at most (the plot is ~1000 px wide). */
const MAX_DRAWN = 2400;

export interface Thresholds {
  low: number | null;
  high: number | null;
}

export type TracePlotHandle = PlotHandle;

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
    clockColumn(trace),
    ...LINES.map((l) => s(l.key)),
    constant(t.low),
    constant(t.high),
    s('compressorOn'),
    s('doorOpen'),
  ] as uPlot.AlignedData;
}

export function TracePlot({ trace, dataVersion, thresholds, dark, ref }: Props) {
  const box = useClockPlot(
    ({ axisColor, grid }) => ({
      scales: { state: { range: [0, 4] } },
      axes: [
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
        ...LINES.map((l) => ({
          label: l.label,
          stroke: l.color,
          width: l.width,
          spanGaps: true,
        })),
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
    }),
    () => columns(trace, thresholds),
    dark,
    [trace, dataVersion, thresholds],
    ref,
  );

  return (
    <PlotBox
      box={box}
      testId="trace-plot"
      samples={trace.timeMs.length}
      empty="Run the simulation to plot the fridge’s temperature and relays."
    />
  );
}

// The replay world's signals over virtual time (uPlot): every column of the recording as the
// engine fed it to the pins (analog counts on the left axis, DS18B20 °C on the right, digital
// levels and labels as steps), plus the pins the graph wrote, so a user sees the graph follow
// the recording.
import type { Ref } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { PlotBox } from './PlotBox';
import { decimate, type TraceSeries } from './traceSeries';
import { clockColumn, useClockPlot } from './useClockPlot';
import type { PlotHandle } from './useLivePlot';

const MAX_DRAWN = 2400;
const COLORS = ['#4fa3ff', '#34d399', '#f59e0b', '#a78bfa', '#f87171', '#e879f9', '#22d3ee'];

interface Props {
  trace: TraceSeries;
  dataVersion: number;
  /** The series to draw: the recording's columns, then the pins the graph wrote. */
  columns: readonly string[];
  dark: boolean;
  ref?: Ref<PlotHandle>;
}

/** Which scale a series is drawn on: counts, °C or a 0/1 state. */
function scaleOf(name: string): 'counts' | 'celsius' | 'state' {
  if (/^a\d$/i.test(name)) return 'counts';
  if (/^t\d+$/i.test(name)) return 'celsius';
  return 'state';
}

export function ReplayPlot({ trace, dataVersion, columns, dark, ref }: Props) {
  const box = useClockPlot(
    ({ axisColor, grid }) => ({
      scales: { state: { range: [-0.1, 4] } },
      axes: [
        { scale: 'counts', stroke: axisColor, grid, label: 'ADC counts', size: 50 },
        { scale: 'celsius', side: 1, stroke: axisColor, grid: { show: false }, label: '°C' },
      ],
      series: columns.map((name, i) => {
        const scale = scaleOf(name);
        return {
          label: name,
          stroke: COLORS[i % COLORS.length],
          width: scale === 'state' ? 1 : 2,
          scale,
          spanGaps: true,
          ...(scale === 'celsius' || scale === 'counts'
            ? {}
            : { paths: uPlot.paths.stepped!({ align: 1 }) }),
        };
      }),
    }),
    () => {
      const t = decimate(trace, MAX_DRAWN);
      const n = t.timeMs.length;
      return [
        clockColumn(t),
        ...columns.map((c) => t.series[c] ?? new Array<number>(n).fill(NaN)),
      ] as uPlot.AlignedData;
    },
    dark,
    [trace, dataVersion, columns],
    ref,
  );
  return (
    <PlotBox
      box={box}
      testId="replay-plot"
      samples={trace.timeMs.length}
      empty="Run the simulation to replay the recording."
    />
  );
}

// What the world plots (fridge, activity, replay) share beyond useLivePlot's life cycle: the
// virtual clock on the x axis (seconds, labelled h:mm:ss), the legend's time column, the live
// legend and x-only zoom, so each plot states only its own scales, axes and series.
import type { Ref } from 'react';
import type uPlot from 'uplot';
import { formatClock, type TraceSeries } from './traceSeries';
import { plotColors, plotSize, useLivePlot, type PlotHandle } from './useLivePlot';

/** A plot's own part: scales besides x, axes and series after the clock's. */
export interface ClockPlotSpec {
  scales: uPlot.Scales;
  axes: uPlot.Axis[];
  series: uPlot.Series[];
}

/** The full uPlot options of a plot over virtual time in `el`. */
export function clockPlotOptions(
  el: HTMLElement,
  own: ClockPlotSpec,
  dark: boolean,
): uPlot.Options {
  const { axisColor, grid } = plotColors(dark);
  return {
    ...plotSize(el),
    scales: { x: { time: false }, ...own.scales },
    legend: { live: true },
    cursor: { drag: { x: true, y: false } },
    axes: [
      {
        stroke: axisColor,
        grid,
        values: (_u, splits) => splits.map((s) => formatClock(s * 1000)),
        size: 30,
      },
      ...own.axes,
    ],
    series: [
      { label: 'time', value: (_u, v) => (v == null ? '—' : formatClock(v * 1000)) },
      ...own.series,
    ],
  };
}

/** The x column of a (decimated) trace: virtual time in seconds. */
export function clockColumn(trace: TraceSeries): number[] {
  return trace.timeMs.map((ms) => ms / 1000);
}

/**
 * useLivePlot for a plot over virtual time: `own(colors)` gives the plot's scales, axes and
 * series (rebuilt when the theme changes), `data()` its columns after clockColumn.
 */
export function useClockPlot(
  own: (colors: ReturnType<typeof plotColors>) => ClockPlotSpec,
  data: () => uPlot.AlignedData,
  dark: boolean,
  dataDeps: unknown[],
  ref: Ref<PlotHandle> | undefined,
) {
  return useLivePlot(
    (el) => clockPlotOptions(el, own(plotColors(dark)), dark),
    data,
    dark,
    dataDeps,
    ref,
  );
}

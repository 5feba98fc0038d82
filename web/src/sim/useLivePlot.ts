// The life cycle both world plots share: a uPlot built in a box (rebuilt when the theme
// changes), sized to the box as it resizes, fed new data at most every REDRAW_MS — samples
// arrive every animation frame at high speed, and redrawing 60 times a second would cost more
// than the simulation — and exported as a PNG.
import { useEffect, useImperativeHandle, useRef, type Ref, type RefObject } from 'react';
import uPlot from 'uplot';
import { plotToPng } from './plotPng';

const REDRAW_MS = 200;

/** What a plot component hands to its parent. */
export interface PlotHandle {
  /** The plot as a PNG data URL (with a background, axes and a legend line). */
  toPng(): string | null;
}

/** Colours of the axes and the grid for the theme. */
export function plotColors(dark: boolean) {
  return {
    axisColor: dark ? '#9aa3b2' : '#4b5563',
    grid: { stroke: dark ? '#2a2f3a' : '#e5e7eb', width: 1 },
  };
}

/** The plot's size in its box (the legend takes ~30 px below it). */
export function plotSize(el: HTMLElement) {
  return { width: Math.max(200, el.clientWidth), height: Math.max(120, el.clientHeight - 30) };
}

/**
 * Builds the plot from `options(box)` when `dark` changes, and calls `data()` again whenever
 * one of `dataDeps` changes (throttled). Returns the box ref to put on the plot's element.
 */
export function useLivePlot(
  options: (box: HTMLDivElement) => uPlot.Options,
  data: () => uPlot.AlignedData,
  dark: boolean,
  dataDeps: unknown[],
  ref: Ref<PlotHandle> | undefined,
): RefObject<HTMLDivElement | null> {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);

  useImperativeHandle(ref, () => ({
    toPng: () => (plot.current ? plotToPng(plot.current, dark) : null),
  }));

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const u = new uPlot(options(el), data(), el);
    plot.current = u;
    const ro = new ResizeObserver(() => u.setSize(plotSize(el)));
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
      plot.current?.setData(data());
    };
    const wait = REDRAW_MS - (performance.now() - lastDraw.current);
    if (wait <= 0) {
      draw();
      return;
    }
    const t = setTimeout(draw, wait);
    return () => clearTimeout(t);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, dataDeps);

  return box;
}

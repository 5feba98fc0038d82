// A plot a cell returned (emflow_nb.plot): drawn by the app with uPlot, no matplotlib needed.
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { PlotOutput } from './outputs';

const COLORS = ['#4fa3ff', '#f0b44c', '#3ecf8e', '#f26d6d', '#a78bfa', '#34d399'];

export function PlotView({ output }: { output: PlotOutput }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    // uPlot wants increasing x; a cell may plot in any order, so sort the points by x.
    const order = output.x.map((_, i) => i).sort((a, b) => output.x[a] - output.x[b]);
    const data = [
      order.map((i) => output.x[i]),
      ...output.series.map((s) => order.map((i) => s[i])),
    ] as uPlot.AlignedData;
    const plot = new uPlot(
      {
        width: Math.max(320, el.clientWidth || 640),
        height: 240,
        title: output.title || undefined,
        scales: { x: { time: false } },
        axes: [{ label: output.xlabel, stroke: 'currentColor' }, { stroke: 'currentColor' }],
        series: [
          { label: output.xlabel },
          ...output.series.map((_, k) => ({
            label: output.labels[k] ?? `y${k}`,
            stroke: COLORS[k % COLORS.length],
            width: 1.5,
          })),
        ],
      },
      data,
      el,
    );
    return () => plot.destroy();
  }, [output]);
  return <div className="nb-plot" ref={box} data-testid="nb-plot" />;
}

// A uPlot chart as a PNG data URL: the canvas on the theme's background with a legend line
// under it (the HTML legend is not part of the canvas).
import type uPlot from 'uplot';

export function plotToPng(u: uPlot, dark: boolean): string {
  const src = u.ctx.canvas;
  const out = document.createElement('canvas');
  out.width = src.width;
  out.height = src.height + 40;
  const ctx = out.getContext('2d')!;
  ctx.fillStyle = dark ? '#16181d' : '#ffffff';
  ctx.fillRect(0, 0, out.width, out.height);
  ctx.drawImage(src, 0, 0);
  ctx.font = `${Math.round(12 * devicePixelRatio)}px sans-serif`;
  let x = 10;
  for (const s of u.series.slice(1)) {
    ctx.fillStyle = typeof s.stroke === 'function' ? '#888' : String(s.stroke ?? '#888');
    const text = `■ ${String(s.label)}`;
    ctx.fillText(text, x, src.height + 26);
    x += ctx.measureText(text).width + 18;
  }
  return out.toDataURL('image/png');
}

// The device sources a firmware sketch is made of, bundled as text at build time: the same
// files the WebAssembly engine was compiled from. The exporter copies them byte for byte into
// the sketch (docs/export.md), so they are passed to `exportFirmware` keyed by repository path.
const bundled = import.meta.glob(
  [
    '../../../core/{runtime,components,ml,dsp}/*',
    '../../../firmware/{avr,arduino}/*',
  ],
  { query: '?raw', import: 'default', eager: true },
) as Record<string, string>;

/** "../../../core/runtime/network.h" → "core/runtime/network.h". */
export function repositoryPath(globKey: string): string {
  return globKey.replace(/^(\.\.\/)+/, '');
}

/** `{ "core/runtime/network.h": text, ... }` for every bundled device source. */
export function firmwareSources(): Record<string, string> {
  const sources: Record<string, string> = {};
  for (const [key, text] of Object.entries(bundled)) sources[repositoryPath(key)] = text;
  return sources;
}

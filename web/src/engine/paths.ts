// Where the WebAssembly engine is served from. `scripts/build-wasm.sh` copies the Emscripten
// output (emflow-engine.mjs + emflow-engine.wasm) into web/public/engine/, which Vite serves
// at `<base>engine/`. It is loaded at run time (not bundled) so the app builds without it.
export const ENGINE_MODULE_PATH = 'engine/emflow-engine.mjs';

/** Absolute URL of the engine module for the current page or worker. */
export function engineModuleUrl(base: string = import.meta.env?.BASE_URL ?? '/'): string {
  const origin = typeof self !== 'undefined' && self.location ? self.location.origin : '';
  const prefix = base.endsWith('/') ? base : `${base}/`;
  return `${origin}${prefix}${ENGINE_MODULE_PATH}`;
}

import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

// The playground is a static site: `vite build` writes web/dist, `vite preview` serves it.
// Everything (Monaco, its worker, the WebAssembly engine) is bundled; nothing comes from a CDN.
const webRoot = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = fileURLToPath(new URL('..', import.meta.url));
// EMFLOW_WEB_DIST (absolute, or relative to web/) lets parallel builds use their own folder;
// `vite preview` serves the same folder because it reads this config too.
const outDir = process.env.EMFLOW_WEB_DIST || 'dist';

// Cross-origin isolation (COOP + COEP) gives the page SharedArrayBuffer, so the notebook's
// Interrupt raises KeyboardInterrupt inside Python instead of restarting it. A static host
// without these headers still works: interrupt then restarts Python and says so.
const isolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

// wasm/serial-runtime.mjs (the board as an FBP runtime, also run by the playground) imports the
// link's Node bundle; in the app it gets the TypeScript sources the bundle is built from, so the
// app has one LinkClient/LinkError class (instanceof holds) and no second copy of the link.
export const linkSourcesAlias = {
  find: /^\.\/link-client\.generated\.mjs$/,
  replacement: fileURLToPath(new URL('src/link/index.ts', import.meta.url)),
};

export default defineConfig({
  root: webRoot,
  resolve: { alias: [linkSourcesAlias] },
  // Absolute base: the engine client builds the engine's URL from origin + BASE_URL.
  base: '/',
  plugins: [react()],
  server: { fs: { allow: [repoRoot] }, headers: isolation },
  preview: { headers: isolation },
  worker: { format: 'es' },
  build: {
    outDir,
    emptyOutDir: true,
    target: 'es2022',
    // Monaco is one big lazily loaded chunk by design.
    chunkSizeWarningLimit: 4096,
    rolldownOptions: { checks: { pluginTimings: false } },
  },
});

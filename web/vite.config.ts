import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

// The playground is a static site: `vite build` writes web/dist, `vite preview` serves it.
// Everything (Monaco, its worker, the WebAssembly engine) is bundled; nothing comes from a CDN.
const webRoot = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = fileURLToPath(new URL('..', import.meta.url));

export default defineConfig({
  root: webRoot,
  // Absolute base: the engine client builds the engine's URL from origin + BASE_URL.
  base: '/',
  plugins: [react()],
  server: { fs: { allow: [repoRoot] } },
  worker: { format: 'es' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // Monaco is one big lazily loaded chunk by design.
    chunkSizeWarningLimit: 4096,
    rolldownOptions: { checks: { pluginTimings: false } },
  },
});

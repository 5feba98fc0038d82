import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

// Builds the standalone notebook page into web/dist/notebook-standalone/ (after the app's own
// build, which empties web/dist). It loads pyodide/, py/ and engine/ from the app's root.
const here = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));

export default defineConfig({
  root: here,
  base: '/notebook-standalone/',
  publicDir: false,
  plugins: [react()],
  server: { fs: { allow: [repoRoot] } },
  worker: { format: 'es' },
  build: {
    outDir: `${repoRoot}web/dist/notebook-standalone`,
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 8192,
  },
});

import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// Builds the standalone notebook page into web/dist/notebook-standalone/ (after the app's own
// build, which empties web/dist). It loads pyodide/, py/ and engine/ from the app's root.
const here = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
// Inside the app's build folder (EMFLOW_WEB_DIST, as in web/vite.config.ts).
const appDist = resolve(`${repoRoot}web`, process.env.EMFLOW_WEB_DIST || 'dist');

export default defineConfig({
  root: here,
  base: '/notebook-standalone/',
  publicDir: false,
  plugins: [react()],
  server: { fs: { allow: [repoRoot] } },
  worker: { format: 'es' },
  build: {
    outDir: `${appDist}/notebook-standalone`,
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 8192,
  },
});

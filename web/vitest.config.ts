import { configDefaults, defineConfig } from 'vitest/config';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { linkSourcesAlias } from './vite.config';

// Unit and component tests of the playground, each beside its unit in src/ (jsdom; IndexedDB
// from fake-indexeddb; shared fixtures in src/test-support/). The engine and simulator tests
// still in test/ move beside their units later. The notebook's tests have their own config
// (src/notebook/vitest.config.ts: Node environment, the Pyodide kernel).
// Monaco and the WebAssembly engine do not run in jsdom: Playwright covers them (tests/e2e).
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  resolve: { alias: [linkSourcesAlias] },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    exclude: [...configDefaults.exclude, 'src/notebook/**'],
    setupFiles: ['src/test-support/setup.ts'],
    // Vitest runs one file at a time on a 2-core machine (cores - 1), but the simulated-board
    // files (simavr paced to wall time, bootloaders at 115200 baud) spend about three quarters
    // of their time waiting: three at once took the suite from 258 s to 112 s here.
    maxWorkers: Math.max(3, availableParallelism()),
  },
});

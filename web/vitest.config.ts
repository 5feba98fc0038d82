import { configDefaults, defineConfig } from 'vitest/config';
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
  },
});

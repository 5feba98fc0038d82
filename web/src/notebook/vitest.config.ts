import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

// The notebook's tests: the cell model and .ipynb round trip, and the real Pyodide kernel from
// node_modules/pyodide with the WebAssembly engine (Node environment: Pyodide needs no DOM).
//   npx vitest run --config web/src/notebook/vitest.config.ts
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  test: {
    environment: 'node',
    include: ['*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});

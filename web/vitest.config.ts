import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

// Unit and component tests of the playground (jsdom; IndexedDB from fake-indexeddb).
// Monaco and the WebAssembly engine do not run in jsdom: Playwright covers them (tests/e2e).
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  test: {
    environment: 'jsdom',
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    setupFiles: ['test/setup.ts'],
  },
});

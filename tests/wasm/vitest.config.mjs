// The TypeScript engine client against the real WebAssembly engine, in Node (no jsdom):
// `npx vitest run --config tests/wasm/vitest.config.mjs` (scripts/test-wasm.sh runs it).
import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    environment: 'node',
    include: ['tests/wasm/**/*.test.ts'],
    testTimeout: 60_000,
  },
});

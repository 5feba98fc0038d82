// ESLint for the JavaScript/TypeScript side: web/, wasm/ JS/TS, bin/, tests/**/*.{mjs,ts}.
// C++, Python and docs have their own linters; build output is never linted.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      'build/**',
      'build-*/**',
      '**/dist/**',
      'web/dist-*/**',
      'web/public/engine/**',
      'web/public/pyodide/**',
      'wasm/build/**',
      '**/*.generated.*',
      'docs/**',
      'core/**',
      'firmware/**',
      'python/**',
      'test-results/**',
      'playwright-report/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
      globals: { ...globals.browser, ...globals.node, ...globals.worker },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['web/**/*.{ts,tsx}'],
    ...reactHooks.configs['recommended-latest'],
  },
);

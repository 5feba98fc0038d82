// Notebook benchmark (numbers only, no assertions): in headless Chromium against the production
// build, the Python worker's start-up (Pyodide + emflow package + WebAssembly engine) and the
// time to the first cell result. Needs web/dist with notebook-standalone/ (scripts/build-web.sh
// and scripts/build-notebook.sh).   node tests/bench/notebook-bench.mjs [runs]
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium, startPreview } from '../e2e/preview-browser.mjs';

const root = new URL('../..', import.meta.url).pathname;
const port = Number(process.env.EMFLOW_NOTEBOOK_BENCH_PORT ?? 4193);
const runs = Number(process.argv[2] ?? 3);

if (!existsSync(join(root, 'web/dist/notebook-standalone/index.html'))) {
  console.log(
    'notebook bench: skipped, web/dist/notebook-standalone is missing (run scripts/build-notebook.sh)',
  );
  process.exit(0);
}

const preview = await startPreview(port, '/notebook-standalone/');
try {
  const url = preview.url;
  const browser = await launchChromium();
  console.log('notebook (headless Chromium)   worker ready   first cell result');
  for (let run = 1; run <= runs; run++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const start = Date.now();
    await page.goto(url);
    await page
      .getByTestId('nb-kernel-status')
      .filter({ hasText: 'idle' })
      .waitFor({ timeout: 120_000 });
    const ready = Date.now() - start;
    await page.getByTestId('nb-add-code').click();
    const cell = page.getByTestId('nb-cell').last();
    await cell.locator('.monaco-editor').click();
    await page.keyboard.insertText('print(sum(range(10)))');
    const runAt = Date.now();
    await cell.getByTestId('nb-run-cell').click();
    await cell.getByTestId('nb-outputs').filter({ hasText: '45' }).waitFor();
    const firstResult = Date.now() - runAt;
    console.log(
      `  run ${run}${' '.repeat(24)}${String(ready).padStart(6)} ms ${String(firstResult).padStart(14)} ms`,
    );
    await context.close();
  }
  await browser.close();
} finally {
  preview.stop();
}

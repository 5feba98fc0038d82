// Notebook benchmark (numbers only, no assertions): in headless Chromium against the production
// build, the Python worker's start-up (Pyodide + emflow package + WebAssembly engine) and the
// time to the first cell result. Needs web/dist with notebook-standalone/ (scripts/build-web.sh
// and scripts/build-notebook.sh).   node tests/bench/notebook-bench.mjs [runs]
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { launchChromium, startPreview } from '../e2e/preview-browser.mjs';

const root = new URL('../..', import.meta.url).pathname;
const port = Number(process.env.EMFLOW_NOTEBOOK_BENCH_PORT ?? 4193);
const runs = Number(process.argv[2] ?? 3);

// The folder vite preview serves (EMFLOW_WEB_DIST, as web/vite.config.ts reads it).
const dist = resolve(root, 'web', process.env.EMFLOW_WEB_DIST || 'dist');
if (!existsSync(join(dist, 'notebook-standalone/index.html'))) {
  console.log(
    `notebook bench: skipped, ${dist}/notebook-standalone is missing (run scripts/build-web.sh)`,
  );
  process.exit(0);
}

/** A whole activity sweep (every candidate of the grid, 3 folds) fitted one candidate after
 * another in the kernel, then on the kernel's engine workers (docs/sweep.md). */
async function sweepBench(browser, url) {
  const page = await (await browser.newContext()).newPage();
  await page.goto(url);
  await page
    .getByTestId('nb-kernel-status')
    .filter({ hasText: 'idle' })
    .waitFor({ timeout: 120_000 });
  await page.getByTestId('nb-add-code').click();
  const cell = page.getByTestId('nb-cell').last();
  await cell.locator('.monaco-editor').click();
  await page.keyboard.insertText(
    [
      'import emflow, emflow_nb as nb, time',
      'rec = nb.record_activity(seed=7, duration_s=600)',
      'ch = [nb.adc_counts(rec[a]) for a in ("x", "y", "z")]',
      'cl = [nb.ACTIVITIES.index(a) for a in rec["labels"]]',
      'X, y = nb.window_features(ch, cl, size=16, bands=4)',
      'pool = nb.builtin.default_backend()',
      't0 = time.monotonic()',
      'serial = emflow.sweep(X, y, board="uno", seed=1, trainers=["emflow"])',
      't1 = time.monotonic()',
      'pooled = emflow.sweep(X, y, board="uno", seed=1, trainers=["emflow"], fit_pool=pool)',
      't2 = time.monotonic()',
      'print("bench: %d candidates, %d rows, same rows %s, serial %.2f s, %d workers %.2f s" % (serial.candidates, len(serial.rows), serial.rows == pooled.rows, t1 - t0, pool.fit_slots(), t2 - t1))',
    ].join('\n'),
  );
  await cell.getByTestId('nb-run-cell').click();
  const line = cell.getByTestId('nb-outputs').filter({ hasText: 'bench:' });
  await line.waitFor({ timeout: 600_000 });
  console.log(`sweep (headless Chromium, ${(await line.textContent()).replace(/^.*bench: /s, '')}`);
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
  await sweepBench(browser, url);
  await browser.close();
} finally {
  preview.stop();
}

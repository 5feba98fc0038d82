// The training notebook in the production build (web/dist/notebook-standalone/, built by
// scripts/build-notebook.sh), offline as CI is: real Pyodide in a module worker, the
// activity starter notebook trained by the engine's built-in trainer and evaluated in the
// WebAssembly engine, tracebacks, interrupt of an infinite loop, .ipynb export.
import { expect, test, type Page } from '@playwright/test';
import { downloadText, snap } from './helpers';

const PYTHON_START_MS = 60_000;

async function openNotebook(page: Page) {
  await page.goto('./notebook-standalone/');
  await expect(page.getByTestId('notebook-view')).toBeVisible();
  await expect(page.getByTestId('nb-kernel-status')).toContainText('idle', {
    timeout: PYTHON_START_MS,
  });
  await expect(page.getByTestId('nb-kernel-status')).toContainText('engine ready');
}

/** Adds a code cell at the end, types `code` into its Monaco editor and runs it. */
async function runNewCell(page: Page, code: string) {
  await page.getByTestId('nb-add-code').click();
  const cell = page.getByTestId('nb-cell').last();
  const editor = cell.locator('.monaco-editor');
  await expect(editor).toBeVisible();
  await editor.click();
  await page.keyboard.insertText(code);
  await cell.getByTestId('nb-run-cell').click();
  return cell;
}

test('runs the activity starter notebook offline with the built-in trainer', async ({ page }) => {
  await openNotebook(page);
  await snap(page, 'notebook-start');
  await page.getByTestId('nb-run-all').click();
  const notice = page.getByTestId('nb-notice').first();
  await expect(notice).toContainText(
    'scikit-learn unavailable — trained with the built-in trainer',
    {
      timeout: 30_000,
    },
  );
  const evaluation = page.getByTestId('nb-evaluation');
  await expect(evaluation).toBeVisible({ timeout: 60_000 });
  await expect(evaluation.getByTestId('nb-agreement')).toContainText('100.0 %');
  await expect(evaluation.getByTestId('nb-trainer')).toContainText('built-in trainer');
  await expect(evaluation.getByTestId('nb-confusion')).toBeVisible();
  // The model's cycles per prediction for the evaluated rows, measured on the virtual Uno (the
  // model meter firmware in a worker).
  await expect(evaluation.getByTestId('nb-measured-uno')).toContainText(
    /\d+ cycles per prediction \(\d+ µs at 16 MHz\), max \d+/,
    { timeout: 60_000 },
  );
  await expect(page.getByTestId('nb-plot').first()).toBeVisible();
  await page.getByTestId('nb-plot').first().scrollIntoViewIfNeeded();
  await snap(page, 'notebook-activity-plot');
  await page.getByTestId('nb-send-model').click();
  await expect(page.getByTestId('standalone-sent')).toContainText('Received model activity (');
  await evaluation.scrollIntoViewIfNeeded();
  await snap(page, 'notebook-activity-evaluated');

  const file = await downloadText(page, () => page.getByTestId('nb-export').click());
  expect(file.name).toMatch(/\.ipynb$/);
  const doc = JSON.parse(file.text);
  expect(doc.nbformat).toBe(4);
  const outputTypes = doc.cells.flatMap((c: { outputs?: { data?: object }[] }) =>
    (c.outputs ?? []).flatMap((o) => Object.keys(o.data ?? {})),
  );
  expect(outputTypes).toContain('application/vnd.emflow.output+json');
});

test('sweeps activity windows and sends a Pareto point to the graph', async ({ page }) => {
  await page.setViewportSize({ width: 1024, height: 700 });
  await openNotebook(page);
  const started = Date.now();
  // The activity data set as the starter notebook builds it (a shorter recording), swept with
  // the built-in trainer: a few candidates so that the test stays well under its timeout.
  const cell = await runNewCell(
    page,
    [
      'import emflow_nb as nb',
      'rec = nb.record_activity(seed=7, duration_s=600)',
      'ch = [nb.adc_counts(rec[a]) for a in ("x", "y", "z")]',
      'cl = [nb.ACTIVITIES.index(a) for a in rec["labels"]]',
      'X, y = nb.window_features(ch, cl, size=16, bands=4)',
      'report = nb.sweep(X, y, board="uno", budget=12, seed=1, cv=2)',
      'print("swept", report.candidates, "candidates,", len(report.pareto()), "on the front")',
      '',
    ].join('\n'),
  );
  const view = cell.getByTestId('nb-sweep');
  await expect(view).toBeVisible({ timeout: 90_000 });
  console.log(`sweep view after ${((Date.now() - started) / 1000).toFixed(1)} s`); // reported only
  const outputs = cell.getByTestId('nb-outputs');
  await expect(outputs).toContainText(/swept 12 candidates, [1-9]\d* on the front/);
  // The preview is cross-origin isolated: the fits ran on one engine worker per core (each
  // candidate's bytes and scores are those of a serial run in the kernel: checked last).
  await expect(outputs).toContainText(/sweep: fitting on [2-6] engine workers/);
  await expect(outputs).toContainText(/sweep: candidate \d+ of 12 done, about \d+ (s|min) left/);
  await expect(view).toContainText(/Pareto front on the uno: \d+ of \d+ rows \(accuracy\)/);
  const flashPlot = view.getByTestId('nb-sweep-plot-flash');
  await expect(flashPlot).toBeVisible();
  await expect(view.getByTestId('nb-sweep-plot-cycles')).toBeVisible();
  await expect(flashPlot.getByTestId('nb-sweep-limit-uno')).toContainText('Uno flash 32.3k');
  const front = flashPlot.locator('[data-testid="nb-sweep-point"][data-pareto="true"]');
  expect(await front.count()).toBeGreaterThan(0);
  await view.scrollIntoViewIfNeeded();
  // The last one is drawn on top (points of the same flash and score coincide).
  await front.last().click();
  const detail = view.getByTestId('nb-sweep-detail');
  await expect(detail).toContainText('Pareto front');
  await expect(detail).toContainText(/accuracy \d+\.\d % · flash \d+ B/);
  // The keyboard walks the points too: the picked point moves along the flash axis.
  const pickedBefore = await detail.textContent();
  await flashPlot.focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowLeft');
  await expect(detail).toHaveText(pickedBefore ?? '');
  await snap(page, 'notebook-sweep-picked');
  await detail.getByTestId('nb-sweep-send').click();
  await expect(detail.getByTestId('nb-sweep-status')).toContainText(/sent \w+ \(\d+ bytes\)/, {
    timeout: 30_000,
  });
  const status = await detail.getByTestId('nb-sweep-status').textContent();
  const [, name, size] = /sent (\S+) \((\d+) bytes\)/.exec(status ?? '') ?? [];
  await expect(page.getByTestId('standalone-sent')).toContainText(
    `Received model ${name} (${size} bytes)`,
  );
  await snap(page, 'notebook-sweep-sent');
  // (A new cell last: `cell` and `view` above are the last cell's.)
  const serial = await runNewCell(
    page,
    [
      // One statement per line: Monaco indents the line after a ':'.
      'import emflow, time',
      'same = dict(board="uno", budget=12, seed=1, cv=2)',
      't0 = time.monotonic()',
      'serial = emflow.sweep(X, y, **same)',
      't1 = time.monotonic()',
      'pooled = emflow.sweep(X, y, fit_pool=nb.builtin.default_backend(), **same)',
      't2 = time.monotonic()',
      'print("same as serial:", serial.rows == report.rows == pooled.rows, len(serial.rows))',
      'print("serial %.2f s, on the workers %.2f s" % (t1 - t0, t2 - t1))',
    ].join('\n'),
  );
  const outputs2 = serial.getByTestId('nb-outputs');
  await expect(outputs2).toContainText(/same as serial: True \d+/, { timeout: 90_000 });
  console.log(await outputs2.textContent()); // the speed-up, reported only
});

test('Interrupt ends a sweep and draws the candidates that finished', async ({ page }) => {
  await openNotebook(page);
  // Every candidate of the grid (38): the sweep prints its progress (every 3rd candidate), so
  // the test interrupts once some have finished, long before the last.
  const cell = await runNewCell(
    page,
    [
      'import emflow_nb as nb',
      'rec = nb.record_activity(seed=7, duration_s=600)',
      'ch = [nb.adc_counts(rec[a]) for a in ("x", "y", "z")]',
      'cl = [nb.ACTIVITIES.index(a) for a in rec["labels"]]',
      'X, y = nb.window_features(ch, cl, size=16, bands=4)',
      'report = nb.sweep(X, y, board="uno", seed=1, cv=2)',
      'print("kept", report.candidates, report.interrupted)',
      '',
    ].join('\n'),
  );
  await expect(cell.getByTestId('nb-outputs')).toContainText('sweep: candidate 3 of 38 done', {
    timeout: 60_000,
  });
  await page.getByTestId('nb-interrupt').click();
  const notice = cell.getByTestId('nb-notice');
  await expect(notice).toContainText(/Sweep interrupted: \d+ candidates finished/);
  const kept = Number(/(\d+) candidates/.exec((await notice.textContent()) ?? '')?.[1]);
  expect(kept).toBeGreaterThanOrEqual(3);
  expect(kept).toBeLessThan(38);
  await expect(cell.getByTestId('nb-outputs')).toContainText(`kept ${kept} True`);
  await expect(cell.getByTestId('nb-sweep').getByTestId('nb-sweep-plot-flash')).toBeVisible();
  await expect(cell.getByTestId('nb-error')).toHaveCount(0);
  // A candidate the trainer refuses, fitted on a worker: the sweep stops with Python's own
  // error naming it (raised in Python, through the pool's JavaScript, back into Python).
  const refused = await runNewCell(
    page,
    'nb.sweep(X, y, trainers=["emflow"], families=["decision_tree"], ' +
      'grids={"decision_tree": {"max_depth": [2, -3], "min_samples_leaf": [1]}})',
  );
  await expect(refused.getByTestId('nb-error')).toContainText(
    /SweepError: candidate 1 \(emflow decision_tree \{"max_depth": -3/,
    { timeout: 30_000 },
  );
});

test('prints from Pyodide, shows tracebacks, interrupts an infinite loop', async ({ page }) => {
  await openNotebook(page);
  const hello = await runNewCell(page, 'import sys\nprint("hello from", sys.platform)');
  await expect(hello.getByTestId('nb-outputs')).toContainText('hello from emscripten');

  // A dataset the app hands to the notebook (the standalone page passes data/sample.csv).
  const data = await runNewCell(page, 'print(open("data/sample.csv").read().splitlines()[2])');
  await expect(data.getByTestId('nb-outputs')).toContainText('0.9,1');

  // One statement per line: Monaco indents after a line ending with ':' as the user types.
  const failing = await runNewCell(page, 'f = lambda x: 1 / x\nf(0)');
  const traceback = failing.getByTestId('nb-error');
  await expect(traceback).toContainText('ZeroDivisionError: division by zero');
  await expect(traceback).toContainText('in <lambda>');
  await snap(page, 'notebook-traceback');

  // The preview serves the page cross-origin isolated (COOP/COEP), so Interrupt raises
  // KeyboardInterrupt inside Python: the loop stops and the variables stay.
  await runNewCell(page, 'kept = 41');
  const loop = await runNewCell(page, 'while True: pass');
  await expect(page.getByTestId('nb-interrupt')).toBeEnabled();
  await page.getByTestId('nb-interrupt').click();
  await expect(loop.getByTestId('nb-error')).toContainText('KeyboardInterrupt');
  await expect(page.getByTestId('nb-kernel-status')).toContainText('idle');
  await expect(page.getByTestId('nb-kernel-status')).not.toContainText('interrupt restarts');
  await loop.getByTestId('nb-error').scrollIntoViewIfNeeded();
  await snap(page, 'notebook-interrupted');
  const after = await runNewCell(page, 'print("alive", kept + 1)');
  await expect(after.getByTestId('nb-outputs')).toContainText('alive 42');
});

test('uses the package index set in Settings and says at once when it cannot be reached', async ({
  page,
}) => {
  await openNotebook(page);
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByTestId('nb-index-url').fill('http://127.0.0.1:9/offline-mirror');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByTestId('nb-message')).toContainText(
    'Package index set to http://127.0.0.1:9/offline-mirror/; it applies after Restart.',
  );
  await page.getByTestId('nb-restart').click();
  await expect(page.getByTestId('nb-kernel-status')).toContainText('idle', {
    timeout: PYTHON_START_MS,
  });
  const cell = await runNewCell(page, 'import emflow_nb as nb\nawait nb.use_sklearn()');
  // The loading line names the mirror; the failure comes from the error callback, in words.
  await expect(cell.getByTestId('nb-outputs')).toContainText(
    'Loading numpy, scipy, scikit-learn from http://127.0.0.1:9/offline-mirror/',
  );
  const notice = cell.getByTestId('nb-notice');
  await expect(notice).toContainText(
    'scikit-learn unavailable — trained with the built-in trainer',
    {
      timeout: 15_000,
    },
  );
  await expect(notice).toContainText('http://127.0.0.1:9/offline-mirror/');
  await expect(notice).toContainText('Settings → Package index');
  await expect(cell.getByTestId('nb-outputs')).toContainText('False');
  await snap(page, 'notebook-offline-index');
});

test('a new blank notebook asks before it replaces one with work in it', async ({ page }) => {
  await page.goto('./notebook-standalone/');
  await expect(page.getByTestId('notebook-view')).toBeVisible();
  const cells = page.getByTestId('nb-cell');
  await expect(cells.first()).toBeVisible();
  const starterCells = await cells.count();
  expect(starterCells).toBeGreaterThan(1);

  // Declined: the starter stays as it was.
  page.once('dialog', (dialog) => {
    expect(dialog.message()).toContain(`(${starterCells} cells)`);
    expect(dialog.message()).toContain('Export .ipynb first');
    void dialog.dismiss();
  });
  await page.getByTestId('nb-starters').selectOption('blank');
  await expect(cells).toHaveCount(starterCells);

  // Accepted: one empty code cell; a blank notebook is replaced without a question.
  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByTestId('nb-starters').selectOption('blank');
  await expect(cells).toHaveCount(1);
  let asked = false;
  page.once('dialog', (dialog) => {
    asked = true;
    void dialog.dismiss();
  });
  await page.getByTestId('nb-starters').selectOption('xor-random-forest');
  await expect(cells.first()).toBeVisible();
  await expect.poll(() => cells.count()).toBeGreaterThan(1);
  expect(asked).toBe(false);
});

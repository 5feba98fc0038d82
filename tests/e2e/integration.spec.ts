// The playground joined with the firmware exporter and the training notebook, against the
// production build in Chromium: "Download firmware" builds the Arduino sketch zip in the
// browser (WebAssembly exporter), refusals show their numbers, and the notebook runs as a tab
// of the app, saved with the project.
import { expect, test, type Page } from '@playwright/test';
import { unzipSync, strFromU8 } from 'fflate';
import { readFileSync } from 'node:fs';
import { openApp, openExample, replaceText, snap } from './helpers';

async function openFirmwareDialog(page: Page) {
  await page.getByTestId('menu-export').click();
  await page.getByTestId('export-firmware').click();
  await expect(page.getByTestId('firmware-dialog')).toBeVisible();
}

async function downloadFirmware(
  page: Page,
): Promise<{ name: string; files: Record<string, Uint8Array> }> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('firmware-download').click(),
  ]);
  const bytes = readFileSync(await download.path());
  return { name: download.suggestedFilename(), files: unzipSync(new Uint8Array(bytes)) };
}

/** Outputs of the last cell in the notebook autosave (IndexedDB `emflow-notebooks`). */
function lastCellOutputsSaved(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('emflow-notebooks');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const all = open.result.transaction('notebooks').objectStore('notebooks').getAll();
          all.onerror = () => reject(all.error);
          all.onsuccess = () => {
            open.result.close();
            const cells = (all.result[0]?.notebook?.cells ?? []) as { outputs: unknown[] }[];
            resolve(cells.length ? cells[cells.length - 1].outputs.length : 0);
          };
        };
      }),
  );
}

test('downloads the fridge as an Arduino sketch zip built in the browser', async ({ page }) => {
  await openApp(page);
  await openExample(page, 'fridge');
  await openFirmwareDialog(page);
  await snap(page, 'firmware-dialog');
  const uno = await downloadFirmware(page);
  expect(uno.name).toBe('Fridge-uno.zip');
  const names = Object.keys(uno.files);
  expect(names).toContain('Fridge/Fridge.ino');
  expect(names).toContain('Fridge/platformio.ini');
  // The device sources are copied unchanged from the repository.
  expect(strFromU8(uno.files['Fridge/emflow/runtime/status.h'])).toBe(
    readFileSync('core/runtime/status.h', 'utf8'),
  );
  expect(strFromU8(uno.files['Fridge/platformio.ini'])).toContain('uno');
  // No model nodes, no model table.
  const fridgeSources = Object.values(uno.files).map((bytes) => strFromU8(bytes));
  expect(fridgeSources.some((text) => text.includes('emflow/ml/model_store.h'))).toBe(false);
  await expect(page.getByTestId('firmware-dialog')).toBeHidden();
  await expect(page.locator('.toast').last()).toContainText('Fridge/Fridge.ino');

  await openFirmwareDialog(page);
  await page.getByTestId('firmware-board').selectOption('mega');
  const mega = await downloadFirmware(page);
  expect(mega.name).toBe('Fridge-mega.zip');
  expect(strFromU8(mega.files['Fridge/platformio.ini'])).toContain('megaatmega2560');
});

test("the activity example's sketch carries the project's model", async ({ page }) => {
  await openApp(page);
  await openExample(page, 'activity');
  // Before a run the plot says what it will show, over empty axes (not through them).
  await expect(page.getByTestId('activity-plot').locator('xpath=..')).toContainText(
    'Run the simulation to plot the accelerometer',
  );
  await snap(page, 'activity-before-run');
  await openFirmwareDialog(page);
  // Before download: model 1's flash (engine measured at build time + blob), and its cycles
  // measured on the virtual Uno over the 32 held-out rows kept with the example's model.
  const row = page.getByTestId('firmware-model-1');
  await expect(row).toContainText('blob + engine (forest-float)');
  await expect(row).toContainText('+ blob 4785');
  await expect(page.getByTestId('firmware-cycles')).toContainText(/\d+ mean, \d+ max/, {
    timeout: 60_000,
  });
  await expect(row).toContainText('32 held-out rows kept with the example');
  await expect(page.getByTestId('firmware-fit')).toContainText(
    /Arduino Uno: the models take \d+ B/,
  );
  await snap(page, 'firmware-dialog-model-costs');
  const uno = await downloadFirmware(page);
  expect(uno.name).toBe('Activity-uno.zip');
  expect(Object.keys(uno.files)).toContain('Activity/Activity.ino');
  // Model 1 of the project (examples/models/activity.bin) is compiled into the sketch.
  const sources = Object.values(uno.files).map((bytes) => strFromU8(bytes));
  expect(sources.some((text) => text.includes('emflow/ml/model_store.h'))).toBe(true);

  // For the Mega, the Uno graph's A0..A2 become the Mega's A0..A2 (pins 54..56), said in the
  // toast and the README's wiring table (not D14..D16, which are serial pins on a Mega).
  await openFirmwareDialog(page);
  await page.getByTestId('firmware-board').selectOption('mega');
  const mega = await downloadFirmware(page);
  expect(mega.name).toBe('Activity-mega.zip');
  const readme = strFromU8(mega.files['Activity/README.md']);
  for (const row of [
    '| A0 | x (AnalogRead) |',
    '| A1 | y (AnalogRead) |',
    '| A2 | z (AnalogRead) |',
  ])
    expect(readme).toContain(row);
  expect(readme).not.toContain('| D14 |');
  await expect(page.locator('.toast').last()).toContainText("the Uno's A0 is A0 (pin 54)");
  await snap(page, 'export-mega-remap');
});

test('refuses a graph too big for the Uno with the numbers, and exports it for the Mega', async ({
  page,
}) => {
  await openApp(page);
  // 14 nodes in a chain: more than the Uno's 12, well within the Mega's 48.
  const lines = ['# @name Chain'];
  for (let i = 1; i < 14; i++)
    lines.push(`n${i}(InvertBoolean) OUT -> IN n${i + 1}(InvertBoolean)`);
  lines.push("'true' -> IN n1()");
  await page.getByTestId('view-text').click();
  await replaceText(page, lines.join('\n') + '\n');
  await page.getByTestId('view-graph').click();
  await expect(page.locator('.react-flow__node')).toHaveCount(14);
  await openFirmwareDialog(page);
  await page.getByTestId('firmware-download').click();
  const errors = page.getByTestId('firmware-errors');
  await expect(errors).toContainText('needs 14 nodes but the target allows 12');
  await expect(errors).toContainText('Arduino Uno');
  await snap(page, 'firmware-refused');
  await page.getByTestId('firmware-board').selectOption('mega');
  const mega = await downloadFirmware(page);
  expect(Object.keys(mega.files)).toContain('Chain/Chain.ino');
});

test('the notebook trains the activity model, sends it to the graph, and the graph runs it', async ({
  page,
}) => {
  await openApp(page);
  await openExample(page, 'activity');
  await page.getByTestId('view-notebook').click();
  await expect(page.getByTestId('notebook-view')).toBeVisible();
  const status = page.getByTestId('nb-kernel-status');
  await expect(status).toContainText('idle', { timeout: 60_000 });
  await expect(status).toContainText('engine ready');
  await page.getByTestId('nb-run-all').click();
  await expect(page.getByTestId('nb-notice').first()).toContainText(
    'scikit-learn unavailable — trained with the built-in trainer',
    { timeout: 30_000 },
  );
  const evaluation = page.getByTestId('nb-evaluation');
  await expect(evaluation).toBeVisible({ timeout: 60_000 });
  await expect(evaluation.getByTestId('nb-agreement')).toContainText('100.0 %');
  await page.getByTestId('nb-send-model').click();
  // Same name as the example's model: it replaces model 1, which the classify node runs.
  await expect(page.locator('.toast').last()).toContainText('Model activity (');
  await expect(page.locator('.toast').last()).toContainText(
    'replaces model 1, used by node classify',
  );
  await snap(page, 'notebook-in-app');
  // The sent model came with the rows nb.evaluate saw: the firmware dialog measures on them.
  await openFirmwareDialog(page);
  await expect(page.getByTestId('firmware-model-1')).toContainText(
    '32 rows the notebook evaluated it on',
  );
  await expect(page.getByTestId('firmware-cycles')).toContainText(/\d+ mean, \d+ max/, {
    timeout: 60_000,
  });
  await snap(page, 'firmware-dialog-notebook-model');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('firmware-dialog')).toBeHidden();

  // The notebook (with its outputs) survives a reload and comes back in the same project.
  await expect(page.getByTestId('save-state')).toHaveText('saved');
  await expect.poll(() => lastCellOutputsSaved(page)).toBeGreaterThan(0);
  await page.reload();
  await expect(page.getByTestId('engine-state')).toHaveText('engine ready', { timeout: 30_000 });
  await page.getByTestId('view-notebook').click();
  await expect(page.getByTestId('nb-evaluation')).toBeVisible({ timeout: 30_000 });
  await page.getByTestId('view-graph').click();
  await expect(page.getByTestId('graph-view')).toBeVisible();
  await expect(page.getByTestId('iip-classify-model')).toContainText('1');

  // The graph runs the notebook's model: the classify node emits classes that mostly agree
  // with what the simulated cow is doing.
  await page.getByTestId('sim-speed').selectOption('max');
  await page.getByTestId('sim-run').click();
  await expect
    .poll(async () => (await page.getByTestId('sim-clock').textContent()) ?? '', {
      timeout: 60_000,
    })
    .toMatch(/^0:(?:0[5-9]|[1-5]\d):\d\d|^[1-9]/);
  await page.getByTestId('sim-pause').click();
  await expect(page.getByTestId('sim-error')).toHaveCount(0);
  await expect(page.getByTestId('activity-predicted')).toHaveText(
    /^(lying|standing|walking|grazing|ruminating)$/,
  );
  const text = (await page.getByTestId('activity-agreement').textContent()) ?? '';
  const [, percent, windows] = /^([\d.]+) % of (\d+) windows$/.exec(text) ?? [];
  expect(Number(windows)).toBeGreaterThan(300);
  expect(Number(percent)).toBeGreaterThan(60);
  await snap(page, 'notebook-model-running');
});

test('the simulator records a dataset that Python reads in the notebook', async ({ page }) => {
  await openApp(page);
  await openExample(page, 'fridge');
  // Nothing recorded yet: the button says what to do.
  await page.getByTestId('record-to-notebook').click();
  await expect(page.locator('.toast').last()).toContainText('run the simulation first');
  // Ten steps of one virtual second (Step waits while the previous one loads the graph), then
  // at least ten minutes at max speed; one world sample a second.
  for (let i = 1; i <= 10; i++) {
    await page.getByTestId('sim-step').click();
    await expect(page.getByTestId('sim-clock')).toHaveText(`0:00:${String(i).padStart(2, '0')}`);
  }
  await page.getByTestId('sim-speed').selectOption('max');
  await page.getByTestId('sim-run').click();
  await expect
    .poll(async () => (await page.getByTestId('sim-clock').textContent()) ?? '')
    .toMatch(/^0:(?:[1-5]\d):\d\d|^[1-9]/);
  await page.getByTestId('sim-pause').click();
  await page.getByTestId('record-to-notebook').click();
  const toast = page.locator('.toast').last();
  await expect(toast).toContainText('Recorded fridge-1.csv (');
  const rows = Number(/\((\d+) rows\)/.exec((await toast.textContent()) ?? '')?.[1]);
  expect(rows).toBeGreaterThan(600);

  await page.getByTestId('view-notebook').click();
  const status = page.getByTestId('nb-kernel-status');
  await expect(status).toContainText('idle', { timeout: 60_000 });
  await expect(status).toContainText('data/: fridge-1.csv');
  await page.getByTestId('nb-add-code').click();
  const cell = page.getByTestId('nb-cell').last();
  await cell.locator('.monaco-editor').click();
  await page.keyboard.insertText(
    "lines = open('data/fridge-1.csv').read().splitlines()\nprint(len(lines), lines[0])",
  );
  await cell.getByTestId('nb-run-cell').click();
  // The header and one line per recorded sample, with the fridge's columns.
  await expect(cell.getByTestId('nb-outputs')).toContainText(`${rows + 1} time_s,airC,`);
  await cell.scrollIntoViewIfNeeded();
  await snap(page, 'notebook-recorded-dataset');

  // A look at the graph does not end Python: back in the notebook, `lines` is still there.
  await page.getByTestId('view-graph').click();
  await expect(page.getByTestId('notebook-view')).toBeHidden();
  await page.getByTestId('view-notebook').click();
  await page.getByTestId('nb-add-code').click();
  const again = page.getByTestId('nb-cell').last();
  await again.locator('.monaco-editor').click();
  await page.keyboard.insertText('print("still", len(lines))');
  await again.getByTestId('nb-run-cell').click();
  await expect(again.getByTestId('nb-outputs')).toContainText(`still ${rows + 1}`);
});

test("the app's settings choose the notebook's package index", async ({ page }) => {
  await openApp(page);
  await page.getByTestId('settings').click();
  const url = page.getByTestId('settings-index-url');
  await expect(url).toHaveValue('https://cdn.jsdelivr.net/pyodide/v314.0.7/full/');
  await url.fill('ftp://mirror.lab/pyodide');
  await page.getByTestId('settings-save').click();
  await expect(page.getByTestId('settings-error')).toContainText('must be an http(s) URL');
  await url.fill('http://127.0.0.1:9/lab-mirror');
  await snap(page, 'settings-dialog');
  await page.getByTestId('settings-save').click();
  await expect(page.locator('.toast').last()).toContainText(
    'Package index: http://127.0.0.1:9/lab-mirror/',
  );

  await page.getByTestId('view-notebook').click();
  await expect(page.getByTestId('nb-kernel-status')).toContainText('idle', { timeout: 60_000 });
  await page.getByTestId('nb-add-code').click();
  const cell = page.getByTestId('nb-cell').last();
  await cell.locator('.monaco-editor').click();
  await page.keyboard.insertText('import emflow_nb as nb\nawait nb.use_sklearn()');
  await cell.getByTestId('nb-run-cell').click();
  await expect(cell.getByTestId('nb-notice')).toContainText(
    'scikit-learn unavailable — trained with the built-in trainer',
    { timeout: 15_000 },
  );
  await expect(cell.getByTestId('nb-notice')).toContainText('http://127.0.0.1:9/lab-mirror/');
});

// The Board panel against a real board's bootloader and firmware. navigator.serial is a TEST
// DOUBLE of the browser API (tests/e2e/serialDouble.ts): Playwright cannot give Chromium a USB
// serial port. The board behind the double is real simulated hardware — an ATmega328P on simavr
// running Debian's Optiboot, flashed here with the generic firmware the app ships, which then
// runs the uploaded Blink graph; its bytes travel over a pseudo-terminal into the page.
// Exercised: a cancelled picker and a busy port give their messages; a board without the
// firmware says so; flash with progress to 100 % and verify; upload Blink and see the board's
// packets; record an edge to the notebook's data/; reconnect reads the stored graph back and
// finds it equal to the project's; an interval edit goes live, a new node asks for a re-upload;
// an unplugged board says so. A second test: a browser without navigator.serial names the
// browsers that have it.
import { expect, test } from '@playwright/test';
import { downloadText, exportFbp, openApp, openExample, replaceText, snap } from './helpers';
import { installSerialDouble, type SerialDouble } from './serialDouble';

let double: SerialDouble | null = null;
test.afterEach(() => {
  double?.close();
  double = null;
});

test('a real Uno over Web Serial: flash, upload Blink, watch, record, read back', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await page.setViewportSize({ width: 1024, height: 700 });
  double = await installSerialDouble(page);
  await openApp(page);
  await openExample(page, 'blink');
  await page.getByTestId('open-board').click();
  const panel = page.getByTestId('real-board');
  await expect(panel).toBeVisible();
  await expect(page.getByTestId('rb-unsupported')).toHaveCount(0);
  const error = page.getByTestId('rb-error');

  // The picker cancelled, then a port another program holds.
  await double.setMode('cancel');
  await page.getByTestId('rb-connect').click();
  await expect(error).toHaveText('No port chosen: the port picker was cancelled.');
  await double.setMode('busy');
  await page.getByTestId('rb-connect').click();
  await expect(error).toContainText('The port cannot be opened (Failed to open serial port.)');
  await expect(error).toContainText('another program (Arduino IDE, a serial monitor');
  await expect(page.getByTestId('rb-connect')).toBeEnabled();

  // A board fresh from the factory: Optiboot and nothing else.
  await double.setMode('board');
  await page.getByTestId('rb-connect').click();
  await expect(error).toContainText('No emflow firmware answered on this port', {
    timeout: 30_000,
  });
  await expect(page.getByTestId('rb-status')).toHaveText('Port open · no generic firmware');

  // Flash: progress through the pages to 100 %, verified, then the firmware answers.
  await page.getByTestId('rb-flash').click();
  const label = page.getByTestId('rb-progress-label');
  await expect(label).toContainText(/Writing page \d+ of \d+/, { timeout: 30_000 });
  await snap(page, '45-real-board-flashing');
  await expect(label).toContainText(/Verifying page \d+ of \d+/, { timeout: 120_000 });
  await expect(label).toHaveText(/^Flashed and verified (\d+) pages \(100 %\)$/, {
    timeout: 120_000,
  });
  const bar = page.getByTestId('rb-progress').locator('progress');
  expect(await bar.getAttribute('value')).toBe(await bar.getAttribute('max'));
  await expect(page.getByTestId('rb-status')).toContainText('Uno · generic firmware · link v1', {
    timeout: 30_000,
  });
  await expect(error).toHaveCount(0);
  await expect(page.getByTestId('rb-graph-status')).toHaveText(
    'No graph stored on the board yet: upload one.',
  );

  // Upload Blink: the board stores it and sends the watched toggle → led edge.
  await page.getByTestId('rb-upload').click();
  await expect(page.getByTestId('rb-graph-status')).toHaveText(
    'The board runs this project’s graph.',
    { timeout: 30_000 },
  );
  const log = page.getByTestId('rb-log');
  await expect(log).toContainText(/graph uploaded \(\d+ B\), stored in EEPROM/);
  await expect(log).toContainText(/toggle\[0\] → led\[0\]\s+true/, { timeout: 30_000 });
  await expect(log).toContainText(/toggle\[0\] → led\[0\]\s+false/, { timeout: 30_000 });
  const edge = page.getByTestId('rb-edge').filter({ hasText: 'toggle[0] → led[0]' });
  await expect
    .poll(async () => Number(await edge.locator('td').nth(2).textContent()), { timeout: 30_000 })
    .toBeGreaterThanOrEqual(3);
  await snap(page, '46-real-board-blink');

  // Record the edge into the notebook's data/.
  await edge.getByTestId('rb-record').click();
  await expect(
    page.getByText(/Recorded board-1\.csv \(\d+ packets of toggle\[0\] → led\[0\]\)/),
  ).toBeVisible();

  // It is kept with the project: board time in seconds, the LED's level as 0/1.
  const file = await downloadText(page, async () => {
    await page.getByTestId('menu-export').click();
    await page.getByTestId('export-project').click();
  });
  const datasets = JSON.parse(file.text).project.datasets as { name: string; csv: string }[];
  const csv = datasets
    .find((d) => d.name === 'board-1.csv')!
    .csv.trim()
    .split('\n');
  expect(csv[0]).toBe('time_s,toggle[0]->led[0]');
  const rows = csv.slice(1).map((r) => r.split(',').map(Number));
  expect(rows.length).toBeGreaterThanOrEqual(3);
  rows.forEach(([t, level], i) => {
    if (i > 0) expect(t).toBeGreaterThan(rows[i - 1][0]);
    if (i > 0) expect(level).toBe(1 - rows[i - 1][1]); // toggled on every packet
  });

  // An edit while connected (hidden, the panel keeps the port): a new initial value goes to
  // the running board as a live edit; the LED then toggles every 250 ms of board time.
  await page.getByRole('button', { name: 'Hide the board panel' }).click();
  await expect(panel).toBeHidden();
  await page.locator('.react-flow__node[data-id="timer"]').click();
  const interval = page.getByTestId('iip-input-timer-interval');
  await interval.fill('250');
  await interval.press('Enter');
  await expect(page.getByTestId('iip-timer-interval')).toHaveText('250');
  await page.getByTestId('open-board').click();
  await expect(log).toContainText(/live edit \(\d+ B\): new initial values for timer\[0\]/);
  await expect(page.getByTestId('rb-graph-status')).toContainText(
    'the latest edits were applied live and are not stored',
  );
  const seen = Number(await edge.locator('td').nth(2).textContent());
  await expect
    .poll(async () => Number(await edge.locator('td').nth(2).textContent()), { timeout: 30_000 })
    .toBeGreaterThanOrEqual(seen + 3);
  await edge.getByTestId('rb-record').click();
  const project = await downloadText(page, async () => {
    await page.getByTestId('menu-export').click();
    await page.getByTestId('export-project').click();
  });
  const second = (JSON.parse(project.text).project.datasets as { name: string; csv: string }[])
    .find((d) => d.name === 'board-2.csv')!
    .csv.trim()
    .split('\n');
  const [last, beforeLast] = [second.at(-1)!, second.at(-2)!].map((r) => Number(r.split(',')[0]));
  expect(last - beforeLast).toBeCloseTo(0.25, 2); // board time between two packets

  // A structural edit cannot go live: the panel asks for a re-upload.
  await page.getByRole('button', { name: 'Hide the board panel' }).click();
  await page.getByTestId('view-text').click();
  const text = await exportFbp(page);
  await replaceText(page, `${text.trimEnd()}\n'1' -> IN extra(Drop)\n`);
  await page.getByTestId('open-board').click();
  await expect(page.getByTestId('rb-graph-status')).toHaveText(
    'The graph changed since the upload: re-upload needed.',
  );
  await page.getByTestId('rb-upload').click();
  await expect(page.getByTestId('rb-graph-status')).toHaveText(
    'The board runs this project’s graph.',
    { timeout: 30_000 },
  );

  // Reconnect: the board resets, runs its stored graph, and it reads back equal.
  await page.getByTestId('rb-disconnect').click();
  await page.getByTestId('rb-connect').click();
  await expect(page.getByTestId('rb-graph-status')).toHaveText(
    'The board runs this project’s graph.',
    { timeout: 30_000 },
  );
  await expect(log).toContainText(/stored graph: \d+ B, the project’s graph/);
  // Its edges are watched again: the stored Blink's packets arrive.
  await expect(page.getByTestId('rb-edge').filter({ hasText: 'toggle[0] → led[0]' })).toBeVisible({
    timeout: 30_000,
  });

  // Unplugged mid-session: the panel says so and can connect again.
  await double.unplug();
  await expect(error).toContainText('The board was disconnected (The device has been lost.)');
  await expect(page.getByTestId('rb-connect')).toBeEnabled();
  await snap(page, '47-real-board-unplugged');
});

test('a browser without Web Serial is told which browsers have it', async ({ page }) => {
  // As in Firefox and Safari: no navigator.serial at all.
  await page.addInitScript(() =>
    Object.defineProperty(navigator, 'serial', { configurable: true, value: undefined }),
  );
  await openApp(page);
  await page.getByTestId('open-board').click();
  await expect(page.getByTestId('rb-unsupported')).toContainText(
    'This browser has no Web Serial: use Chrome, Edge or Opera',
  );
  await page.getByTestId('rb-connect').click();
  await expect(page.getByTestId('rb-error')).toContainText(
    'Firefox and Safari cannot open serial ports.',
  );
});

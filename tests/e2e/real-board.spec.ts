// The Board panel against a real board's bootloader and firmware. navigator.serial is a TEST
// DOUBLE of the browser API (tests/e2e/serialDouble.ts): Playwright cannot give Chromium a USB
// serial port. The board behind the double is real simulated hardware — an ATmega328P on simavr
// running Debian's Optiboot, flashed here with the generic firmware the app ships, which then
// runs the uploaded Blink graph; its bytes travel over a pseudo-terminal into the page.
// Exercised: a cancelled picker and a busy port give their messages; a board without the
// firmware says so; flash with progress to 100 % and verify; upload Blink and see the board's
// packets; record an edge to the notebook's data/; reconnect reads the stored graph back and
// finds it equal to the project's; an interval edit and a new node go live; an unplugged board
// says so. A second test: the fridge on a board flashed earlier (a DS18B20 on pin 9) gets a node
// and a watched edge live, nodes beyond the board's capacity ask for a re-upload with the
// reason (and send nothing), and the node and edge come off live. A third: the cable pulled
// mid-flash gives a clear error, the panel connects again, and a second flash succeeds
// (simavr keeps Optiboot as a real board does). A fourth: a browser without navigator.serial
// names the browsers that have it. A fifth: the activity graph on a Mega 2560 (simavr's
// ATmega2560 behind its STK500v2 bootloader, the generic firmware flashed earlier): Upload
// writes model 1 into the firmware's model area through the bootloader, then the graph, and
// the board's classes arrive; a second Upload while every edge is watched finds the model on
// the board (same CRC-32) and writes nothing.
import { expect, test } from '@playwright/test';
import { downloadText, exportFbp, openApp, openExample, replaceText, snap } from './helpers';
import { genericHexPath, genericHexPathOf } from '../../web/src/test-support/genericFirmware';
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
  await expect(log).toContainText(
    /live edit \(\d+ B\): initial values of timer INTERVAL removed; initial value "250" -> timer INTERVAL/,
  );
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

  // A new node with an initial value goes live too (the same translation as emflow-runtime
  // --serial's); the upload stores it.
  await page.getByRole('button', { name: 'Hide the board panel' }).click();
  await page.getByTestId('view-text').click();
  const text = await exportFbp(page);
  await replaceText(page, `${text.trimEnd()}\n'1' -> IN extra(Drop)\n`);
  await page.getByTestId('open-board').click();
  await expect(log).toContainText(/live edit \(\d+ B\): node extra \(Drop\) added; initial value/);
  await expect(page.getByTestId('rb-graph-status')).toContainText(
    'the latest edits were applied live and are not stored',
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

test('the fridge on a real Uno: nodes and edges added and removed live', async ({ page }) => {
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  // Flashed earlier with the generic firmware; its DS18B20 on pin 9 reads a 2..7 °C wave.
  double = await installSerialDouble(page, {
    app: genericHexPath,
    ds18b20: { pin: 9, wave: '2:7:16' },
  });
  await openApp(page);
  await openExample(page, 'fridge');
  await page.getByTestId('open-board').click();
  const log = page.getByTestId('rb-log');
  const status = page.getByTestId('rb-graph-status');
  await page.getByTestId('rb-connect').click();
  await expect(page.getByTestId('rb-status')).toContainText('Uno · generic firmware', {
    timeout: 30_000,
  });
  const max = Number((await log.textContent())?.match(/link v\d+, (\d+) nodes/)?.[1]);
  expect(max).toBeGreaterThan(0);
  await page.getByTestId('rb-upload').click();
  await expect(status).toHaveText('The board runs this project’s graph.', { timeout: 30_000 });
  await expect(log).toContainText(/thermometer\[0\] → hysteresis\[0\]\s+\d/, { timeout: 30_000 });

  // The graph view gets a node and an edge from the thermometer (through the text view, which
  // the graph follows): the board runs them at once and the new edge is watched.
  const hide = page.getByRole('button', { name: 'Hide the board panel' });
  await hide.click();
  await page.getByTestId('view-text').click();
  const fridge = (await exportFbp(page)).trimEnd();
  await replaceText(page, `${fridge}\nthermometer() OUT -> IN shown(Drop)\n`);
  await page.getByTestId('view-graph').click();
  await expect(page.locator('.react-flow__node[data-id="shown"]')).toBeVisible();
  await page.getByTestId('open-board').click();
  await expect(log).toContainText(
    /live edit \(\d+ B\): node shown \(Drop\) added; edge thermometer OUT -> shown IN added/,
  );
  await expect(status).toContainText('the latest edits were applied live and are not stored');
  const shown = page.getByTestId('rb-edge').filter({ hasText: 'thermometer[0] → shown[0]' });
  await expect
    .poll(async () => Number(await shown.locator('td').nth(2).textContent()), { timeout: 60_000 })
    .toBeGreaterThanOrEqual(2);
  await expect(log).toContainText(/thermometer\[0\] → shown\[0\]\s+\d/);
  await snap(page, '48-real-board-live-node');

  // More nodes than the board holds: nothing goes live, and the panel says why.
  const extra = Array.from({ length: max + 1 }, (_, i) => `'1' -> IN spare${i}(Drop)`);
  await hide.click();
  await page.getByTestId('view-text').click();
  await replaceText(page, `${fridge}\nthermometer() OUT -> IN shown(Drop)\n${extra.join('\n')}\n`);
  await page.getByTestId('open-board').click();
  await expect(status).toContainText(
    new RegExp(
      `re-upload needed \\(not live: node spare\\d+ \\(Drop\\) added: the board holds at most ${max} nodes\\)`,
    ),
  );
  await expect(log).not.toContainText('spare0');
  await snap(page, '49-real-board-capacity');

  // Back to the fridge: the new node and its edge come off the running board.
  await hide.click();
  await page.getByTestId('view-text').click();
  await replaceText(page, `${fridge}\n`);
  await page.getByTestId('open-board').click();
  await expect(log).toContainText(
    /live edit \(\d+ B\): edge thermometer OUT -> shown IN removed; node shown removed/,
  );
  await expect(status).toContainText('The board runs this project’s graph; the latest edits');
  const seen = Number(await shown.locator('td').nth(2).textContent());
  // The removed edge sends nothing more while the fridge's own edges go on.
  const fridgeEdge = page
    .getByTestId('rb-edge')
    .filter({ hasText: 'thermometer[0] → hysteresis[0]' });
  const before = Number(await fridgeEdge.locator('td').nth(2).textContent());
  await expect
    .poll(async () => Number(await fridgeEdge.locator('td').nth(2).textContent()), {
      timeout: 60_000,
    })
    .toBeGreaterThanOrEqual(before + 2);
  expect(Number(await shown.locator('td').nth(2).textContent())).toBe(seen);
});

test('unplugged mid-flash: a clear error, the panel usable, a second flash succeeds', async ({
  page,
}) => {
  test.setTimeout(400_000);
  await page.setViewportSize({ width: 1024, height: 700 });
  double = await installSerialDouble(page); // Optiboot alone, as from the factory
  await openApp(page);
  await page.getByTestId('open-board').click();
  const error = page.getByTestId('rb-error');
  const label = page.getByTestId('rb-progress-label');
  await page.getByTestId('rb-connect').click();
  await expect(error).toContainText('No emflow firmware answered on this port', {
    timeout: 30_000,
  });

  // The cable comes out while pages are being written.
  await page.getByTestId('rb-flash').click();
  await expect(label).toContainText(/Writing page (1\d|[2-9]\d|\d{3}) of \d+/, {
    timeout: 60_000,
  });
  await double.unplug();
  await expect(error).toHaveText(
    'The board was disconnected (The device has been lost.) while flashing: the firmware is ' +
      'incomplete, but the bootloader is untouched. Plug the board in, connect and flash again.',
  );
  await expect(page.getByTestId('rb-progress')).toHaveCount(0);
  await expect(page.getByTestId('rb-connect')).toBeEnabled();
  await expect(page.getByTestId('rb-flash')).toBeDisabled();
  await expect(page.getByTestId('rb-status')).toHaveText(
    'Not connected. Plug the board in by USB and connect.',
  );
  await snap(page, '51-real-board-lost-mid-flash');

  // Plugged in again: the reset starts Optiboot (the flash never reaches its pages), the half
  // written program does not answer, and a second flash goes through and is verified.
  await page.getByTestId('rb-connect').click();
  await expect(error).toContainText('No emflow firmware answered on this port', {
    timeout: 30_000,
  });
  await page.getByTestId('rb-flash').click();
  await expect(label).toHaveText(/^Flashed and verified (\d+) pages \(100 %\)$/, {
    timeout: 240_000,
  });
  await expect(page.getByTestId('rb-status')).toContainText('Uno · generic firmware · link v1', {
    timeout: 30_000,
  });
  await expect(error).toHaveCount(0);
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

test('the activity graph on a real Mega: Upload writes its model through the bootloader, then classifies', async ({
  page,
}) => {
  test.setTimeout(300_000);
  double = await installSerialDouble(page, {
    board: 'mega2560',
    app: genericHexPathOf('mega2560'),
  });
  await openApp(page);
  await openExample(page, 'activity');
  await page.getByTestId('open-board').click();
  await page.getByTestId('rb-board').selectOption('mega2560');
  const log = page.getByTestId('rb-log');
  await page.getByTestId('rb-connect').click();
  await expect(page.getByTestId('rb-status')).toContainText('Mega2560 · generic firmware', {
    timeout: 60_000,
  });
  await page.getByTestId('rb-upload').click();
  const notice = page.getByTestId('rb-notice');
  await expect(notice).toContainText(/Model 1 written into its model area \(\d+ B, \d+ pages\)/, {
    timeout: 180_000,
  });
  await expect(page.getByTestId('rb-graph-status')).toHaveText(
    'The board runs this project’s graph.',
    { timeout: 60_000 },
  );
  await expect(log).toContainText(/classify\[0\] → log\[0\]\s+[0-4]\b/, { timeout: 60_000 });
  await snap(page, '48-real-mega-activity');
  await expect(page.getByTestId('rb-error')).toHaveCount(0);

  // Upload again while the graph runs with every edge watched (hundreds of packets a second):
  // the board's CRC-32 says it holds the model, nothing is written, the graph goes up again.
  await page.getByTestId('rb-upload').click();
  await expect(notice).toContainText('Model 1 was already on the board (same CRC-32)', {
    timeout: 60_000,
  });
  await expect(page.getByTestId('rb-error')).toHaveCount(0);
  await expect(log).toContainText(/classify\[0\] → log\[0\]\s+[0-4]\b/, { timeout: 60_000 });
});

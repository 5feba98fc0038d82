// "Run on: virtual Uno": the Blink example runs on the real generic firmware (the .hex the app
// ships) on an emulated ATmega328P in a worker. The graph is compiled in the browser for the
// capacities the board reports, uploaded over the serial link, and the board's own LED pin, the
// serial monitor (xterm.js) and the logic view show it running; the logic view's VCD export
// parses with the reader; "compare both" runs Blink on the simulator beside the board and the
// comparison table agrees.
import { expect, test, type Page } from '@playwright/test';
import { readVcd } from '../../web/src/virtual-board/vcd';
import { writeFileSync } from 'node:fs';
import { compareFridgeOn, expectDeltaInView } from './compareBoard';
import { downloadText, openApp, openExample, SCREENSHOT_DIR, snap } from './helpers';

/** The serial monitor's rows on screen, as one text (xterm.js renders rows as DOM). */
const serialText = (page: Page) =>
  page.getByTestId('vuno-serial').locator('.xterm-rows').innerText();

/** The comparison table's last column (Δ) ends inside a window `width` wide: not cut off. */
test('Blink runs on the virtual Uno: serial monitor, logic view, VCD export, reset', async ({
  page,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openApp(page);
  await openExample(page, 'blink');
  await page.getByTestId('sim-run-on').selectOption('virtual-uno');
  await expect(page.getByTestId('virtual-uno')).toBeVisible();
  await expect(page.getByTestId('vuno-firmware')).toContainText(/flash \d+ \/ 32256 B/);

  await page.getByTestId('vuno-boot').click();
  const serial = page.getByTestId('vuno-serial');
  // The banner, stamped with the board time it arrived at.
  await expect(serial).toContainText(/\d\.\d{3} s\s+emflow generic firmware 1 uno/, {
    timeout: 30_000,
  });

  // Real time: the monitor shows its latest rows only, and with sleep skipping ×10 scrolls the
  // upload line away within a second of board time.
  await page.getByTestId('vuno-speed').selectOption('1');
  await page.getByTestId('vuno-run').click();
  await expect(serial).toContainText(/graph uploaded \(\d+ B\), stored in EEPROM/, {
    timeout: 30_000,
  });
  // The toggle → led edge is watched: booleans arrive as the LED blinks.
  await expect(serial).toContainText(/toggle\[0\] → led\[0\]\s+true/, { timeout: 30_000 });
  await expect(serial).toContainText(/toggle\[0\] → led\[0\]\s+false/, { timeout: 30_000 });
  const clock = page.getByTestId('vuno-clock');
  await expect
    .poll(async () => Number((await clock.textContent())?.replace(' s', '')), { timeout: 30_000 })
    .toBeGreaterThan(4);

  // The logic view: D13 toggles, once per 500 ms of board time.
  const d13 = page.getByTestId('logic-view').getByTestId('logic-row-13');
  await expect
    .poll(async () => Number(await d13.getAttribute('data-changes')), { timeout: 30_000 })
    .toBeGreaterThanOrEqual(6);
  await snap(page, '40-virtual-uno-blink');
  await page.getByTestId('vuno-stop').click();

  // "Copy all" puts the kept lines on the clipboard.
  await page.getByTestId('vuno-serial-copy').click();
  await expect(page.getByTestId('vuno-serial-copied')).toContainText(/\d+ lines copied/);
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toContain('emflow generic firmware 1 uno');
  expect(copied).toMatch(/toggle\[0\] → led\[0\]\s+true/);

  // The VCD: one wire D13 in module uno, microseconds, toggling every 500 ms of board time.
  const vcd = await downloadText(page, () => page.getByTestId('logic-export-vcd').click());
  expect(vcd.name).toMatch(/-uno\.vcd$/);
  // Kept beside the screenshots, to open in PulseView or GTKWave.
  writeFileSync(`${SCREENSHOT_DIR}/40-virtual-uno-blink.vcd`, vcd.text);
  const file = readVcd(vcd.text);
  expect(file.timescale).toEqual({ magnitude: 1, unit: 'us' });
  const d13Wire = file.signals.find((s) => s.name === 'D13');
  expect(d13Wire?.scope).toEqual(['uno']);
  const times = file.changes.filter((c) => c.id === d13Wire?.id && c.value !== 'x');
  expect(times.length).toBeGreaterThanOrEqual(6);
  const rises = times.filter((c) => c.value === '1').map((c) => c.time);
  for (let i = 1; i < rises.length; i++) {
    // 1000 ms per period (500 on, 500 off), give or take a millisecond of the loop.
    expect(Math.abs(rises[i] - rises[i - 1] - 1_000_000)).toBeLessThan(2_000);
  }

  // The reset button: the board runs the graph stored in its EEPROM again, without an upload.
  await page.getByTestId('vuno-reset').click();
  await expect(serial).toContainText('— reset —');
  await expect
    .poll(() => serialText(page), { timeout: 30_000 })
    .toMatch(/— reset —[\s\S]*emflow generic firmware 1 uno/);

  // The terminal follows the app's theme: light background, dark text.
  await page.getByRole('button', { name: 'Switch theme' }).click();
  const bg = await serial
    .locator('.xterm-viewport')
    .evaluate((el) => getComputedStyle(el).backgroundColor);
  expect(bg).toBe('rgb(255, 255, 255)');
  await snap(page, '44-virtual-uno-light');
});

test('compare both: Blink on the simulator and the virtual Uno agree change by change', async ({
  page,
}) => {
  await openApp(page);
  await openExample(page, 'blink');
  await page.getByTestId('sim-run-on').selectOption('compare');
  await expect(page.getByTestId('compare-simulator')).toBeVisible();
  await expect(page.getByTestId('compare-board')).toBeVisible();
  await expect(page.getByTestId('compare-summary')).toContainText('Run the graph on both sides');

  await page.getByTestId('vuno-boot').click();
  await expect(page.getByTestId('vuno-serial')).toContainText('emflow generic firmware 1 uno', {
    timeout: 30_000,
  });
  await page.getByTestId('vuno-speed').selectOption('10');
  await page.getByTestId('sim-speed').selectOption('10');
  await page.getByTestId('vuno-run').click();
  await page.getByTestId('sim-run').click();

  const summary = page.getByTestId('compare-summary');
  await expect
    .poll(async () => Number(await summary.getAttribute('data-within')), { timeout: 60_000 })
    .toBeGreaterThanOrEqual(6);
  await page.getByTestId('sim-pause').click();
  await page.getByTestId('vuno-stop').click();
  expect(await summary.getAttribute('data-disagree')).toBe('0');
  expect(await summary.getAttribute('data-overlaps')).toBe('0');
  const verdicts = await page
    .getByTestId('compare-row')
    .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-verdict')));
  expect(verdicts.filter((v) => v === 'within').length).toBeGreaterThanOrEqual(6);
  expect(verdicts.every((v) => v === 'within' || v === 'pending')).toBe(true);
  await expect(page.getByTestId('logic-view-simulator').getByTestId('logic-row-13')).toBeVisible();
  await snap(page, '41-compare-blink-1280');
  await expectDeltaInView(page, 1280);
  await page.setViewportSize({ width: 1024, height: 700 });
  await expectDeltaInView(page, 1024);
  await snap(page, '42-compare-blink-1024');
  await page.getByTestId('sim-run-on').selectOption('virtual-uno');
  await snap(page, '43-virtual-uno-1024');
});

test('compare both: the fridge with its world on the virtual Uno’s pins switches the relays as the simulator does', async ({
  page,
}) => {
  await compareFridgeOn(
    page,
    { runOn: 'virtual-uno', label: 'virtual Uno', banner: 'emflow generic firmware 1 uno' },
    'compare-fridge-world',
  );
});

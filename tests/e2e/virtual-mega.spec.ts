// "Run on: virtual Mega 2560": the same panel as the virtual Uno's, on the Mega's generic
// firmware (generic-mega2560.hex) running on an emulated ATmega2560 in a worker. Blink toggles
// D13 (PB7 on the Mega) in the logic view and its VCD names the Mega; the fridge, compared
// with the simulator, switches the relays on D11/D12 the same way with the world's DS18B20 on
// D9 — and the Uno's own virtual board is left alone.
import { expect, test } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import { readVcd } from '../../web/src/virtual-board/vcd';
import { compareFridgeOn } from './compareBoard';
import { downloadText, openApp, openExample, SCREENSHOT_DIR, snap } from './helpers';

test('Blink runs on the virtual Mega 2560: banner, its firmware, D13 in the logic view and the VCD', async ({
  page,
}) => {
  await openApp(page);
  await openExample(page, 'blink');
  await page.getByTestId('sim-run-on').selectOption('virtual-mega');
  const panel = page.getByTestId('virtual-uno');
  await expect(panel).toHaveAttribute('data-board', 'mega2560');
  // The Mega's firmware and its sizes: 248 KB of flash for the application.
  await expect(page.getByTestId('vuno-firmware')).toContainText(/flash \d+ \/ 253952 B/);
  await expect(page.getByTestId('vuno-clock')).toHaveAttribute('title', /ATmega2560/);

  await page.getByTestId('vuno-boot').click();
  const serial = page.getByTestId('vuno-serial');
  await expect(serial).toContainText(/\d\.\d{3} s\s+emflow generic firmware 1 mega2560/, {
    timeout: 30_000,
  });
  await page.getByTestId('vuno-speed').selectOption('10');
  await page.getByTestId('vuno-run').click();
  const d13 = page.getByTestId('logic-view').getByTestId('logic-row-13');
  await expect
    .poll(async () => Number(await d13.getAttribute('data-changes')), { timeout: 60_000 })
    .toBeGreaterThanOrEqual(6);
  await expect(page.getByLabel('Arduino MEGA 2560 with the pins the graph uses')).toBeVisible();
  await snap(page, '45-virtual-mega-blink');
  await page.getByTestId('vuno-stop').click();

  const vcd = await downloadText(page, () => page.getByTestId('logic-export-vcd').click());
  expect(vcd.name).toMatch(/-mega\.vcd$/);
  writeFileSync(`${SCREENSHOT_DIR}/45-virtual-mega-blink.vcd`, vcd.text);
  const file = readVcd(vcd.text);
  const wire = file.signals.find((s) => s.name === 'D13');
  expect(wire?.scope).toEqual(['mega2560']);
  const rises = file.changes.filter((c) => c.id === wire?.id && c.value === '1').map((c) => c.time);
  expect(rises.length).toBeGreaterThanOrEqual(3);
  for (let i = 1; i < rises.length; i++)
    expect(Math.abs(rises[i] - rises[i - 1] - 1_000_000)).toBeLessThan(2_000);

  // The virtual Uno is another board: still off.
  await page.getByTestId('sim-run-on').selectOption('virtual-uno');
  await expect(panel).toHaveAttribute('data-board', 'uno');
  await expect(page.getByTestId('vuno-boot')).toBeVisible();
});

test('compare with the virtual Mega: the fridge on its pins switches the relays as the simulator does', async ({
  page,
}) => {
  await compareFridgeOn(
    page,
    {
      runOn: 'virtual-mega',
      label: 'virtual Mega 2560',
      banner: 'emflow generic firmware 1 mega2560',
    },
    '46-compare-fridge-virtual-mega',
  );
});

// D22, D53 and A15 (69) blink together, D44 glows at half duty: pins an Uno does not have.
const MEGA_PINS_GRAPH = [
  '# @name Mega pins',
  'timer(Timer) OUT -> IN toggle(ToggleBoolean) OUT -> IN d22(DigitalWrite)',
  'd22() OUT -> IN d53(DigitalWrite) OUT -> IN a15(DigitalWrite) OUT -> IN sink(Drop)',
  "'500' -> INTERVAL timer()",
  "'22' -> PIN d22()",
  "'53' -> PIN d53()",
  "'69' -> PIN a15()",
  "'44' -> PIN fan(PwmWrite) OUT -> IN fanSink(Drop)",
  "'128' -> IN fan()",
].join('\n');

test('the virtual Mega 2560 is drawn with its own headers and lights D22..D53 and A8..A15', async ({
  page,
}) => {
  await openApp(page);
  await page.getByTestId('import-input').setInputFiles({
    name: 'mega-pins.fbp',
    mimeType: 'text/plain',
    buffer: Buffer.from(MEGA_PINS_GRAPH),
  });
  await expect(page.getByTestId('project-title')).toHaveValue('Mega pins');
  await page.getByTestId('sim-run-on').selectOption('virtual-mega');
  const drawing = page.getByTestId('board-zoom').getByTestId('board-svg');
  await expect(drawing).toHaveAttribute('data-layout', 'mega2560');
  // Every one of the Mega's 70 pins is drawn, with its name as a tooltip.
  await expect(drawing.locator('[data-testid^="board-hole-"]')).toHaveCount(70);
  await expect(drawing.getByTestId('board-hole-69').locator('title')).toHaveText('A15');
  await expect(drawing.getByTestId('board-hole-22').locator('title')).toHaveText('D22');
  // The graph's outputs have their LEDs before the run, all off.
  for (const pin of [22, 44, 53, 69])
    await expect(drawing.getByTestId(`board-led-${pin}`)).toHaveAttribute('data-on', '0');

  await page.getByTestId('vuno-boot').click();
  await expect(page.getByTestId('vuno-serial')).toContainText(
    'emflow generic firmware 1 mega2560',
    {
      timeout: 30_000,
    },
  );
  await page.getByTestId('vuno-run').click();
  // Each blinking pin lights (and goes dark again) as the firmware drives it.
  for (const pin of [22, 53, 69]) {
    const led = drawing.getByTestId(`board-led-${pin}`);
    await expect(led).toHaveAttribute('data-on', '1', { timeout: 30_000 });
    await expect(led).toHaveAttribute('data-on', '0', { timeout: 30_000 });
  }
  // The PWM pin glows with its duty (pinGlow.ts), not with its last edge.
  const fan = drawing.getByTestId('board-led-44');
  await expect(fan).toHaveAttribute('data-on', '1', { timeout: 30_000 });
  const glow = Number(await fan.locator('.board-led-on').getAttribute('opacity'));
  expect(glow).toBeCloseTo(128 / 255, 1);
  await expect(drawing.getByTestId('board-hole-22').locator('rect')).toHaveClass(/used/);
  await expect(page.getByTestId('logic-view').getByTestId('logic-row-53')).toBeVisible();
  await expect(drawing.getByTestId('board-led-69')).toHaveAttribute('data-on', '1', {
    timeout: 30_000,
  });
  await snap(page, '47-virtual-mega-pins-1280');
  // A click on the drawing shows it large enough to read the labels, still live; Esc closes it.
  await page.getByTestId('board-zoom').click();
  const large = page.getByTestId('board-dialog').getByTestId('board-svg');
  await expect(large).toHaveAttribute('data-layout', 'mega2560');
  expect((await large.boundingBox())!.width).toBeGreaterThan(900);
  await expect(large.getByTestId('board-led-22')).toHaveAttribute('data-on', /[01]/);
  await snap(page, '47-virtual-mega-large');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('board-dialog')).toHaveCount(0);
  await page.setViewportSize({ width: 1024, height: 700 });
  await snap(page, '47-virtual-mega-pins-1024');
  await page.getByTestId('vuno-stop').click();
});

test('the activity example on the virtual Mega: its model goes into flash, the classes reach the serial monitor; the Uno refuses it in words', async ({
  page,
}) => {
  await openApp(page);
  await openExample(page, 'activity');
  await page.getByTestId('sim-run-on').selectOption('virtual-mega');
  await page.getByTestId('vuno-boot').click();
  const serial = page.getByTestId('vuno-serial');
  await expect(serial).toContainText('emflow generic firmware 1 mega2560', { timeout: 30_000 });
  await page.getByTestId('vuno-speed').selectOption('10');
  await page.getByTestId('vuno-run').click();
  // The model area's pages went into program memory (the board restarted), then the graph. The
  // panel keeps the upload's line: in the monitor the graph's packets push it out of view at once.
  const upload = page.getByTestId('vuno-upload');
  await expect(upload).toContainText(
    /model 1 written to the model area: \d+ B in \d+ flash pages, board restarted · graph uploaded \(\d+ B\)/,
    { timeout: 30_000 },
  );
  // Classes (0 lying .. 4 ruminating) from the forest in the board's flash.
  await expect(serial).toContainText(/classify\[0\] → log\[0\]\s+[0-4]\b/, { timeout: 60_000 });
  await snap(page, '47-virtual-mega-activity');
  await page.getByTestId('vuno-stop').click();
  await expect(serial).not.toContainText('refused');
  // Uploading again writes nothing: the board's CRC-32 says it holds model 1.
  await page.getByTestId('vuno-run').click();
  await expect(upload).toContainText(
    /model 1 already in the model area \(\d+ B, same CRC-32\): nothing written · graph uploaded/,
    { timeout: 30_000 },
  );
  await page.getByTestId('vuno-stop').click();

  // The virtual Uno's generic firmware has no model area: said in words, nothing uploaded.
  await page.getByTestId('sim-run-on').selectOption('virtual-uno');
  await page.getByTestId('vuno-boot').click();
  await expect(serial).toContainText('emflow generic firmware 1 uno', { timeout: 30_000 });
  await page.getByTestId('vuno-run').click();
  await expect(serial).toContainText(
    /refused: the Uno's generic firmware holds no models .*pick the virtual Mega 2560/,
    { timeout: 30_000 },
  );
  await expect(serial).not.toContainText('graph uploaded');
});

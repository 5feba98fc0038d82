// Steps shared by the virtual-board specs: "compare" mode, the simulator beside a virtual board
// that runs the same graph with the same world on its pins.
import { expect, type Page } from '@playwright/test';
import { openApp, openExample, snap } from './helpers';

/** The compare table's last column (Δ) is inside a window `width` pixels wide, not cut off. */
export async function expectDeltaInView(page: Page, width: number): Promise<void> {
  const delta = await page.getByRole('columnheader', { name: 'Δ' }).boundingBox();
  expect(delta).not.toBeNull();
  expect(delta!.x + delta!.width).toBeLessThanOrEqual(width);
}

/**
 * The fridge example compared on a virtual board: the simulator's fridge world (seed, inputs)
 * is behind the board's pins (the DS18B20 on pin 9 reads its air, the relays on 11 and 12
 * drive its contactor). Runs until two relay changes agree within a timer interval, then
 * stops both: no change disagrees, the relays never overlap, the board reports no error.
 */
export async function compareFridgeOn(
  page: Page,
  board: { runOn: 'virtual-uno' | 'virtual-mega'; label: string; banner: string },
  screenshot: string,
): Promise<void> {
  await openApp(page);
  await openExample(page, 'fridge');
  // The board picked last is the one compared.
  await page.getByTestId('sim-run-on').selectOption(board.runOn);
  await page.getByTestId('sim-run-on').selectOption('compare');
  await expect(page.getByTestId('compare-board')).toContainText(board.label);
  await page.getByTestId('vuno-boot').click();
  await expect(page.getByTestId('vuno-serial')).toContainText(board.banner, { timeout: 30_000 });
  await page.getByTestId('vuno-speed').selectOption('Infinity');
  await page.getByTestId('sim-speed').selectOption('10');
  await page.getByTestId('vuno-run').click();
  await page.getByTestId('sim-run').click();
  await expect(page.getByTestId('vuno-world')).toContainText('fridge world on the pins', {
    timeout: 30_000,
  });
  await expect(page.getByTestId('vuno-world')).toContainText(/thermometer -?\d+\.\d °C/);
  const summary = page.getByTestId('compare-summary');
  await expect
    .poll(async () => Number(await summary.getAttribute('data-within')), { timeout: 120_000 })
    .toBeGreaterThanOrEqual(2);
  await expect(page.getByRole('columnheader', { name: board.label })).toBeVisible();
  await expectDeltaInView(page, 1280);
  await snap(page, screenshot);
  await page.getByTestId('sim-pause').click();
  await page.getByTestId('vuno-stop').click();
  expect(await summary.getAttribute('data-disagree')).toBe('0');
  expect(await summary.getAttribute('data-overlaps')).toBe('0');
  await expect(page.getByTestId('vuno-serial')).not.toContainText('error');
}

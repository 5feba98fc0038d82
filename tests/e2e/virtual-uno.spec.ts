// "Run on: virtual Uno": the Blink example runs on the real generic firmware (the .hex the app
// ships) on an emulated ATmega328P in a worker. The graph is compiled in the browser for the
// capacities the board reports, uploaded over the serial link, and the board's own LED pin and
// serial monitor show it running; a graph the board cannot hold is refused with the reason.
import { expect, test } from '@playwright/test';
import { openApp, openExample, snap } from './helpers';

test('Blink runs on the virtual Uno: boot banner, upload, LED on pin 13, watched packets', async ({
  page,
}) => {
  await openApp(page);
  await openExample(page, 'blink');
  await page.getByTestId('sim-run-on').selectOption('virtual-uno');
  await expect(page.getByTestId('virtual-uno')).toBeVisible();
  await expect(page.getByTestId('vuno-firmware')).toContainText(/flash \d+ \/ 32256 B/);

  await page.getByTestId('vuno-boot').click();
  const serial = page.getByTestId('vuno-serial');
  await expect(serial).toContainText('emflow generic firmware 1 uno', { timeout: 30_000 });

  await page.getByTestId('vuno-speed').selectOption('10');
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
    .toBeGreaterThan(2);
  await snap(page, '40-virtual-uno-blink');

  // The reset button: the board runs the graph stored in its EEPROM again, without an upload.
  await page.getByTestId('vuno-stop').click();
  await page.getByTestId('vuno-reset').click();
  await expect(serial).toContainText('— reset —');
  await expect(serial).toContainText(/reset —\n.*emflow generic firmware 1 uno/, {
    timeout: 30_000,
  });
});

// "Replay a recording" in the sim panel: a CSV uploaded from disk drives the fridge example's
// thermometer (T9, interpolated) and door switch (D2, held) on the virtual clock; the plot and
// the column table follow the file, the thermostat switches the compressor relays as the
// recorded temperature crosses its thresholds, and a bad file is refused with its line:column.
import { expect, test } from '@playwright/test';
import { openApp, openExample, snap } from './helpers';

// 40 minutes: the temperature climbs from 3 to 8 °C and falls back, the door opens once.
const RECORDING = [
  'time_s,T9,D2',
  '0,3,0',
  '600,8,0',
  '900,8,1',
  '1000,8,0',
  '1800,3,0',
  '2400,3,0',
].join('\n');

const upload = (name: string, text: string) => ({
  name,
  mimeType: 'text/csv',
  buffer: Buffer.from(text),
});

test('a recording uploaded in the sim panel drives the graph and the plot follows it', async ({
  page,
}) => {
  await openApp(page);
  await openExample(page, 'fridge');

  // A bad recording first: refused with where, and the fridge world stays.
  await page.getByTestId('replay-file').setInputFiles(upload('bad.csv', 'time_s,T9\n0,4\n5,NaN\n'));
  await expect(page.getByTestId('sim-error')).toContainText(
    "bad.csv:3:2: T9 value 'NaN' is not a finite number",
  );
  await expect(page.getByTestId('sim-world')).toHaveText('fridge world');

  await page.getByTestId('replay-file').setInputFiles(upload('fridge-log.csv', RECORDING));
  await expect(page.getByTestId('sim-world')).toHaveText('replay world');
  await expect(page.getByTestId('replay-name')).toHaveText('fridge-log.csv');
  await page.getByTestId('sim-speed').selectOption('max');
  await page.getByTestId('sim-run').click();
  await expect
    .poll(async () => (await page.getByTestId('sim-clock').textContent()) ?? '', {
      timeout: 60_000,
    })
    .toMatch(/^0:(?:4\d|5\d):\d\d|^[1-9]\d*:|d /);
  await page.getByTestId('sim-pause').click();

  // The plot holds the run, and the table the range of each recorded column as replayed.
  expect(
    Number(await page.getByTestId('replay-plot').getAttribute('data-samples')),
  ).toBeGreaterThan(100);
  const column = (name: string, cell: string) =>
    page.getByTestId(`replay-column-${name}`).getByTestId(cell);
  await expect(column('T9', 'min')).toHaveText('3');
  await expect(column('T9', 'max')).toHaveText('8');
  await expect(column('T9', 'now')).toHaveText('3');
  await expect(column('D2', 'max')).toHaveText('1');
  await expect(column('D2', 'now')).toHaveText('0');
  // The thermostat saw the recorded temperature: above 5 °C it switched the compressor on
  // (turnOn, pin 11, active low), below 4 °C off again, so pin 11 was both 0 and 1.
  await expect(column('pin11', 'min')).toHaveText('0');
  await expect(column('pin11', 'max')).toHaveText('1');
  await snap(page, '20-replay-recording');

  // Stop replay: back to the graph's own world.
  await page.getByTestId('replay-stop').click();
  await expect(page.getByTestId('sim-world')).toHaveText('fridge world');
});

// One validator in the app: the graph view lists what the text view and `emflow check` list,
// and Run refuses a graph with a required input unset, naming its node (clickable), before
// anything runs. Uses the shared corpus of broken graphs (tests/graphs/broken).
import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { openApp, replaceText, snap } from './helpers';

const corpus = (name: string) => readFileSync(`tests/graphs/broken/${name}`, 'utf8');

test('the graph view lists the problems emflow check prints, and Run refuses them', async ({
  page,
}) => {
  await openApp(page);
  await page.getByTestId('view-text').click();
  await replaceText(page, corpus('missing-address.fbp'));
  await page.getByTestId('view-graph').click();
  await expect(page.locator('.react-flow__node')).toHaveCount(6);

  // The graph view (not only the text view) lists the engine's findings.
  const problems = page.getByTestId('problems');
  const expected = corpus('missing-address.expected').trim().split('\n');
  await expect(problems.locator('li')).toHaveCount(expected.length);
  for (const line of expected) await expect(problems).toContainText(line);

  await page.getByTestId('sim-run').click();
  const refused = page.getByTestId('run-problems');
  await expect(refused).toBeVisible();
  await expect(refused).toContainText('required in-port ADDRESS of thermometer');
  await expect(page.getByTestId('sim-clock')).toContainText('0');
  await snap(page, 'run-refused');

  // A problem selects its node.
  await refused.getByRole('button', { name: /ADDRESS/ }).click();
  await expect(page.getByTestId('inspector')).toContainText('ReadDallasTemperature');

  // An unknown component shows in the graph view too (it used to say "None" there).
  await page.getByTestId('view-text').click();
  await replaceText(page, corpus('unknown-component.fbp'));
  await page.getByTestId('view-graph').click();
  await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
  await expect(page.getByTestId('problems')).toContainText('unknown component Blinker');
  await snap(page, 'graph-view-problems');
});

test('an open out-port is a warning, fixed with one click (Drop node)', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('view-text').click();
  await replaceText(page, corpus('open-out-port.fbp'));
  await page.getByTestId('view-graph').click();
  const problems = page.getByTestId('problems');
  await expect(problems.locator('li.warning')).toContainText('out-port OUT of led(DigitalWrite)');
  await snap(page, 'open-out-port-warning');
  await problems.getByTestId('fix-drop').click();
  await expect(page.locator('.react-flow__node')).toHaveCount(5);
  await expect(page.getByTestId('inspector')).toContainText('None.');
});

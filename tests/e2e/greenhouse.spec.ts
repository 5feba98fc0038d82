// A first-timer's hour, as a person would do it in Chromium: build a greenhouse fan thermostat
// from an empty project (palette search, drag and double-click, wiring ports, initial values
// in the inspector), run it on the bench (world "none") and drive the DS18B20 temperature from
// the board panel: the fan pin turns on above 28 °C and off below 26 °C. Then the ways in
// (tour, "?" sheet, help pages) and the layout at three window sizes, with screenshots.
import { expect, type Page, test } from '@playwright/test';
import { openApp, openExample, snap } from './helpers';

const node = (page: Page, id: string) => page.locator(`.react-flow__node[data-id="${id}"]`);
const handle = (page: Page, id: string, port: string) =>
  node(page, id).locator(`.react-flow__handle[data-handleid="${port}"]`);

async function search(page: Page, query: string): Promise<void> {
  await page.getByRole('searchbox', { name: 'Search components' }).fill(query);
}

async function setInitial(page: Page, id: string, port: string, value: string): Promise<void> {
  await node(page, id).click();
  const field = page.getByTestId(`iip-input-${id}-${port}`);
  await field.fill(value);
  await field.press('Enter');
  await expect(page.getByTestId(`iip-${id}-${port}`)).toHaveText(value.length > 12 ? /.+/ : value);
}

async function fitView(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'fit view' }).click();
}

test('greenhouse from an empty project: the fan pin follows the temperature on the bench', async ({
  page,
}) => {
  await openApp(page);
  await page.getByTestId('tab-projects').click();
  await page.getByRole('button', { name: '+ New project' }).click();
  await expect(page.getByTestId('project-title')).toHaveValue('Untitled');
  await page.getByTestId('tab-components').click();

  // "fan" finds the digital output first; it is dragged onto the graph.
  await search(page, 'fan');
  await expect(page.locator('.palette-item').first()).toHaveAttribute(
    'data-testid',
    'palette-DigitalWrite',
  );
  await page
    .getByTestId('palette-DigitalWrite')
    .dragTo(page.getByTestId('graph-view'), { targetPosition: { x: 520, y: 120 } });
  await expect(node(page, 'digitalWrite1')).toBeVisible();

  // The rest by double-click: each lands in view without covering another node.
  for (const [query, component] of [
    ['thermostat', 'HysteresisLatch'],
    ['thermometer', 'ReadDallasTemperature'],
    ['timer', 'Timer'],
    ['drop', 'Drop'],
  ] as const) {
    await search(page, query);
    await page.getByTestId(`palette-${component}`).dblclick();
  }
  for (const id of ['hysteresisLatch1', 'readDallasTemperature1', 'timer1', 'drop1'])
    await expect(node(page, id)).toBeInViewport();
  await page.getByTestId('auto-layout').click();
  await fitView(page);
  for (const id of [
    'timer1',
    'readDallasTemperature1',
    'hysteresisLatch1',
    'digitalWrite1',
    'drop1',
  ])
    await expect(node(page, id)).toBeInViewport();

  // Wiring, port to port.
  for (const [from, out, to, inp] of [
    ['timer1', 'out', 'readDallasTemperature1', 'trigger'],
    ['readDallasTemperature1', 'out', 'hysteresisLatch1', 'in'],
    ['hysteresisLatch1', 'out', 'digitalWrite1', 'in'],
    ['digitalWrite1', 'out', 'drop1', 'in'],
  ] as const) {
    await handle(page, from, out).dragTo(handle(page, to, inp));
  }
  await expect(page.locator('.react-flow__edge')).toHaveCount(4);

  // A boolean into an int is flagged while dragging (the port turns red, the reason shows by
  // the pointer) and refused on release with the same reason.
  const bad = await handle(page, 'hysteresisLatch1', 'out').boundingBox();
  const interval = await handle(page, 'timer1', 'interval').boundingBox();
  if (!bad || !interval) throw new Error('handles not on screen');
  await page.mouse.move(bad.x + bad.width / 2, bad.y + bad.height / 2);
  await page.mouse.down();
  await page.mouse.move(interval.x + 20, interval.y + 20, { steps: 5 });
  await page.mouse.move(interval.x + interval.width / 2, interval.y + interval.height / 2, {
    steps: 5,
  });
  const hint = page.getByTestId('connection-hint');
  await expect(hint).toHaveText(
    'type mismatch: HysteresisLatch.OUT sends boolean, Timer.INTERVAL expects int',
  );
  await snap(page, 'connection-type-mismatch');
  await page.mouse.up();
  await expect(hint).toHaveCount(0);
  await expect(page.getByTestId('toast').last()).toContainText(
    'Connection refused: type mismatch: HysteresisLatch.OUT sends boolean',
  );
  await expect(page.locator('.react-flow__edge')).toHaveCount(4);

  // Initial values in the inspector (the component name there links to its help page).
  await setInitial(page, 'timer1', 'interval', '1000');
  await setInitial(page, 'hysteresisLatch1', 'lowthreshold', '26');
  await setInitial(page, 'hysteresisLatch1', 'highthreshold', '28');
  await setInitial(page, 'digitalWrite1', 'pin', '7');
  await setInitial(page, 'readDallasTemperature1', 'pin', '4');
  // ---- PART A (issue 18, /work/wt-check): the validator names the unset ADDRESS of
  // readDallasTemperature1 before Run here; assert its message, then set it as below. ----
  await setInitial(
    page,
    'readDallasTemperature1',
    'address',
    '["0x28", "0xFF", "0x64", "0x1E", "0x0F", "0x00", "0x00", "0x5A"]',
  );

  // Run on the bench: the board panel shows the fan pin and offers the sensor's temperature.
  await page.getByTestId('sim-world-picker').selectOption('none');
  await expect(page.getByTestId('sim-world')).toHaveText('no world (the bench)');
  const panel = page.getByTestId('board-panel');
  await expect(panel.getByTestId('board-pin-7')).toContainText('digital out');
  const temperature = panel.getByTestId('board-input-T4');
  await temperature.fill('25'); // set before Run: applies when the run starts
  await page.getByTestId('sim-run').click();
  const fan = panel.getByTestId('board-state-7');
  await expect(fan).toHaveText('LOW');
  await temperature.fill('29');
  await expect(fan).toHaveText('HIGH');
  await expect(panel.getByTestId('board-led-7')).toHaveAttribute('data-on', '1');
  await temperature.fill('27'); // between the thresholds: the latch holds
  await page.getByTestId('sim-clock').click(); // let a few readings pass
  await expect
    .poll(async () =>
      Number((await page.getByTestId('sim-clock').textContent())?.split(':').at(-1)),
    )
    .toBeGreaterThan(0);
  await expect(fan).toHaveText('HIGH');
  await temperature.fill('25.5');
  await expect(fan).toHaveText('LOW');
  await expect(panel.getByTestId('board-led-7')).toHaveAttribute('data-on', '0');
  await expect(page.getByTestId('sim-error')).toHaveCount(0);
  await snap(page, '30-greenhouse-bench-1280x800');
  await page.getByTestId('sim-pause').click();
});

test('Blink runs with no world and blinks the LED on the board', async ({ page }) => {
  await openApp(page);
  await openExample(page, 'blink');
  await expect(page.getByTestId('sim-world')).toHaveText('no world (the bench)');
  await page.getByTestId('sim-speed').selectOption('1');
  await page.getByTestId('sim-run').click();
  const led = page.getByTestId('board-led-13');
  await expect(led).toHaveAttribute('data-on', '1');
  await expect(led).toHaveAttribute('data-on', '0');
  await expect(page.getByTestId('fridge-view')).toHaveCount(0);
  await snap(page, '31-blink-board');
  await page.getByTestId('sim-pause').click();
});

test("the fridge's ambient set before Run applies from the start", async ({ page }) => {
  await openApp(page);
  await openExample(page, 'fridge');
  const ambient = page.getByRole('slider', { name: 'Ambient temperature' });
  await ambient.focus();
  await page.keyboard.press('End'); // 40 °C, sent on key-up while nothing runs yet
  await page.getByTestId('sim-step').click();
  await expect(page.getByTestId('fridge-view')).toContainText('40.0 °C');
});

test('a way in: first-run tour, "?" shortcut sheet, help pages, Esc closes', async ({ page }) => {
  await openApp(page, 'dark', { firstRun: true });
  await expect(page.getByTestId('tour')).toBeVisible();
  await page.getByTestId('tour-next').click();
  await snap(page, '32-tour');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('tour')).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId('engine-state')).toHaveText('engine ready', { timeout: 30_000 });
  await expect(page.getByTestId('tour')).toHaveCount(0); // remembered

  await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('?');
  await expect(page.getByTestId('shortcut-sheet')).toContainText('Ctrl+V');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('help-dialog')).toHaveCount(0);

  await openExample(page, 'fridge');
  await node(page, 'hysteresis').click();
  // Copy and paste: the node comes back under a new name, in view, with its initial values.
  await page.keyboard.press('Control+c');
  await page.keyboard.press('Control+v');
  await expect(node(page, 'hysteresisLatch1')).toBeInViewport();
  await expect(page.getByTestId('iip-hysteresisLatch1-highthreshold')).toHaveText('5');
  await page.keyboard.press('Control+z');
  await expect(node(page, 'hysteresisLatch1')).toHaveCount(0);
  await node(page, 'hysteresis').click();
  await page.getByTestId('inspector-component-help').click();
  const body = page.getByTestId('help-body');
  await expect(body.locator('h1')).toHaveText('HysteresisLatch');
  await expect(body).toContainText('LOWTHRESHOLD');
  await expect(body).toContainText('thermostat');
  await snap(page, '33-help-component');
  await page.getByTestId('help-doc-world').click();
  await expect(body).toContainText('world');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('help-dialog')).toHaveCount(0);

  // Palette words a first-timer types.
  for (const [query, first] of [
    ['relay', 'DigitalWrite'],
    ['LED', 'DigitalWrite'],
    ['thermostat', 'HysteresisLatch'],
    ['motor', 'DigitalWrite'],
  ] as const) {
    await search(page, query);
    await expect(page.locator('.palette-item').first()).toHaveAttribute(
      'data-testid',
      `palette-${first}`,
    );
  }
});

for (const [width, height] of [
  [1024, 700],
  [1280, 800],
  [1920, 1080],
] as const) {
  test(`layout at ${width}×${height}: no page overflow, readable nodes, sim panel resizes and collapses`, async ({
    page,
  }) => {
    await page.setViewportSize({ width, height });
    await openApp(page);
    await openExample(page, 'fridge');
    const overflow = await page.evaluate(() => ({
      x: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      y: document.documentElement.scrollHeight - document.documentElement.clientHeight,
      header: (() => {
        const h = document.querySelector('.header')!;
        return h.scrollWidth - h.clientWidth;
      })(),
    }));
    expect(overflow).toEqual({ x: 0, y: 0, header: 0 });
    // Node text on screen: font size × zoom.
    const px = await page.evaluate(() => {
      const name = document.querySelector('.fnode-name')!;
      const viewport = document.querySelector('.react-flow__viewport') as HTMLElement;
      const zoom = new DOMMatrix(getComputedStyle(viewport).transform).a;
      return parseFloat(getComputedStyle(name).fontSize) * zoom;
    });
    expect(px).toBeGreaterThanOrEqual(12);
    await snap(page, `34-fridge-board-${width}x${height}`);

    const bottom = page.locator('section.bottom');
    const before = (await bottom.boundingBox())!.height;
    const edge = (await page.getByTestId('sim-resize').boundingBox())!;
    await page.mouse.move(edge.x + 40, edge.y + 3);
    await page.mouse.down();
    await page.mouse.move(edge.x + 40, edge.y - 80, { steps: 4 });
    await page.mouse.up();
    expect((await bottom.boundingBox())!.height).toBeGreaterThan(before + 60);
    await page.getByTestId('sim-collapse').click();
    expect((await bottom.boundingBox())!.height).toBeLessThan(70);
    await expect(page.getByTestId('sim-run')).toBeVisible();
    await page.getByTestId('sim-collapse').click();

    await page.getByTestId('menu-help').click();
    await page.getByTestId('help-guides').click();
    await snap(page, `35-help-${width}x${height}`);
    await page.keyboard.press('Escape');
  });
}

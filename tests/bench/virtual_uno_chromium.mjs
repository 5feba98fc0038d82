// The virtual Uno's speed in headless Chromium (Debian's, launched as the e2e tests launch it)
// for `npm run bench`, numbers only:
//   1. the engine in a Web Worker (virtual_uno_browser.ts, bundled by virtual_uno.sh): simulated
//      MHz per wall second with every cycle executed (Blink, SLEEP ignored), and simulated
//      seconds per wall second with sleep skipped (Blink; the fridge graph without its world);
//   2. the app itself (the production build, when there is one): the fridge example on
//      "Run on: virtual Uno" with its world on the pins at the fastest speed ("max", unpaced),
//      for WALL_S wall seconds: board time per wall time, as the panel's clock shows it.
// Usage: node virtual_uno_chromium.mjs WORKER.js GENERIC.hex BLINK.bin FRIDGE.bin
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { launchChromium, startPreview } from '../e2e/preview-browser.mjs';

const [workerJs, hexPath, blinkPath, fridgePath] = process.argv.slice(2);
const root = new URL('../..', import.meta.url).pathname;
const WALL_S = Number(process.env.EMFLOW_BENCH_WALL_S ?? 10);

const browser = await launchChromium();
try {
  const page = await browser.newPage();
  await page.goto('about:blank');
  const r = await page.evaluate(
    ({ code, hex, blink, fridge }) =>
      new Promise((done) => {
        const worker = new Worker(
          URL.createObjectURL(new Blob([code], { type: 'text/javascript' })),
        );
        worker.onmessage = (e) => done(e.data);
        worker.onerror = (e) => done({ ok: false, error: e.message });
        worker.postMessage({ hex, blink: new Uint8Array(blink), fridge: new Uint8Array(fridge) });
      }),
    {
      code: readFileSync(workerJs, 'utf8'),
      hex: readFileSync(hexPath, 'utf8'),
      blink: [...readFileSync(blinkPath)],
      fridge: [...readFileSync(fridgePath)],
    },
  );
  const version = browser.version();
  if (!r.ok) console.log(`virtual Uno in Chromium ${version}: failed: ${r.error}`);
  else {
    console.log(
      `virtual Uno in Chromium ${version} (Web Worker): every cycle executed, Blink: ` +
        `${r.busy.mhz.toFixed(1)} simulated MHz per wall second (x${r.busy.speed.toFixed(2)} real time)`,
    );
    for (const [name, s] of [
      ['Blink', r.blinkSleep],
      ['fridge graph (no world)', r.fridgeSleep],
    ])
      console.log(
        `virtual Uno in Chromium: sleep skipped, ${name}: ${s.speed.toFixed(0)} simulated s ` +
          `per wall s (${(s.asleep * 100).toFixed(2)} % of cycles asleep)`,
      );
  }
} finally {
  await browser.close();
}

// 2. The app: the fridge with its world on the virtual Uno, unpaced.
const dist = resolve(root, 'web', process.env.EMFLOW_WEB_DIST || 'dist');
if (!existsSync(join(dist, 'index.html'))) {
  console.log(`virtual Uno in the app: skipped, ${dist} has no build (run scripts/build-web.sh)`);
  process.exit(0);
}
const preview = await startPreview(Number(process.env.EMFLOW_BENCH_PORT ?? 4191));
const app = await launchChromium();
try {
  const page = await app.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(preview.url);
  await page.locator('.react-flow__node').first().waitFor();
  await page.getByTestId('tab-projects').click();
  await page.getByTestId('menu-examples').click();
  await page.getByTestId('example-fridge').click();
  await page.locator('.react-flow__node', { hasText: 'thermometer' }).first().waitFor();
  await page.getByTestId('sim-run-on').selectOption('virtual-uno');
  await page.getByTestId('vuno-boot').click();
  await page
    .getByTestId('vuno-serial')
    .filter({ hasText: 'emflow generic firmware' })
    .waitFor({ timeout: 60_000 });
  await page.getByTestId('vuno-speed').selectOption('Infinity');
  const clock = async () =>
    Number((await page.getByTestId('vuno-clock').textContent()).replace(' s', ''));
  await page.getByTestId('vuno-run').click();
  // From the first tick of the graph's clock (the upload done), WALL_S seconds of wall time.
  await page.getByTestId('vuno-world').filter({ hasText: 'fridge world on the pins' }).waitFor({
    timeout: 60_000,
  });
  const t0 = await clock();
  const wall0 = Date.now();
  await page.waitForTimeout(WALL_S * 1000);
  const t1 = await clock();
  const wall = (Date.now() - wall0) / 1000;
  const shown = await page
    .locator('.virtual-uno')
    .getByText(/^×[\d.]+ real time$/)
    .first()
    .textContent();
  await page.getByTestId('vuno-stop').click();
  console.log(
    `virtual Uno in the app (Chromium), fridge with its world, speed max: ${((t1 - t0) / wall).toFixed(0)} ` +
      `simulated s per wall s (${(t1 - t0).toFixed(0)} s of board time in ${wall.toFixed(1)} s; ` +
      `the panel says ${shown?.trim()})`,
  );
} finally {
  await app.close();
  preview.stop();
}

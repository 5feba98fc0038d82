// Playground benchmark (numbers only, no assertions): production bundle size (gzipped), time
// to the first interactive graph in headless Chromium, and frames per second while the fridge
// simulation animates at ×1000. Needs `bash scripts/build-web.sh` first (skips otherwise).
//   node tests/e2e/bench.mjs          (EMFLOW_WEB_DIST as for the build; `npm run bench` runs it)
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { launchChromium, startPreview } from './preview-browser.mjs';

const root = new URL('../..', import.meta.url).pathname;
const dist = resolve(root, 'web', process.env.EMFLOW_WEB_DIST || 'dist');
if (!existsSync(join(dist, 'index.html'))) {
  console.log(`playground bench: skipped, ${dist} has no build (run scripts/build-web.sh)`);
  process.exit(0);
}
const port = Number(process.env.EMFLOW_BENCH_PORT ?? 4189);

function walk(dir) {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

function bundleSizes() {
  const files = walk(dist);
  const sum = (filter) =>
    files.filter(filter).reduce(
      (acc, f) => {
        const bytes = readFileSync(f);
        return { raw: acc.raw + bytes.length, gz: acc.gz + gzipSync(bytes, { level: 9 }).length };
      },
      { raw: 0, gz: 0 },
    );
  // Pyodide (loaded only by the Notebook tab) and the standalone notebook page apart from the
  // playground itself.
  const inside = (dir) => (f) => f.startsWith(join(dist, dir) + '/');
  const app = (f) => !inside('pyodide')(f) && !inside('notebook-standalone')(f) && !inside('py')(f);
  return {
    'app js': sum((f) => app(f) && (f.endsWith('.js') || f.endsWith('.mjs'))),
    'app css': sum((f) => app(f) && f.endsWith('.css')),
    'engine wasm': sum((f) => app(f) && f.endsWith('.wasm')),
    'app total': sum(app),
    'pyodide (notebook only)': sum((f) => inside('pyodide')(f) || inside('py')(f)),
    all: sum(() => true),
  };
}

const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;

const sizes = bundleSizes();
console.log(`bundle (${dist})\n                           raw         gzip`);
for (const [k, v] of Object.entries(sizes))
  console.log(`  ${k.padEnd(24)} ${kb(v.raw).padStart(11)} ${kb(v.gz).padStart(11)}`);

const preview = await startPreview(port);
try {
  const url = preview.url;
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const t0 = Date.now();
  await page.goto(url);
  await page.locator('.react-flow__node').first().waitFor();
  const firstGraph = Date.now() - t0;
  await page
    .getByTestId('engine-state')
    .filter({ hasText: 'engine ready' })
    .waitFor({ timeout: 60_000 });
  const engineReady = Date.now() - t0;
  console.log(
    `time to first interactive graph   ${firstGraph} ms (engine ready at ${engineReady} ms)`,
  );

  await page.getByTestId('sim-speed').selectOption('1000');
  await page.getByTestId('sim-run').click();
  await page.waitForTimeout(1000);
  const fps = await page.evaluate(
    () =>
      new Promise((resolve) => {
        let frames = 0;
        const start = performance.now();
        const tick = () => {
          frames++;
          if (performance.now() - start < 5000) requestAnimationFrame(tick);
          else resolve((frames * 1000) / (performance.now() - start));
        };
        requestAnimationFrame(tick);
      }),
  );
  const clock = await page.getByTestId('sim-clock').textContent();
  console.log(
    `frames per second at x1000        ${fps.toFixed(1)} fps (virtual clock ${clock} after ~6 s)`,
  );
  await browser.close();
} finally {
  preview.stop();
}

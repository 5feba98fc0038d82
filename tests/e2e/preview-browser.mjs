// What the benchmarks that drive the production build share (tests/e2e/bench.mjs,
// tests/bench/notebook-bench.mjs): `vite preview` of web/dist on a port, and Debian's Chromium
// launched headless with the flags that keep it quiet and offline-friendly in CI.
import { spawn } from 'node:child_process';
import { chromium } from 'playwright-core';

const root = new URL('../..', import.meta.url).pathname;

async function waitForServer(url) {
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`server did not start at ${url}`);
}

/**
 * Serves the production build on 127.0.0.1:`port` until `stop()`; resolves once `path`
 * answers. Returns `{ url, stop }` with the full URL of `path`.
 */
export async function startPreview(port, path = '/') {
  const server = spawn(
    'npx',
    [
      'vite',
      'preview',
      '--config',
      'web/vite.config.ts',
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
      '--strictPort',
    ],
    { cwd: root, stdio: 'ignore', detached: true },
  );
  const stop = () => process.kill(-server.pid);
  const url = `http://127.0.0.1:${port}${path}`;
  try {
    await waitForServer(url);
  } catch (error) {
    stop();
    throw error;
  }
  return { url, stop };
}

/** Debian's Chromium, headless. */
export function launchChromium() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
    ],
  });
}

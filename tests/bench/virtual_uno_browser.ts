// The virtual Uno's engine speed in Chromium, for tests/bench/virtual_uno_chromium.mjs: bundled
// as a classic worker script (rolldown, iife) and started from a Blob URL, so it runs in a Web
// Worker as the app's board does (board.worker.ts). Its message: the generic firmware's Intel HEX
// and the Blink and fridge command streams; its answer: simulated MHz per wall second with every
// cycle executed (Blink, SLEEP ignored) and simulated seconds per wall second with sleep skipped
// (Blink, the fridge graph without its world). Numbers only.
import { boardWith, measure } from './virtual_uno_measure';

interface Request {
  hex: string;
  blink: Uint8Array;
  fridge: Uint8Array;
}

self.onmessage = async (event: MessageEvent<Request>) => {
  const { hex, blink, fridge } = event.data;
  try {
    const busy = measure(await boardWith(hex, blink, true), 2000);
    const blinkSleep = measure(await boardWith(hex, blink, false), 60_000);
    const fridgeSleep = measure(await boardWith(hex, fridge, false), 60_000);
    self.postMessage({ ok: true, busy, blinkSleep, fridgeSleep });
  } catch (e) {
    self.postMessage({ ok: false, error: e instanceof Error ? e.message : String(e) });
  }
};

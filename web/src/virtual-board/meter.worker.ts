// The model meter's worker: fetches the meter firmware and runs a model's rows on it
// (modelMeter.ts) off the page — a few hundred thousand simulated cycles per row — with a
// progress message after each run of the meter.
import { measureAllRows } from './modelMeter';
import type { MeterMessage, MeterReply, MeterRequest } from './meterWorkerProtocol';

const post = (message: MeterMessage) => (self as unknown as Worker).postMessage(message);

self.onmessage = async (event: MessageEvent<MeterRequest>) => {
  const { hexUrl, blob, rows, rowsPerRun } = event.data;
  let reply: MeterReply;
  try {
    const response = await fetch(hexUrl);
    if (!response.ok) throw new Error(`${hexUrl}: HTTP ${response.status}`);
    const hex = await response.text();
    const progress = (done: number, total: number) => post({ progress: { done, total } });
    reply = { ok: true, result: measureAllRows(hex, blob, rows, progress, rowsPerRun) };
  } catch (e) {
    reply = { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
  post(reply);
};

// The model meter's worker: fetches the meter firmware and runs a model's rows on it
// (modelMeter.ts) off the page — a few hundred thousand simulated cycles per row.
import { measureModel } from './modelMeter';
import type { MeterReply, MeterRequest } from './meterWorkerProtocol';

self.onmessage = async (event: MessageEvent<MeterRequest>) => {
  const { hexUrl, blob, rows } = event.data;
  let reply: MeterReply;
  try {
    const response = await fetch(hexUrl);
    if (!response.ok) throw new Error(`${hexUrl}: HTTP ${response.status}`);
    reply = { ok: true, result: measureModel(await response.text(), blob, rows) };
  } catch (e) {
    reply = { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
  (self as unknown as Worker).postMessage(reply);
};

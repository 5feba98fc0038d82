// The firmware dialog's measurements: the engine sizes the build ships (model-meter-uno.json,
// firmware/meter/build.sh) and each model's cycles per prediction measured on the virtual Uno's
// model meter in a worker (virtual-board/meter.worker.ts) over its rows, one model after the
// other, with progress. Results are kept per model bytes and rows for the page's life: reopening
// the dialog or switching the board measures nothing again.
import { useEffect, useState } from 'react';
import type { MeterMessage, MeterReply } from '../virtual-board/meterWorkerProtocol';
import type { EngineSizes } from './modelCosts';

export type Measurement =
  | { state: 'waiting' }
  | { state: 'measuring'; done: number; total: number }
  | { state: 'done'; reply: MeterReply };

export interface MeasureJob {
  /** Identifies the model bytes and rows (measureKey). */
  key: string;
  blob: Uint8Array;
  rows: number[][];
}

const cache = new Map<string, MeterReply>();

/** A key for a model's bytes and its rows: FNV-1a over both, with their lengths. */
export function measureKey(blob: Uint8Array, rows: number[][]): string {
  let h = 0x811c9dc5;
  const mix = (b: number) => {
    h = Math.imul(h ^ b, 0x01000193) >>> 0;
  };
  blob.forEach(mix);
  const text = JSON.stringify(rows);
  for (let i = 0; i < text.length; i++) mix(text.charCodeAt(i) & 0xff);
  return `${blob.length}:${rows.length}:${h.toString(16)}`;
}

const base = () => import.meta.env?.BASE_URL ?? '/';

/** The engine sizes of model-meter-uno.json, or undefined (a build without the meter). */
export function useEngineSizes(): EngineSizes | undefined {
  const [sizes, setSizes] = useState<EngineSizes>();
  useEffect(() => {
    let cancelled = false;
    fetch(`${base()}firmware/model-meter-uno.json`)
      .then((r) => (r.ok ? r.json() : null))
      .then((j: { engine?: EngineSizes } | null) => !cancelled && setSizes(j?.engine))
      .catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, []);
  return sizes;
}

/** Measures `jobs` one after the other (cached ones at once); the state of each by key. */
export function useMeasurements(jobs: MeasureJob[]): ReadonlyMap<string, Measurement> {
  const [states, setStates] = useState<ReadonlyMap<string, Measurement>>(new Map());
  const keys = jobs.map((j) => j.key).join(',');
  useEffect(() => {
    const state = new Map<string, Measurement>();
    for (const j of jobs) {
      const cached = cache.get(j.key);
      state.set(j.key, cached ? { state: 'done', reply: cached } : { state: 'waiting' });
    }
    const todo = jobs.filter((j) => !cache.has(j.key));
    if (typeof Worker === 'undefined') {
      const error = 'this browser runs no Web Workers, where the virtual Uno measures';
      for (const j of todo) state.set(j.key, { state: 'done', reply: { ok: false, error } });
    }
    setStates(new Map(state));
    if (todo.length === 0 || typeof Worker === 'undefined') return;
    const hexUrl = new URL(`${base()}firmware/model-meter-uno.hex`, location.href).href;
    const worker = new Worker(new URL('../virtual-board/meter.worker.ts', import.meta.url), {
      type: 'module',
    });
    const update = (key: string, m: Measurement) => {
      state.set(key, m);
      setStates(new Map(state));
    };
    let at = 0;
    const next = () => {
      const job = todo[at];
      if (!job) return worker.terminate();
      update(job.key, { state: 'measuring', done: 0, total: job.rows.length });
      // Four rows per run of the meter: progress a few times a second.
      worker.postMessage({ hexUrl, blob: job.blob, rows: job.rows, rowsPerRun: 4 });
    };
    worker.onmessage = (e: MessageEvent<MeterMessage>) => {
      const job = todo[at];
      if ('progress' in e.data) {
        update(job.key, { state: 'measuring', ...e.data.progress });
        return;
      }
      cache.set(job.key, e.data);
      update(job.key, { state: 'done', reply: e.data });
      at++;
      next();
    };
    worker.onerror = (e) => {
      for (const job of todo.slice(at))
        update(job.key, { state: 'done', reply: { ok: false, error: e.message || 'worker failed' } });
      worker.terminate();
    };
    next();
    return () => worker.terminate();
    // The jobs are identified by their keys: a new array of the same jobs measures nothing.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [keys]);
  return states;
}

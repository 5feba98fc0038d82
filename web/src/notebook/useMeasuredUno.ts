// The notebook's measured Uno row: the evaluated model's cycles per prediction for the user's
// own rows, from the model meter on a virtual Uno in a worker (virtual-board/meter.worker.ts).
import { useContext, useEffect, useState } from 'react';
import type { MeterMessage, MeterReply } from '../virtual-board/meterWorkerProtocol';
import { AppBaseContext } from './appBase';
import type { EvaluationOutput } from './outputs';

export type Measured =
  { state: 'none' } | { state: 'measuring' } | { state: 'done'; reply: MeterReply };

function decodeBase64(text: string): Uint8Array {
  const bytes = atob(text);
  return Uint8Array.from(bytes, (c) => c.charCodeAt(0));
}

/** Measures once per evaluation output; `none` without a blob and rows or without workers. */
export function useMeasuredUno(output: EvaluationOutput): Measured {
  const [measured, setMeasured] = useState<Measured>({ state: 'none' });
  const hexUrl = new URL(`${useContext(AppBaseContext)}firmware/model-meter-uno.hex`, location.href)
    .href;
  const { blob, sampleRows } = output;
  useEffect(() => {
    if (!blob || !sampleRows?.length || typeof Worker === 'undefined') return;
    const worker = new Worker(new URL('../virtual-board/meter.worker.ts', import.meta.url), {
      type: 'module',
    });
    setMeasured({ state: 'measuring' });
    worker.onmessage = (e: MessageEvent<MeterMessage>) => {
      if ('progress' in e.data) return;
      setMeasured({ state: 'done', reply: e.data });
      worker.terminate();
    };
    worker.onerror = (e) => {
      setMeasured({ state: 'done', reply: { ok: false, error: e.message || 'worker failed' } });
      worker.terminate();
    };
    worker.postMessage({ hexUrl, blob: decodeBase64(blob), rows: sampleRows });
    return () => worker.terminate();
  }, [blob, sampleRows, hexUrl]);
  return measured;
}

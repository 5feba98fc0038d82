// The kernel's side of the sweep's fit pool (fitPool.ts): dispatching more fits than workers,
// waiting in Atomics.wait, taking outcomes out of shared memory, refitting a blob too big to
// share, Interrupt and an error in the caller's callback. The real fit worker (fit.worker.ts) is
// a browser module worker with the WebAssembly engine and runs in Playwright
// (tests/e2e/notebook.spec.ts); here Node's worker threads stand in for it: each follows the
// same shared-memory protocol (fitShared.ts) and "trains" by writing a blob that names its
// request, so that every outcome can be checked against the request it answers.
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { FitPool, fitPoolSize, type FitOutcome, type FitRequest } from './fitPool';
import * as shared from './fitShared';

// A stand-in fit worker. params: {id} names the request; {ms} blocks that long (a long fit);
// {fail} fails with that message; {bytes} makes the blob that long (past the result buffer:
// TOO_BIG). The blob is [id, rows.length, first target, …zeros].
const STAND_IN = `
const { parentPort, workerData: c } = require('node:worker_threads');
let control, result, slot;
const word = (field) => 1 + slot * c.SLOT_WORDS + field;
function finish(outcome, bytes, length) {
  if (outcome !== c.TOO_BIG) result.set(bytes);
  Atomics.store(control, word(c.LENGTH), length);
  Atomics.store(control, word(c.OUTCOME), outcome);
  Atomics.store(control, word(c.STATE), c.DONE);
  Atomics.add(control, c.SIGNAL, 1);
  Atomics.notify(control, c.SIGNAL);
}
parentPort.on('message', (m) => {
  if (m.type === 'init') {
    control = new Int32Array(m.control);
    result = new Uint8Array(m.result);
    slot = m.slot;
  } else if (m.type === 'fit') {
    const { id, ms = 0, fail, bytes = 3 } = m.params;
    if (ms) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
    if (fail) {
      const text = new TextEncoder().encode(fail);
      return finish(c.FAILED, text, text.length);
    }
    const blob = new Uint8Array(bytes);
    blob.set([id, m.rows.length, m.y[0]]);
    if (bytes > result.length) return finish(c.TOO_BIG, blob, bytes);
    finish(c.BLOB, blob, bytes);
  }
});
`;

// The protocol's constants (its functions do not cross to a worker).
const constants = Object.fromEntries(
  Object.entries(shared).filter(([, value]) => typeof value === 'number'),
);
const live: Worker[] = [];
afterEach(async () => {
  await Promise.all(live.splice(0).map((w) => w.terminate()));
});

function pool(
  size: number,
  refit = (_x: Float64Array, _n: number, _r: FitRequest): FitOutcome => ({
    error: 'no refit expected',
  }),
) {
  let spawned = 0;
  const made = new FitPool(
    size,
    () => {
      spawned += 1;
      const worker = new Worker(STAND_IN, { eval: true, workerData: constants });
      live.push(worker);
      return worker;
    },
    'unused: the stand-in has no engine',
    refit,
  );
  return { pool: made, spawned: () => spawned };
}

const x = new Float64Array([1, 2, 3, 4, 5, 6]); // 3 rows of 2 features
const request = (params: Record<string, unknown>, rows = [0, 2], y = [7, 8]): FitRequest => ({
  params,
  rows,
  y,
});

describe('FitPool', () => {
  it('runs more fits than workers and hands each outcome to its request', () => {
    const { pool: p } = pool(2);
    const requests = Array.from({ length: 7 }, (_, id) =>
      request({ id, ms: 5 * (id % 3) }, [0, 1, 2].slice(0, 1 + (id % 3)), [id + 10]),
    );
    const seen = new Map<number, FitOutcome>();
    const interrupted = p.fitMany(
      x,
      2,
      requests,
      (i, o) => seen.set(i, o),
      () => false,
    );
    expect(interrupted).toBe(false);
    expect([...seen.keys()].sort()).toEqual([0, 1, 2, 3, 4, 5, 6]);
    for (const [i, outcome] of seen)
      expect(outcome).toEqual({ blob: Uint8Array.from([i, 1 + (i % 3), i + 10]) });
    // A second sweep on the same pool (its own data set).
    const again: number[] = [];
    p.fitMany(
      x,
      2,
      [request({ id: 9 })],
      (i) => again.push(i),
      () => false,
    );
    expect(again).toEqual([0]);
  });

  it('reports a failed fit with its message', () => {
    const { pool: p } = pool(2);
    const seen: FitOutcome[] = [];
    p.fitMany(
      x,
      2,
      [request({ fail: 'max_depth must be ≥ 1, got -3' })],
      (_i, o) => seen.push(o),
      () => false,
    );
    expect(seen).toEqual([{ error: 'max_depth must be ≥ 1, got -3' }]);
  });

  it('refits in the kernel a blob too big for the shared result buffer', () => {
    const refits: FitRequest[] = [];
    const { pool: p } = pool(1, (_x, n, r) => {
      refits.push(r);
      expect(n).toBe(2);
      return { blob: Uint8Array.from([42]) };
    });
    const big = request({ id: 1, bytes: shared.RESULT_BYTES + 1 });
    const seen: FitOutcome[] = [];
    p.fitMany(
      x,
      2,
      [big, request({ id: 2 })],
      (_i, o) => seen.push(o),
      () => false,
    );
    expect(refits).toEqual([big]);
    expect(seen).toEqual([{ blob: Uint8Array.from([42]) }, { blob: Uint8Array.from([2, 2, 7]) }]);
  });

  it('abandons the running fits on Interrupt and replaces their workers', () => {
    const { pool: p, spawned } = pool(2);
    const requests = [request({ id: 0 }), ...[1, 2, 3].map((id) => request({ id, ms: 2000 }))];
    const ended: number[] = [];
    const started = Date.now();
    const interrupted = p.fitMany(
      x,
      2,
      requests,
      (i) => ended.push(i),
      () => ended.length > 0,
    );
    expect(interrupted).toBe(true);
    expect(ended).toEqual([0]); // the long fits were not waited for
    expect(Date.now() - started).toBeLessThan(1500);
    expect(spawned()).toBe(2 + 2); // both busy workers replaced
  });

  it('abandons the running fits when the callback throws, and rethrows', () => {
    const { pool: p, spawned } = pool(2);
    const requests = [request({ id: 0 }), request({ id: 1, ms: 2000 })];
    expect(() =>
      p.fitMany(
        x,
        2,
        requests,
        () => {
          throw new Error('SweepError from Python');
        },
        () => false,
      ),
    ).toThrow('SweepError from Python');
    expect(spawned()).toBe(2 + 1); // the worker still fitting was replaced
  });

  it('sizes the pool by the cores, 1 to 6', () => {
    expect([undefined, 1, 2, 8, 64].map(fitPoolSize)).toEqual([2, 1, 2, 6, 6]);
  });
});

import { describe, expect, it } from 'vitest';
import { parseFbp } from './fbpRead';
import { fromNofloJson, toNofloJson } from './nofloJson';
import { decodeShareHash, encodeShareHash, SHARE_MAX_CHARS, SHARE_PREFIX } from './shareLink';
import { FRIDGE_FBP } from '../test-support/fixtures';

const fridge = () => {
  const r = parseFbp(FRIDGE_FBP);
  if (!r.ok) throw new Error(r.diagnostic.message);
  return r.graph;
};

describe('NoFlo JSON graph files', () => {
  it('round-trips the graph with node positions', () => {
    const g = fridge();
    const r = fromNofloJson(JSON.parse(JSON.stringify(toNofloJson(g))));
    expect(r.ok && r.graph).toEqual(g);
  });

  it('names the broken part of an invalid file', () => {
    expect(fromNofloJson([])).toEqual({ ok: false, error: 'a JSON graph must be an object' });
    expect(fromNofloJson({ processes: { a: { component: 3 } } })).toEqual({
      ok: false,
      error: 'processes.a.component must be a string',
    });
    expect(
      fromNofloJson({
        processes: { a: { component: 'X' } },
        connections: [{ data: 1, tgt: { process: 'b', port: 'in' } }],
      }),
    ).toEqual({ ok: false, error: 'connections[0].tgt.process "b" is not a process of the graph' });
  });
});

describe('share links', () => {
  it('carries the fridge graph in a short URL hash and restores it', () => {
    const g = fridge();
    const r = encodeShareHash(g);
    if (!r.ok) throw new Error(r.error);
    expect(r.hash.startsWith(SHARE_PREFIX)).toBe(true);
    expect(r.hash).toMatch(/^#graph=[A-Za-z0-9_-]+$/);
    expect(r.hash.length).toBeLessThan(1200);
    const back = decodeShareHash(r.hash);
    expect(back.ok && back.graph).toEqual(g);
  });

  it('refuses a damaged link and a graph too large for a URL', () => {
    expect(decodeShareHash('#graph=AAAA!')).toMatchObject({ ok: false });
    expect(decodeShareHash('#other')).toEqual({ ok: false, error: 'not a graph link' });
    const big = fridge();
    big.iips = Array.from({ length: 400 }, (_, i) => ({
      data: `${Math.random().toString(36)}${i}`,
      tgt: { node: 'timer', port: `p${i}` },
    }));
    const r = encodeShareHash(big);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/too large/);
    expect(SHARE_MAX_CHARS).toBeGreaterThan(1000);
  });
});

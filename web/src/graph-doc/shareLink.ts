// A small graph carried in the URL hash: NoFlo JSON, deflated (fflate), base64url.
import { deflateSync, inflateSync, strFromU8, strToU8 } from 'fflate';
import type { Graph } from './graph';
import { fromNofloJson, toNofloJson } from './nofloJson';

export const SHARE_PREFIX = '#graph=';
/** Beyond this the link is refused: browsers and chat tools truncate long URLs. */
export const SHARE_MAX_CHARS = 8000;

const toBase64Url = (bytes: Uint8Array): string => {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
};

const fromBase64Url = (text: string): Uint8Array => {
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const bin = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
};

export function encodeShareHash(
  g: Graph,
): { ok: true; hash: string } | { ok: false; error: string } {
  const packed = toBase64Url(deflateSync(strToU8(JSON.stringify(toNofloJson(g))), { level: 9 }));
  const hash = SHARE_PREFIX + packed;
  if (hash.length > SHARE_MAX_CHARS)
    return {
      ok: false,
      error: `graph too large for a link (${hash.length} characters); export a file instead`,
    };
  return { ok: true, hash };
}

export function decodeShareHash(
  hash: string,
): { ok: true; graph: Graph } | { ok: false; error: string } {
  if (!hash.startsWith(SHARE_PREFIX)) return { ok: false, error: 'not a graph link' };
  let json: unknown;
  try {
    json = JSON.parse(strFromU8(inflateSync(fromBase64Url(hash.slice(SHARE_PREFIX.length)))));
  } catch {
    return { ok: false, error: 'the graph link is damaged (cannot decompress it)' };
  }
  const r = fromNofloJson(json);
  return r.ok ? r : { ok: false, error: `the graph link holds an invalid graph: ${r.error}` };
}

// Turns a project record — a sound one held in memory or a damaged one straight from
// IndexedDB — into JSON text the user can download ("Export now", "Export its data"). IndexedDB
// holds values JSON cannot (byte arrays, Dates, Maps, cycles, BigInt), so they are written in
// a readable form instead of making the export throw when storage is already failing.

/** The format tag of an exported project file. */
export const PROJECT_FILE_FORMAT = 'emflow-project';

const base64 = (bytes: Uint8Array): string => {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
};

/** A copy of `value` that JSON.stringify accepts, losing nothing readable. */
export function toJsonSafe(value: unknown, ancestors: unknown[] = []): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  if (typeof value === 'function' || typeof value === 'symbol') return undefined;
  if (typeof value !== 'object' || value === null) return value;
  if (ancestors.includes(value)) return '[circular]';
  const inner = [...ancestors, value];
  if (ArrayBuffer.isView(value))
    return {
      $bytesBase64: base64(new Uint8Array(value.buffer, value.byteOffset, value.byteLength)),
    };
  if (value instanceof ArrayBuffer) return { $bytesBase64: base64(new Uint8Array(value)) };
  if (value instanceof Date)
    return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
  if (value instanceof Blob) return `[${value.type || 'binary'} blob, ${value.size} bytes]`;
  if (value instanceof Map)
    return [...value].map(([k, v]) => [toJsonSafe(k, inner), toJsonSafe(v, inner)]);
  if (value instanceof Set) return [...value].map((v) => toJsonSafe(v, inner));
  if (Array.isArray(value)) return value.map((v) => toJsonSafe(v, inner) ?? null);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = toJsonSafe(v, inner);
  return out;
}

/**
 * The text of a project file: the record with a format tag, the time of the export and, for a
 * damaged record, what was found wrong with it.
 */
export function projectFileText(record: unknown, problems?: string[]): string {
  return (
    JSON.stringify(
      {
        format: PROJECT_FILE_FORMAT,
        version: 1,
        exportedAt: new Date().toISOString(),
        ...(problems ? { damaged: problems } : {}),
        project: toJsonSafe(record),
      },
      null,
      2,
    ) + '\n'
  );
}

/** Undoes toJsonSafe's byte arrays (`{$bytesBase64}` → Uint8Array), everything else as is. */
export function fromJsonSafe(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(fromJsonSafe);
  if (typeof value !== 'object' || value === null) return value;
  const o = value as Record<string, unknown>;
  const keys = Object.keys(o);
  if (keys.length === 1 && typeof o.$bytesBase64 === 'string')
    return Uint8Array.from(atob(o.$bytesBase64), (c) => c.charCodeAt(0));
  return Object.fromEntries(keys.map((k) => [k, fromJsonSafe(o[k])]));
}

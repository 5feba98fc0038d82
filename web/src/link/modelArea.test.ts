// @vitest-environment node
// The host's model area image (modelArea.ts) against the layout core/ml/model_area.h reads:
// header, entries and CRC at their offsets, pages cut and padded as flash holds them, and the
// refusals a host must give before anything is written.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../test-support/genericFirmware';
import { crc32, modelAreaFlashPages, modelAreaImage, modelAreaPages } from './modelArea';

const activity = () => new Uint8Array(readFileSync(`${repoRoot}examples/models/activity.bin`));

describe('the model area image', () => {
  it('computes the CRC-32 of zlib (the check value of "123456789")', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
  });

  it('lays out header, entries, blobs and CRC as the board reads them', () => {
    const blob = activity();
    const { bytes, crc } = modelAreaImage(
      new Map([
        [3, blob],
        [1, blob],
      ]),
    );
    const view = new DataView(bytes.buffer);
    expect(new TextDecoder().decode(bytes.subarray(0, 4))).toBe('EMFA');
    expect([bytes[4], bytes[5]]).toEqual([1, 2]); // version, count
    const length = 12 + 2 * 16 + 2 * blob.length;
    expect(view.getUint32(8, true)).toBe(length);
    expect(bytes.length).toBe(length + 4);
    // Entries in id order; each points at its blob and carries the blob's own CRC trailer.
    for (const [i, id] of [1, 3].entries()) {
      const entry = 12 + 16 * i;
      expect(bytes[entry]).toBe(id);
      const offset = view.getUint32(entry + 4, true);
      expect(offset).toBe(44 + i * blob.length);
      expect(view.getUint32(entry + 8, true)).toBe(blob.length);
      expect(bytes.subarray(offset, offset + blob.length)).toEqual(blob);
      expect(view.getUint32(entry + 12, true)).toBe(view.getUint32(offset + blob.length - 4, true));
    }
    expect(view.getUint32(length, true)).toBe(crc);
    expect(crc).toBe(crc32(bytes.subarray(0, length)));
  });

  it('cuts the image into whole pages padded with erased flash', () => {
    const { bytes } = modelAreaImage(new Map([[1, activity()]]));
    const pages = modelAreaPages(0x200, bytes);
    expect(pages.length).toBe(Math.ceil(bytes.length / 256));
    expect(pages.map((p) => p.address)).toEqual(pages.map((_, i) => 0x200 + 256 * i));
    const last = pages[pages.length - 1].bytes;
    expect(last.length).toBe(256);
    expect(last[255]).toBe(0xff);
    expect(pages.flatMap((p) => [...p.bytes]).slice(0, bytes.length)).toEqual([...bytes]);
    expect(() => modelAreaPages(0x280, bytes)).toThrow('not page-aligned');
  });

  it('refuses what the board cannot hold', () => {
    const blob = activity();
    expect(() => modelAreaImage(new Map())).toThrow('at least one model');
    expect(() => modelAreaImage(new Map([[8, blob]]), 8192, 8)).toThrow('ids 0..7');
    expect(() =>
      modelAreaImage(
        new Map([
          [0, blob],
          [1, blob],
        ]),
        8192,
      ),
    ).toThrow(
      `the models need ${12 + 32 + 2 * blob.length + 4} B of flash, the board's model area holds 8192 B`,
    );
  });

  it('gives a virtual board the pages for the place its sizes file names', () => {
    const sizes = JSON.parse(
      readFileSync(`${repoRoot}web/public/firmware/generic-mega2560.json`, 'utf8'),
    ) as { modelArea: { address: number; bytes: number; pageSize: number } };
    const blobs = new Map([[1, activity()]]);
    const pages = modelAreaFlashPages(blobs, sizes.modelArea);
    expect(pages[0].address).toBe(sizes.modelArea.address);
    expect(pages).toEqual(modelAreaPages(sizes.modelArea.address, modelAreaImage(blobs).bytes));
    expect(() => modelAreaFlashPages(new Map([[9, activity()]]), sizes.modelArea)).toThrow(
      'ids 0..7',
    );
  });
});

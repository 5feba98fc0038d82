// The model area of a board's flash (core/ml/model_area.h, docs/serial-link.md "Models in
// flash") on the host's side: the image that holds a graph's model blobs under their ids, its
// CRC-32 (what the board reports, so a host writes nothing when the board already holds the
// same models), and the flash pages to write — through the bootloader on a real board, or
// straight into a virtual board's program memory.
import {
  MODEL_AREA_ENTRY_SIZE,
  MODEL_AREA_HEADER_SIZE,
  MODEL_AREA_VERSION,
} from './linkConstants.generated';

/** CRC-32 (IEEE, reflected, as zlib.crc32 and the model engine's blobCrc32). */
export function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return (crc ^ 0xffffffff) >>> 0;
}

export interface ModelAreaImage {
  /** Header, entries, blobs and the CRC-32: the bytes to write from the area's start. */
  bytes: Uint8Array;
  /** The CRC-32 over everything but itself: what the board's ModelArea answer reports. */
  crc: number;
}

/**
 * The area holding `blobs` (model id → blob bytes), ids in increasing order. Throws when it
 * cannot be built: no models, an id past `maxModels`, more bytes than `capacity`.
 */
export function modelAreaImage(
  blobs: ReadonlyMap<number, Uint8Array>,
  capacity = Infinity,
  maxModels = 256,
): ModelAreaImage {
  const ids = [...blobs.keys()].sort((a, b) => a - b);
  if (ids.length === 0) throw new Error('a model area needs at least one model');
  for (const id of ids) {
    if (!Number.isInteger(id) || id < 0 || id >= maxModels)
      throw new Error(`model id ${id} is out of range: this board holds ids 0..${maxModels - 1}`);
  }
  const headerBytes = MODEL_AREA_HEADER_SIZE + ids.length * MODEL_AREA_ENTRY_SIZE;
  const length = ids.reduce((n, id) => n + blobs.get(id)!.length, headerBytes);
  if (length + 4 > capacity) {
    throw new Error(
      `the models need ${length + 4} B of flash, the board's model area holds ${capacity} B`,
    );
  }
  const bytes = new Uint8Array(length + 4);
  const view = new DataView(bytes.buffer);
  bytes.set([0x45, 0x4d, 0x46, 0x41, MODEL_AREA_VERSION, ids.length]); // "EMFA"
  view.setUint32(8, length, true);
  let offset = headerBytes;
  ids.forEach((id, i) => {
    const blob = blobs.get(id)!;
    if (blob.length < 20)
      throw new Error(`model ${id} is too short to be a model (${blob.length} B)`);
    const entry = MODEL_AREA_HEADER_SIZE + i * MODEL_AREA_ENTRY_SIZE;
    bytes[entry] = id;
    view.setUint32(entry + 4, offset, true);
    view.setUint32(entry + 8, blob.length, true);
    bytes.set(blob.subarray(blob.length - 4), entry + 12); // the blob's own CRC-32 trailer
    bytes.set(blob, offset);
    offset += blob.length;
  });
  const crc = crc32(bytes.subarray(0, length));
  view.setUint32(length, crc, true);
  return { bytes, crc };
}

export interface FlashPage {
  /** Byte address in flash (a multiple of the page size). */
  address: number;
  bytes: Uint8Array;
}

/**
 * The flash pages that put `image` at `address` (page-aligned), the last one padded with 0xFF
 * (erased flash). A virtual board copies them into its program memory; a real one gets them
 * through its bootloader (stk500v2.ts writeFlashPages).
 */
export function modelAreaPages(address: number, image: Uint8Array, pageSize = 256): FlashPage[] {
  if (address % pageSize !== 0)
    throw new Error(`the model area's address 0x${address.toString(16)} is not page-aligned`);
  const pages: FlashPage[] = [];
  for (let at = 0; at < image.length; at += pageSize) {
    const bytes = new Uint8Array(pageSize).fill(0xff);
    bytes.set(image.subarray(at, at + pageSize));
    pages.push({ address: address + at, bytes });
  }
  return pages;
}

/** Where a firmware's model area is: the `modelArea` of the sizes file beside its `.hex`. */
export interface ModelAreaPlace {
  address: number;
  bytes: number;
  pageSize?: number;
}

/**
 * The pages that give a board's model area exactly `blobs` (id → blob): what a virtual board
 * copies into its program memory before it boots (a real one gets them through its bootloader).
 * `maxModels` is the firmware's store size (8 on the generic Mega).
 */
export function modelAreaFlashPages(
  blobs: ReadonlyMap<number, Uint8Array>,
  area: ModelAreaPlace,
  maxModels = 8,
): FlashPage[] {
  const { bytes } = modelAreaImage(blobs, area.bytes, maxModels);
  return modelAreaPages(area.address, bytes, area.pageSize ?? 256);
}

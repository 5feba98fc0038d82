// The serial link's frames on the host side (docs/serial-link.md): the browser and Node talk to a
// board — virtual (avr8js) or real (Web Serial) — with these. The board's end is the C++ in
// core/link/frame.*; the two are held together by the shared constants (generated from the
// C++ headers) and by tests that decode what the real firmware sends.
//
//   on the wire   0x00 | COBS(body) | 0x00
//   body          version | type | sequence | payload (0..64) | CRC-16/CCITT-FALSE (LE)
import { LINK_MAX_PAYLOAD, LINK_VERSION } from './linkConstants.generated';

export interface LinkFrame {
  type: number;
  sequence: number;
  payload: Uint8Array;
}

/** A frame that arrived damaged: why, and how many bytes it had on the wire. */
export interface LinkDamage {
  damaged: 'corrupt' | 'too long' | 'truncated' | 'checksum' | 'version';
  length: number;
}

export function crc16(bytes: ArrayLike<number>, crc = 0xffff): number {
  for (let i = 0; i < bytes.length; i++) {
    crc ^= bytes[i] << 8;
    for (let bit = 0; bit < 8; bit++) {
      crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
    }
  }
  return crc;
}

/** One whole frame, both delimiters included. Throws on a payload over LINK_MAX_PAYLOAD. */
export function encodeFrame(
  type: number,
  sequence: number,
  payload: ArrayLike<number> = [],
): Uint8Array {
  if (payload.length > LINK_MAX_PAYLOAD) {
    throw new RangeError(
      `a link frame carries at most ${LINK_MAX_PAYLOAD} bytes, not ${payload.length}`,
    );
  }
  const body = [LINK_VERSION, type & 0xff, sequence & 0xff, ...Array.from(payload)];
  const crc = crc16(body);
  body.push(crc & 0xff, crc >> 8);
  const out = [0];
  let block: number[] = [];
  for (const byte of body) {
    if (byte === 0) {
      out.push(block.length + 1, ...block);
      block = [];
    } else {
      block.push(byte);
    }
  }
  out.push(block.length + 1, ...block, 0);
  return Uint8Array.from(out);
}

const MAX_BODY = LINK_MAX_PAYLOAD + 5;

/**
 * Reassembles frames from received bytes, in whatever pieces they arrive. Every frame that
 * ends damaged is returned as a LinkDamage (never dropped); empty frames are line idle.
 */
export class FrameReader {
  private encoded: number[] = [];
  private length = 0; // bytes since the last delimiter (the kept ones are bounded)

  push(bytes: ArrayLike<number>): Array<LinkFrame | LinkDamage> {
    const out: Array<LinkFrame | LinkDamage> = [];
    for (let i = 0; i < bytes.length; i++) {
      const byte = bytes[i];
      if (byte !== 0) {
        // Bounded: a flood without delimiters is kept no further than a frame can be long,
        // and reported once, when its delimiter comes.
        if (this.encoded.length <= MAX_BODY + 2) this.encoded.push(byte);
        this.length++;
        continue;
      }
      if (this.length > 0) out.push(decodeBody(this.encoded, this.length));
      this.encoded = [];
      this.length = 0;
    }
    return out;
  }
}

function decodeBody(encoded: number[], length: number): LinkFrame | LinkDamage {
  if (length > MAX_BODY + 2) return { damaged: 'too long', length };
  const body: number[] = [];
  for (let k = 0; k < encoded.length;) {
    const code = encoded[k++];
    if (k + code - 1 > encoded.length) return { damaged: 'corrupt', length };
    for (let n = 1; n < code; n++) body.push(encoded[k++]);
    if (code < 0xff && k < encoded.length) body.push(0);
  }
  if (body.length > MAX_BODY) return { damaged: 'too long', length };
  if (body.length < 5) return { damaged: 'truncated', length };
  const crc = body[body.length - 2] | (body[body.length - 1] << 8);
  if (crc16(body.slice(0, -2)) !== crc) return { damaged: 'checksum', length };
  if (body[0] !== LINK_VERSION) return { damaged: 'version', length };
  return { type: body[1], sequence: body[2], payload: Uint8Array.from(body.slice(3, -2)) };
}

export const isDamage = (item: LinkFrame | LinkDamage): item is LinkDamage => 'damaged' in item;

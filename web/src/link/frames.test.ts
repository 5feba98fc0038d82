// The host's frame codec (frames.ts) against docs/serial-link.md: the documented bytes, COBS
// around zeros, each kind of damage reported, a cut frame never taking the next one down. That
// the board agrees is shown by virtual-board/virtualBoard.test.ts (the real firmware decodes
// these frames and the reader decodes the firmware's).
import { describe, expect, it } from 'vitest';
import { FrameReader, crc16, encodeFrame, isDamage, type LinkFrame } from './frames';

const frames = (items: ReturnType<FrameReader['push']>) =>
  items.filter((f): f is LinkFrame => !isDamage(f));

describe('link frames', () => {
  it('computes CRC-16/CCITT-FALSE', () => {
    expect(crc16(Array.from('123456789', (c) => c.charCodeAt(0)))).toBe(0x29b1);
  });

  it('writes the documented bytes: 0x00, COBS(version, type, sequence, payload, CRC), 0x00', () => {
    const crc = crc16([1, 0x05, 9, 0xaa]);
    expect(Array.from(encodeFrame(0x05, 9, [0xaa]))).toEqual([
      0,
      7,
      1,
      5,
      9,
      0xaa,
      crc & 0xff,
      crc >> 8,
      0,
    ]);
  });

  it('round-trips payloads with zeros, all zeros and every byte value', () => {
    const payloads = [
      [],
      [0],
      [0, 0, 0],
      [0, 1, 0, 2, 0],
      Array.from({ length: 64 }, (_, i) => (i * 37) & 0xff),
    ];
    const reader = new FrameReader();
    for (const [i, payload] of payloads.entries()) {
      const wire = encodeFrame(0x41, i, payload);
      expect(Array.from(wire.subarray(1, -1))).not.toContain(0);
      const out = reader.push(wire);
      expect(out).toEqual([{ type: 0x41, sequence: i, payload: Uint8Array.from(payload) }]);
    }
  });

  it('refuses payloads over 64 bytes', () => {
    expect(() => encodeFrame(1, 1, new Array(65).fill(1))).toThrow(/at most 64 bytes/);
  });

  it('reports each kind of damage once, and reads on', () => {
    const reader = new FrameReader();
    const wire = encodeFrame(1, 2, [3, 4, 5]);
    const flipped = Uint8Array.from(wire);
    flipped[4] ^= flipped[4] === 1 ? 2 : 1;
    expect(reader.push(flipped)).toEqual([{ damaged: 'checksum', length: wire.length - 2 }]);
    expect(reader.push([0, 5, 1, 2, 0])).toEqual([{ damaged: 'corrupt', length: 3 }]);
    expect(reader.push([0, 3, 1, 2, 0])).toEqual([{ damaged: 'truncated', length: 3 }]);
    expect(reader.push([0, ...new Array(500).fill(7), 0])).toEqual([
      { damaged: 'too long', length: 500 },
    ]);
    const v2 = [2, 1, 1];
    const crc = crc16(v2);
    expect(reader.push([0, 6, ...v2, crc & 0xff, crc >> 8, 0])).toEqual([
      { damaged: 'version', length: 6 },
    ]);
    expect(frames(reader.push(encodeFrame(7, 8)))).toHaveLength(1);
  });

  it('cut at every byte, a frame never takes the next one down', () => {
    const next = encodeFrame(0x02, 200, [9, 0, 8]);
    const wire = encodeFrame(0x03, 1, [0, 1, 2, 0, 0, 3]);
    for (let cut = 0; cut < wire.length - 1; cut++) {
      const out = new FrameReader().push([...wire.subarray(0, cut), ...next]);
      expect(frames(out)).toEqual([{ type: 0x02, sequence: 200, payload: Uint8Array.of(9, 0, 8) }]);
      expect(out.filter(isDamage)).toHaveLength(cut > 1 ? 1 : 0);
    }
  });
});

// The serial link's frames (docs/serial-link.md) as a second reader and writer, independent of
// the C++ and TypeScript ones, so the board checks (generic_link.mjs on avr8js,
// generic_link_mega.mjs on simavr) also check the board against the document: message types,
// CRC-16, COBS framing.
export const T = { hello: 0x01, begin: 0x02, chunk: 0x03, commit: 0x04, liveEdit: 0x05 };
export const R = { info: 0x41, ack: 0x42, error: 0x43, packet: 0x44, log: 0x45, networkError: 0x47, damaged: 0x48 };

export function crc16(bytes, crc = 0xffff) {
  for (const b of bytes) {
    crc ^= b << 8;
    for (let i = 0; i < 8; i++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc;
}

export function encodeFrame(type, sequence, payload = []) {
  const body = [1, type, sequence, ...payload];
  const crc = crc16(body);
  body.push(crc & 0xff, crc >> 8);
  const out = [0];
  let block = [];
  for (const b of body) {
    if (b === 0) {
      out.push(block.length + 1, ...block);
      block = [];
    } else block.push(b);
  }
  out.push(block.length + 1, ...block, 0);
  return out;
}

// Splits received bytes at zeros, COBS-decodes and checks each frame; throws on damage (the
// board must never send a damaged frame).
export function decodeFrames(bytes) {
  const frames = [];
  let start = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] !== 0) continue;
    const encoded = bytes.slice(start, i);
    start = i + 1;
    if (encoded.length === 0) continue;
    const body = [];
    for (let k = 0; k < encoded.length; ) {
      const code = encoded[k++];
      for (let n = 1; n < code; n++) body.push(encoded[k++]);
      if (code < 0xff && k < encoded.length) body.push(0);
    }
    const crc = body[body.length - 2] | (body[body.length - 1] << 8);
    if (crc16(body.slice(0, -2)) !== crc) throw new Error(`a damaged frame from the board: ${encoded}`);
    if (body[0] !== 1) throw new Error(`link version ${body[0]} from the board`);
    frames.push({ type: body[1], sequence: body[2], payload: body.slice(3, -2) });
  }
  return { frames, rest: bytes.slice(start) };
}


// Intel HEX (what avr-objcopy -O ihex writes) into a flash image, for the virtual board and the
// flasher. Bytes the file does not set are 0xFF, as in erased flash.
// Refuses what it cannot place — a record beyond the flash, a bad checksum, an unknown record
// type — with the line it is on, instead of running a half-loaded firmware.
export function parseIntelHex(text: string, flashBytes: number): Uint8Array {
  const flash = new Uint8Array(flashBytes).fill(0xff);
  let base = 0; // from extended segment/linear address records (the Mega's upper 64 KB)
  const lines = text.split('\n');
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n].trim();
    if (!line) continue;
    const where = `line ${n + 1}`;
    if (!/^:[0-9a-fA-F]{10,}$/.test(line) || line.length % 2 !== 1)
      throw new Error(`${where}: not an Intel HEX record`);
    const bytes = Array.from({ length: (line.length - 1) / 2 }, (_, i) =>
      parseInt(line.slice(1 + 2 * i, 3 + 2 * i), 16),
    );
    const [count, high, low, type] = bytes;
    if (bytes.length !== count + 5)
      throw new Error(`${where}: the record's length does not match its count`);
    if (bytes.reduce((sum, b) => sum + b, 0) % 256 !== 0)
      throw new Error(`${where}: checksum mismatch`);
    const data = bytes.slice(4, 4 + count);
    if (type === 0x01) return flash;
    if (type === 0x00) {
      const address = base + ((high << 8) | low);
      if (address + count > flashBytes)
        throw new Error(`${where}: data beyond the ${flashBytes}-byte flash`);
      flash.set(data, address);
    } else if (type === 0x02) {
      base = ((data[0] << 8) | data[1]) * 16;
    } else if (type === 0x04) {
      base = ((data[0] << 8) | data[1]) << 16;
    } else if (type !== 0x03 && type !== 0x05) {
      throw new Error(`${where}: unknown record type ${type}`);
    }
  }
  throw new Error('no end-of-file record: the HEX file is cut short');
}

/**
 * A flash image's first `length` bytes as Intel HEX (16-byte data records, at most 64 KB: no
 * extended address records), e.g. a patched image for simavr or for a VirtualBoard.
 */
export function formatIntelHex(flash: Uint8Array, length = flash.length): string {
  if (length > 0x10000) throw new Error('formatIntelHex: images past 64 KB are not supported');
  const hex2 = (b: number) => b.toString(16).toUpperCase().padStart(2, '0');
  const record = (address: number, type: number, data: ArrayLike<number>) => {
    const bytes = [data.length, address >> 8, address & 0xff, type, ...Array.from(data)];
    const sum = bytes.reduce((s, b) => s + b, 0);
    return `:${bytes.map(hex2).join('')}${hex2((256 - (sum % 256)) % 256)}`;
  };
  const lines: string[] = [];
  for (let at = 0; at < length; at += 16)
    lines.push(record(at, 0x00, flash.subarray(at, Math.min(at + 16, length))));
  lines.push(record(0, 0x01, []));
  return lines.join('\n') + '\n';
}

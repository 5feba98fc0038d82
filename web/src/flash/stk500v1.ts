// Flashing an Arduino Uno through its bootloader, Optiboot, which speaks STK500 version 1
// (Atmel AVR061): reset by DTR, sync, check the chip's signature, write the firmware page by
// page, read it back and compare, leave. The line is any byte transport with an optional DTR
// control — Web Serial in Chromium, a tty in Node — so the same code flashes from the browser
// and from the CLI. Every failure says what did not answer or what differed.
import {
  FlashError,
  KNOWN_CHIPS,
  Receiver,
  compareRead,
  hex,
  resetByDtr,
  send,
  throwIfCancelled,
  usedLength,
  wallClock,
  type FlashOptions,
  type SerialLine,
} from './serialLine';

export { FlashError, type FlashOptions, type SerialLine } from './serialLine';

// STK500v1 bytes (AVR061).
const STK = {
  ok: 0x10,
  insync: 0x14,
  crcEop: 0x20,
  getSync: 0x30,
  getParameter: 0x41,
  enterProgmode: 0x50,
  leaveProgmode: 0x51,
  loadAddress: 0x55,
  progPage: 0x64,
  readPage: 0x74,
  readSign: 0x75,
};

const UNO_SIGNATURE: [number, number, number] = [0x1e, 0x95, 0x0f];

export async function flashStk500v1(
  line: SerialLine,
  image: Uint8Array,
  options: FlashOptions = {},
): Promise<void> {
  const {
    pageSize = 128,
    signature = UNO_SIGNATURE,
    chipName = 'ATmega328P (Uno)',
    verify = true,
    progress,
    answerTimeoutMs = 500,
    wait = wallClock,
    signal,
  } = options;
  const rx = new Receiver(line, wait, signal);
  // A command: the bytes, CRC_EOP; the answer: INSYNC, `answerBytes` bytes, OK.
  const command = async (
    bytes: number[],
    answerBytes = 0,
    what = 'the command',
    timeoutMs = answerTimeoutMs,
  ) => {
    send(line, Uint8Array.from([...bytes, STK.crcEop]));
    const head = await rx.take(1, timeoutMs);
    if (head === null) throw new FlashError(`the bootloader did not answer ${what}`, 'no-answer');
    if (head[0] !== STK.insync)
      throw new FlashError(`the bootloader lost sync during ${what} (0x${hex(head)})`);
    const rest = await rx.take(answerBytes + 1, timeoutMs);
    if (rest === null || rest[answerBytes] !== STK.ok) {
      throw new FlashError(`the bootloader refused ${what}${rest ? ` (0x${hex(rest)})` : ''}`);
    }
    return rest.slice(0, answerBytes);
  };

  try {
    await resetByDtr(line, wait);
    // Sync: the bootloader listens once it has started (after its LED flashes); try, drain, retry.
    progress?.('sync', 0, 1);
    let synced = false;
    for (let attempt = 0; attempt < 10 && !synced; attempt++) {
      rx.drain();
      send(line, Uint8Array.of(STK.getSync, STK.crcEop));
      const answer = await rx.take(2, 200);
      synced = answer !== null && answer[0] === STK.insync && answer[1] === STK.ok;
    }
    if (!synced) {
      throw new FlashError(
        'no answer from a bootloader: is it the right port, and an Uno with its bootloader? (10 sync attempts)',
        'no-answer',
      );
    }
    await rx.settle(Math.min(answerTimeoutMs, 200), 2 * answerTimeoutMs);
    const chip = await command([STK.readSign], 3, 'the signature request');
    if (hex(chip) !== hex(signature)) {
      const known = KNOWN_CHIPS[hex(chip)];
      throw new FlashError(
        `wrong board: the chip is ${known ?? `0x${hex(chip)}`}, but this firmware is for the ${chipName}`,
        'wrong-board',
      );
    }
    await command([STK.enterProgmode], 0, 'programming mode');

    const pages = Math.ceil(usedLength(image) / pageSize);
    const loadAddress = (byteAddress: number) =>
      command(
        [STK.loadAddress, (byteAddress >> 1) & 0xff, byteAddress >> 9],
        0,
        `the address 0x${byteAddress.toString(16)}`,
      );
    for (let page = 0; page < pages; page++) {
      throwIfCancelled(signal);
      const at = page * pageSize;
      const data = Array.from(image.subarray(at, at + pageSize));
      while (data.length < pageSize) data.push(0xff);
      await loadAddress(at);
      await command(
        [STK.progPage, pageSize >> 8, pageSize & 0xff, 0x46, ...data],
        0,
        `page 0x${at.toString(16)}`,
        2 * answerTimeoutMs,
      );
      progress?.('write', page + 1, pages);
    }
    if (verify) {
      for (let page = 0; page < pages; page++) {
        const at = page * pageSize;
        await loadAddress(at);
        const back = await command(
          [STK.readPage, pageSize >> 8, pageSize & 0xff, 0x46],
          pageSize,
          `reading 0x${at.toString(16)}`,
        );
        compareRead(image, at, back);
        progress?.('verify', page + 1, pages);
      }
    }
    await command([STK.leaveProgmode], 0, 'leaving programming mode');
    progress?.('done', pages, pages);
  } finally {
    rx.close();
  }
}

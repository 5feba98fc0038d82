// @vitest-environment node
// The Web Serial line's behaviour and its messages. The SerialPort here is a test double that
// fails as Chromium's does (the same DOMException names and messages: Chromium is the only
// browser with Web Serial, and no test here can attach a USB port); the bytes pass through
// real WHATWG streams. The line against a real bootloader and firmware is the Board panel's
// Playwright test (tests/e2e/real-board.spec.ts).
import { describe, expect, it } from 'vitest';
import {
  openSerialLine,
  requestPort,
  SerialPortError,
  UNSUPPORTED_MESSAGE,
  webSerial,
  type WebSerialPort,
} from './webSerial';

/** A port whose board side the test drives: `send` bytes to the host, `written` from it. */
function fakePort(openError?: DOMException) {
  let board!: ReadableStreamDefaultController<Uint8Array>;
  const written: number[][] = [];
  const signals: object[] = [];
  const calls: string[] = [];
  const port: WebSerialPort = {
    readable: new ReadableStream<Uint8Array>({
      start: (c) => void (board = c),
      cancel: () => void calls.push('reader cancelled'),
    }),
    writable: new WritableStream<Uint8Array>({ write: (chunk) => void written.push([...chunk]) }),
    open: async () => {
      calls.push('open');
      if (openError) throw openError;
    },
    close: async () => void calls.push('close'),
    setSignals: async (s) => void signals.push(s),
  };
  return { port, board: () => board, written, signals, calls };
}

const failure = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => e as SerialPortError,
  );

describe('asking for a port', () => {
  it('names the browsers that have Web Serial when this one has none', async () => {
    expect(webSerial({} as Navigator)).toBeNull();
    const e = await failure(requestPort(null));
    expect(e).toBeInstanceOf(SerialPortError);
    expect(e?.reason).toBe('unsupported');
    expect(e?.message).toBe(UNSUPPORTED_MESSAGE);
    expect(UNSUPPORTED_MESSAGE).toMatch(/Chrome, Edge or Opera.*Firefox and Safari cannot/);
  });

  it('says the picker was cancelled (NotFoundError)', async () => {
    const serial = {
      requestPort: () =>
        Promise.reject(new DOMException('No port selected by the user.', 'NotFoundError')),
    };
    const e = await failure(requestPort(serial));
    expect([e?.reason, e?.message]).toEqual([
      'cancelled',
      'No port chosen: the port picker was cancelled.',
    ]);
  });

  it('points to https when the page may not use serial ports (SecurityError)', async () => {
    const serial = {
      requestPort: () => Promise.reject(new DOMException('Access denied.', 'SecurityError')),
    };
    const e = await failure(requestPort(serial));
    expect(e?.message).toMatch(/does not allow serial ports here \(Access denied\.\).*https/);
  });
});

describe('opening and using the line', () => {
  it('says another program holds a port that does not open (NetworkError)', async () => {
    const { port } = fakePort(new DOMException('Failed to open serial port.', 'NetworkError'));
    const e = await failure(openSerialLine(port));
    expect(e?.reason).toBe('busy');
    expect(e?.message).toMatch(
      /^The port cannot be opened \(Failed to open serial port\.\): another program \(Arduino IDE/,
    );
  });

  it('says when the port is already open in this tab (InvalidStateError)', async () => {
    const { port } = fakePort(new DOMException('The port is already open.', 'InvalidStateError'));
    expect((await failure(openSerialLine(port)))?.message).toBe(
      'That port is already open in this tab.',
    );
  });

  it('passes bytes both ways in order, sets DTR, and closes without reporting a loss', async () => {
    const fake = fakePort();
    const line = await openSerialLine(fake.port);
    const got: number[] = [];
    const lost: string[] = [];
    line.onBytes((b) => got.push(...b));
    line.onLost((e) => lost.push(e.message));
    const buffer = Uint8Array.of(1, 2, 3);
    line.write(buffer);
    buffer[0] = 9; // the caller reuses its buffer: what was written is kept
    line.write(Uint8Array.of(4));
    fake.board().enqueue(Uint8Array.of(0x14, 0x10));
    await line.setSignals!({ dataTerminalReady: false });
    for (let i = 0; i < 20 && (got.length < 2 || fake.written.length < 2); i++)
      await Promise.resolve();
    expect(got).toEqual([0x14, 0x10]);
    expect(fake.written).toEqual([[1, 2, 3], [4]]);
    expect(fake.signals).toEqual([{ dataTerminalReady: false }]);
    await line.close();
    expect(fake.calls).toEqual(['open', 'reader cancelled', 'close']);
    expect(lost).toEqual([]);
    expect(line.failure).toBeNull();
  });

  it('reports a device lost mid-operation once, then drops writes and refuses signals', async () => {
    const fake = fakePort();
    const line = await openSerialLine(fake.port);
    const lost: SerialPortError[] = [];
    line.onLost((e) => lost.push(e));
    fake.board().error(new DOMException('The device has been lost.', 'NetworkError'));
    for (let i = 0; i < 20 && lost.length === 0; i++) await Promise.resolve();
    expect(lost.map((e) => [e.reason, e.message])).toEqual([
      ['lost', 'The board was disconnected (The device has been lost.).'],
    ]);
    line.write(Uint8Array.of(1));
    await expect(line.setSignals!({ dataTerminalReady: true })).rejects.toThrow(
      'The board was disconnected',
    );
    expect(fake.written).toEqual([]);
    expect(lost).toHaveLength(1);
    await line.close();
  });

  it('treats a read stream that ends by itself as a lost device', async () => {
    const fake = fakePort();
    const line = await openSerialLine(fake.port);
    const lost: string[] = [];
    line.onLost((e) => lost.push(e.message));
    fake.board().close();
    for (let i = 0; i < 20 && lost.length === 0; i++) await Promise.resolve();
    expect(lost).toEqual(['The board was disconnected (the port stopped sending).']);
    await line.close();
  });
});

// A real board's serial port in the browser, through Web Serial (navigator.serial, Chromium
// only): asks the user for a port, opens it at 115200 baud and turns its streams into the
// SerialLine the flasher and the serial-link client use (bytes both ways + DTR). Every way it
// can fail — no Web Serial, the picker cancelled, the port busy, the device unplugged — becomes a
// SerialPortError whose message says what happened and what to do.
import type { SerialLine } from '../flash/stk500v1';

// The slice of the Web Serial API used here (TypeScript's DOM library does not declare it).
export interface WebSerialPort {
  open(options: { baudRate: number }): Promise<void>;
  close(): Promise<void>;
  setSignals(signals: { dataTerminalReady?: boolean; requestToSend?: boolean }): Promise<void>;
  getInfo?(): { usbVendorId?: number; usbProductId?: number };
  readonly readable: ReadableStream<Uint8Array> | null;
  readonly writable: WritableStream<Uint8Array> | null;
}
export interface WebSerial {
  requestPort(options?: object): Promise<WebSerialPort>;
}

export type SerialFailure = 'unsupported' | 'cancelled' | 'busy' | 'lost' | 'closed';

export class SerialPortError extends Error {
  constructor(
    message: string,
    readonly reason: SerialFailure,
  ) {
    super(message);
    this.name = 'SerialPortError';
  }
}

export const UNSUPPORTED_MESSAGE =
  'This browser has no Web Serial: use Chrome, Edge or Opera (version 89 or later) on a ' +
  'desktop, over https or localhost. Firefox and Safari cannot open serial ports.';

/** Web Serial of this page, or null (Firefox, Safari, an insecure origin). */
export function webSerial(nav: Navigator = navigator): WebSerial | null {
  const serial = (nav as Navigator & { serial?: WebSerial }).serial;
  return serial && typeof serial.requestPort === 'function' ? serial : null;
}

const domName = (e: unknown) => (e instanceof Error ? e.name : '');
const text = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** The port the user picks; cancelling the picker is a SerialPortError('cancelled'). */
export async function requestPort(serial: WebSerial | null): Promise<WebSerialPort> {
  if (!serial) throw new SerialPortError(UNSUPPORTED_MESSAGE, 'unsupported');
  try {
    return await serial.requestPort();
  } catch (e) {
    if (domName(e) === 'NotFoundError')
      throw new SerialPortError('No port chosen: the port picker was cancelled.', 'cancelled');
    if (domName(e) === 'SecurityError')
      throw new SerialPortError(
        `The browser does not allow serial ports here (${text(e)}): open the app over https or localhost.`,
        'unsupported',
      );
    throw new SerialPortError(`Cannot ask for a port: ${text(e)}`, 'unsupported');
  }
}

export interface WebSerialLine extends SerialLine {
  /** Called once if the device goes away (unplugged, reset of its USB chip) while open. */
  onLost(listener: (error: SerialPortError) => void): void;
  /** The first write or read failure, once the line has failed. */
  readonly failure: SerialPortError | null;
  close(): Promise<void>;
}

/**
 * Opens `port` and reads it until close(). Writes are queued in order; a write after the device
 * is lost is dropped (the failure was already reported through onLost).
 */
export async function openSerialLine(
  port: WebSerialPort,
  baudRate = 115200,
): Promise<WebSerialLine> {
  try {
    await port.open({ baudRate });
  } catch (e) {
    if (domName(e) === 'InvalidStateError')
      throw new SerialPortError('That port is already open in this tab.', 'busy');
    throw new SerialPortError(
      `The port cannot be opened (${text(e)}): another program (Arduino IDE, a serial monitor, ` +
        'another tab) may be using it. Close that and connect again.',
      'busy',
    );
  }
  if (!port.readable || !port.writable) {
    await port.close().catch(() => {});
    throw new SerialPortError('The port opened without streams to read or write.', 'lost');
  }
  const reader = port.readable.getReader();
  const writer = port.writable.getWriter();
  const byteListeners: Array<(bytes: Uint8Array) => void> = [];
  const lostListeners: Array<(error: SerialPortError) => void> = [];
  let failure: SerialPortError | null = null;
  let closing = false;
  let writes: Promise<void> = Promise.resolve();

  const fail = (e: unknown) => {
    if (failure || closing) return;
    failure = new SerialPortError(`The board was disconnected (${text(e)}).`, 'lost');
    for (const listener of lostListeners) listener(failure);
  };

  const reading = (async () => {
    for (;;) {
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await reader.read();
      } catch (e) {
        fail(e);
        return;
      }
      if (chunk.done) {
        if (!closing) fail(new Error('the port stopped sending'));
        return;
      }
      if (chunk.value?.length) for (const listener of byteListeners) listener(chunk.value);
    }
  })();

  return {
    get failure() {
      return failure;
    },
    write(bytes: Uint8Array) {
      if (failure || closing) return;
      const copy = Uint8Array.from(bytes); // the caller may reuse its buffer
      writes = writes.then(() => writer.write(copy)).catch(fail);
    },
    onBytes(listener) {
      byteListeners.push(listener);
      return () => {
        const i = byteListeners.indexOf(listener);
        if (i >= 0) byteListeners.splice(i, 1);
      };
    },
    async setSignals(signals) {
      if (failure) throw failure;
      try {
        await port.setSignals(signals);
      } catch (e) {
        fail(e);
        throw failure ?? new SerialPortError(text(e), 'lost');
      }
    },
    onLost(listener) {
      lostListeners.push(listener);
    },
    async close() {
      if (closing) return;
      closing = true;
      await writes.catch(() => {});
      await reader.cancel().catch(() => {});
      reader.releaseLock();
      await reading;
      await writer.close().catch(() => {});
      writer.releaseLock();
      await port.close().catch(() => {});
    },
  };
}

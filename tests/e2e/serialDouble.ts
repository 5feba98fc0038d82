// A test double of the browser's Web Serial API (navigator.serial), for the Board panel's e2e
// test: Playwright cannot attach a real serial port to Chromium. Only the browser API is
// doubled. The board behind it is real simulated hardware: an ATmega328P on simavr running
// Debian's Optiboot (tests/flash/bootloader_board.cpp, through test-support/bootloaderBoard.ts),
// whose pseudo-terminal this file bridges to the page — bytes through page.exposeBinding one
// way and page.evaluate the other, DTR as the harness's reset. `mode` makes the next
// requestPort/open fail as Chromium does: the picker cancelled, or the port busy.
import type { Frame, Page } from '@playwright/test';
import {
  startBoard,
  type BoardName,
  type SimulatedBoard,
} from '../../web/src/test-support/bootloaderBoard';

export type DoubleMode = 'board' | 'cancel' | 'busy';

interface PageDouble {
  setMode(mode: DoubleMode): void;
  receive(bytes: number[]): void;
  lose(): void;
}

/** Installed in the page before the app loads (a function Playwright serialises). */
function installDouble(): void {
  type Signals = { dataTerminalReady?: boolean; requestToSend?: boolean };
  const bridge = window as unknown as {
    __serialWrite(bytes: number[]): Promise<void>;
    __serialSignals(signals: Signals): Promise<void>;
    __serialDouble: PageDouble;
  };
  let mode: DoubleMode = 'board';
  let controller: ReadableStreamDefaultController<Uint8Array> | null = null;
  let open = false;
  const port = {
    readable: null as ReadableStream<Uint8Array> | null,
    writable: null as WritableStream<Uint8Array> | null,
    getInfo: () => ({ usbVendorId: 0x2341, usbProductId: 0x0043 }),
    async open({ baudRate }: { baudRate: number }) {
      if (mode === 'busy') throw new DOMException('Failed to open serial port.', 'NetworkError');
      if (open) throw new DOMException('The port is already open.', 'InvalidStateError');
      if (baudRate !== 115200)
        throw new Error(`the double's board talks at 115200, not ${baudRate}`);
      open = true;
      port.readable = new ReadableStream<Uint8Array>({ start: (c) => void (controller = c) });
      port.writable = new WritableStream<Uint8Array>({
        write: (chunk) => bridge.__serialWrite(Array.from(chunk)),
      });
      // Opening a port asserts DTR, which resets an Uno (its auto-reset).
      await bridge.__serialSignals({ dataTerminalReady: false });
      await bridge.__serialSignals({ dataTerminalReady: true });
    },
    async close() {
      open = false;
      controller = null;
      port.readable = null;
      port.writable = null;
    },
    async setSignals(signals: Signals) {
      if (!open) throw new DOMException('The port is closed.', 'InvalidStateError');
      await bridge.__serialSignals(signals);
    },
  };
  bridge.__serialDouble = {
    setMode: (m) => (mode = m),
    receive: (bytes) => controller?.enqueue(Uint8Array.from(bytes)),
    lose: () => controller?.error(new DOMException('The device has been lost.', 'NetworkError')),
  };
  Object.defineProperty(navigator, 'serial', {
    configurable: true,
    value: {
      async requestPort() {
        if (mode === 'cancel')
          throw new DOMException('No port selected by the user.', 'NotFoundError');
        return port;
      },
      async getPorts() {
        return [];
      },
    },
  });
}

export interface SerialDouble {
  board: SimulatedBoard;
  setMode(mode: DoubleMode): Promise<void>;
  /** The USB cable pulled: the page's reader fails as Chromium's does. */
  unplug(): Promise<void>;
  close(): void;
}

/**
 * Starts the simulated board (the Uno unless `options.board` says the Mega 2560, behind its
 * STK500v2 bootloader) and installs the double in `page` (before page.goto). `options`: what
 * startBoard takes beyond its run time, e.g. the generic firmware already flashed (`app`) and
 * a DS18B20 on a pin.
 */
export async function installSerialDouble(
  page: Page,
  options: Omit<Parameters<typeof startBoard>[1] & object, 'seconds'> & { board?: BoardName } = {},
  /** The frame whose app uses the port (the page's own unless the app is in an iframe). */
  frame: () => Frame = () => page.mainFrame(),
): Promise<SerialDouble> {
  const { board: name = 'uno', ...start } = options;
  const board = await startBoard(name, { seconds: 600, ...start });
  const line = board.line();
  let dtr = true;
  await page.exposeBinding('__serialWrite', (_source, bytes: number[]) =>
    line.write(Uint8Array.from(bytes)),
  );
  await page.exposeBinding(
    '__serialSignals',
    (_source, signals: { dataTerminalReady?: boolean }) => {
      // The board's reset capacitor turns DTR's assertion into a reset pulse.
      if (signals.dataTerminalReady === true && !dtr) board.reset();
      if (signals.dataTerminalReady !== undefined) dtr = signals.dataTerminalReady;
    },
  );
  // The board's bytes, in order: one evaluate at a time, and whatever arrived meanwhile goes in
  // the next one (as a real port hands over what its buffer holds). An evaluate per pty read
  // fell behind a graph with every edge watched, and the double, not the app, was the backlog.
  let waiting: number[] = [];
  let delivering = false;
  const deliver = async () => {
    delivering = true;
    while (waiting.length > 0) {
      const chunk = waiting;
      waiting = [];
      await frame()
        .evaluate(
          (b) => (window as unknown as { __serialDouble: PageDouble }).__serialDouble.receive(b),
          chunk,
        )
        .catch(() => {}); // the page is closing
    }
    delivering = false;
  };
  line.onBytes((bytes) => {
    for (const byte of bytes) waiting.push(byte);
    if (!delivering) void deliver();
  });
  await page.addInitScript(installDouble);
  type Window = { __serialDouble: PageDouble };
  return {
    board,
    setMode: (mode) =>
      frame().evaluate((m) => (window as unknown as Window).__serialDouble.setMode(m), mode),
    unplug: () => frame().evaluate(() => (window as unknown as Window).__serialDouble.lose()),
    close: () => {
      board.cut();
      board.child.kill();
    },
  };
}

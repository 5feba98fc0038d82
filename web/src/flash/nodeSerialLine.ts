// A serial port in Node as the flashers' SerialLine, through the `serialport` package: a USB
// board's /dev/ttyACM0 or /dev/ttyUSB0, or any tty (a pseudo-terminal in the tests). Opening
// errors become FlashErrors with code 'port' and a hint (busy: another program holds the port;
// no permission: the dialout group). Used by `emflow flash` (cli.ts); Node only.
import { SerialPort } from 'serialport';
import { FlashError, type SerialLine } from './serialLine';

export interface OpenedLine extends SerialLine {
  close(): Promise<void>;
}

function hintFor(message: string): string {
  if (/lock|busy/i.test(message))
    return ': the port is busy (another program, e.g. a serial monitor, has it open)';
  if (/permission|EACCES/i.test(message))
    return ': no permission (on Linux, join the dialout group)';
  if (/no such file|ENOENT/i.test(message)) return ': no such port (is the board plugged in?)';
  return '';
}

/**
 * Opens `path` at `baudRate`, raw, locked against other programs. `onNoDtr` is told once when the
 * port has no modem lines (a pty, some adapters): the board must then be reset by hand.
 */
export async function openSerialLine(
  path: string,
  baudRate: number,
  onNoDtr: (message: string) => void,
): Promise<OpenedLine> {
  const port = new SerialPort({ path, baudRate, autoOpen: false, lock: true, hupcl: false });
  await new Promise<void>((resolve, reject) =>
    port.open((error) =>
      error
        ? reject(
            new FlashError(
              `cannot open ${path}${hintFor(error.message)} (${error.message})`,
              'port',
            ),
          )
        : resolve(),
    ),
  );
  let dtrWorks = true;
  return {
    write: (bytes) => {
      if (!port.isOpen) throw new Error(`${path} is closed`);
      port.write(Buffer.from(bytes));
    },
    onBytes: (listener) => {
      const onData = (data: Buffer) => listener(new Uint8Array(data));
      port.on('data', onData);
      return () => void port.off('data', onData);
    },
    setSignals: async ({ dataTerminalReady, requestToSend }) => {
      if (!dtrWorks) return;
      await new Promise<void>((resolve) =>
        port.set({ dtr: dataTerminalReady, rts: requestToSend }, (error) => {
          if (error) {
            dtrWorks = false;
            onNoDtr(
              `${path} has no DTR control (${error.message}): press the board's reset button now if it does not answer`,
            );
          }
          resolve();
        }),
      );
    },
    close: () =>
      new Promise<void>((resolve) => (port.isOpen ? port.close(() => resolve()) : resolve())),
  };
}

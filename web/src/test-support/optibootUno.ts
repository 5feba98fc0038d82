// Node-side fixture of the flashing tests: an Arduino Uno with Debian's real Optiboot on simavr
// (tests/flash/optiboot_uno.cpp, compiled here once per process) behind a pseudo-terminal that
// stands in for the board's USB serial port. Used by the flasher's Vitest suite and by the
// Playwright test of the Board panel, which bridges the same pty to the page.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { constants, existsSync, mkdtempSync, openSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ReadStream } from 'node:tty';
import { repoRoot } from './genericFirmware';

export const OPTIBOOT =
  '/usr/share/arduino/hardware/arduino/avr/bootloaders/optiboot/optiboot_atmega328.hex';

let harnessBinary: string | null = null;
function harness(): string {
  if (harnessBinary) return harnessBinary;
  if (!existsSync(OPTIBOOT))
    throw new Error(`${OPTIBOOT} is missing (Debian package arduino-core-avr)`);
  const out = join(mkdtempSync(join(tmpdir(), 'emflow-optiboot-')), 'optiboot_uno');
  execFileSync('g++', [
    '-std=c++17',
    '-O2',
    `${repoRoot}tests/flash/optiboot_uno.cpp`,
    '-lsimavr',
    '-lelf',
    '-o',
    out,
  ]);
  return (harnessBinary = out);
}

export interface SimulatedUno {
  /** Bytes to the board's UART. */
  write(bytes: Uint8Array): void;
  /** Bytes from the board; returns a function that stops listening. */
  onBytes(listener: (bytes: Uint8Array) => void): () => void;
  /** The auto-reset a DTR pulse gives a real Uno (only with `dtr`). */
  reset(): void;
  /** Closes the pty and ends the simulator. */
  close(): void;
  /** The simulator's process, for tests that end it as an unplugged board. */
  readonly child: ChildProcess;
}

/**
 * A simulated Uno starting in its bootloader (as right after the DTR pulse of an upload), for
 * `seconds` of wall time; `dtr`: reset() restarts it in the bootloader as DTR does on a board.
 */
export async function startOptibootUno({ seconds = 60, dtr = false } = {}): Promise<SimulatedUno> {
  const args = [OPTIBOOT, '--seconds', String(seconds), ...(dtr ? ['--dtr-stdin'] : [])];
  const child = spawn(harness(), args, { stdio: [dtr ? 'pipe' : 'ignore', 'pipe', 'inherit'] });
  const path = await new Promise<string>((resolve, reject) => {
    child.stdout!.once('data', (d: Buffer) => resolve(d.toString().trim().split(' ')[1]));
    child.once('exit', (code) => reject(new Error(`the harness exited with ${code}`)));
  });
  const fd = openSync(path, constants.O_RDWR | constants.O_NOCTTY);
  const input = new ReadStream(fd);
  input.setRawMode(true);
  const listeners: Array<(bytes: Uint8Array) => void> = [];
  input.on('data', (d: Buffer) => listeners.forEach((l) => l(new Uint8Array(d))));
  input.on('error', () => {}); // the simulator ended: the line is gone, as on an unplugged board
  return {
    child,
    write: (bytes) => void writeSync(fd, bytes),
    onBytes: (listener) => {
      listeners.push(listener);
      return () => listeners.splice(listeners.indexOf(listener), 1);
    },
    reset: () => {
      if (!dtr) throw new Error('this simulated Uno was started without dtr');
      child.stdin!.write('reset\n');
    },
    close: () => {
      input.destroy();
      child.kill();
    },
  };
}

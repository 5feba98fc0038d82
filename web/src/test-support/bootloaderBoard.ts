// Node-side fixture of the flashing tests: a simulated Arduino with its real Debian bootloader
// (tests/flash/bootloader_board.cpp on libsimavr, built here once), behind a pseudo-terminal
// opened like /dev/ttyACM0. The pty is a test double of the USB serial chip only; the
// bootloader, its SPM writes and the firmware are real. A pty has no DTR, so the line's
// setSignals stands in for the auto-reset circuit: asserting DTR after it was off resets the
// board into its bootloader (the harness's "reset" on stdin), as the 100 nF capacitor does.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { constants, existsSync, mkdtempSync, openSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ReadStream } from 'node:tty';
import type { SerialLine } from '../flash/serialLine';
import { repoRoot } from './genericFirmware';

const BOOTLOADERS = '/usr/share/arduino/hardware/arduino/avr/bootloaders';
export const BOARDS = {
  uno: { mcu: 'atmega328p', bootloader: `${BOOTLOADERS}/optiboot/optiboot_atmega328.hex` },
  mega2560: {
    mcu: 'atmega2560',
    bootloader: `${BOOTLOADERS}/stk500v2/stk500boot_v2_mega2560.hex`,
  },
} as const;
export type BoardName = keyof typeof BOARDS;

let harnessBinary: string | null = null;
/** The harness, compiled once per test process. */
export function harness(): string {
  if (harnessBinary) return harnessBinary;
  const out = join(mkdtempSync(join(tmpdir(), 'emflow-bootloader-')), 'bootloader_board');
  execFileSync('bash', [`${repoRoot}tests/flash/build-board.sh`, out]);
  return (harnessBinary = out);
}

export interface SimulatedBoard {
  /** The pty's path, for a program that opens the port itself (emflow flash). */
  path: string;
  /** A line over the pty, with setSignals as the DTR stand-in. */
  line(): SerialLine;
  /** Resets into the bootloader (what a DTR pulse does). */
  reset(): void;
  /** Closes every line opened on the pty: what an unplugged cable does to the host's side. */
  cut(): void;
  child: ChildProcess;
}

const running: SimulatedBoard[] = [];

/** Ends every board started by the current test (call from afterEach). */
export function stopBoards() {
  for (const board of running.splice(0)) {
    board.cut();
    board.child.kill();
  }
}

/** A simulated board in its bootloader (with `app` preloaded in flash, if given). */
export async function startBoard(
  name: BoardName,
  options: {
    app?: string;
    seconds?: number;
    /** A DS18B20 on this Uno pin, its temperature a triangle wave LOW:HIGH:PERIOD_S. */
    ds18b20?: { pin: number; wave?: string };
    /** Recorded ADC counts (`emflow run --adc FILE`) on A0..A2, from `fromMs` into the file. */
    adc?: { file: string; fromMs?: number };
  } = {},
): Promise<SimulatedBoard> {
  const { mcu, bootloader } = BOARDS[name];
  if (!existsSync(bootloader))
    throw new Error(`${bootloader} is missing (Debian package arduino-core-avr)`);
  const args = [
    bootloader,
    '--mcu',
    mcu,
    '--seconds',
    String(options.seconds ?? 90),
    '--control-stdin',
  ];
  if (options.app) args.push('--app', options.app);
  if (options.adc) {
    args.push('--adc', options.adc.file, '--adc-from', String(options.adc.fromMs ?? 0));
  }
  if (options.ds18b20) {
    args.push('--ds18b20', String(options.ds18b20.pin));
    if (options.ds18b20.wave) args.push('--ds18b20-wave', options.ds18b20.wave);
  }
  const child = spawn(harness(), args, { stdio: ['pipe', 'pipe', 'inherit'] });
  const path = await new Promise<string>((resolve, reject) => {
    child.stdout!.once('data', (d: Buffer) => resolve(d.toString().trim().split(' ')[1]));
    child.once('exit', (code) => reject(new Error(`the harness exited with ${code}`)));
  });
  const streams: ReadStream[] = [];
  const board: SimulatedBoard = {
    path,
    child,
    reset: () => void child.stdin!.write('reset\n'),
    cut: () => streams.splice(0).forEach((s) => s.destroy()),
    line: () => {
      const fd = openSync(path, constants.O_RDWR | constants.O_NOCTTY);
      const input = new ReadStream(fd);
      input.setRawMode(true);
      streams.push(input);
      const listeners: Array<(bytes: Uint8Array) => void> = [];
      input.on('data', (d: Buffer) => listeners.forEach((l) => l(new Uint8Array(d))));
      let dtr = true;
      return {
        write: (bytes) => {
          if (input.destroyed) throw new Error('the port is closed');
          writeSync(fd, bytes);
        },
        onBytes: (listener) => {
          listeners.push(listener);
          return () => listeners.splice(listeners.indexOf(listener), 1);
        },
        setSignals: async ({ dataTerminalReady }) => {
          if (dataTerminalReady === undefined) return;
          if (dataTerminalReady && !dtr) board.reset();
          dtr = dataTerminalReady;
        },
      };
    },
  };
  running.push(board);
  return board;
}

// `emflow flash FIRMWARE.hex --port /dev/ttyACM0 --board uno|mega2560`: puts a firmware onto a
// board through its bootloader with the same clients the app uses (stk500v1.ts for the Uno's
// Optiboot, stk500v2.ts for the Mega 2560's), over a Node serial port (nodeSerialLine.ts).
// Progress goes to stderr; the exit status says what failed (EXIT below, docs/flash.md).
// Started by bin/emflow.mjs.
import { readFileSync } from 'node:fs';
import { parseIntelHex } from '../virtual-board/intelHex';
import { openSerialLine } from './nodeSerialLine';
import {
  FlashError,
  usedLength,
  type FlashErrorCode,
  type FlashOptions,
  type SerialLine,
} from './serialLine';
import { flashStk500v1 } from './stk500v1';
import { flashStk500v2 } from './stk500v2';

export const USAGE =
  'usage: emflow flash FIRMWARE.hex --port PORT --board uno|mega2560 [--baud 115200] [--no-verify]';

/** Exit statuses, one per kind of failure. */
export const EXIT: Record<FlashErrorCode | 'ok' | 'usage', number> = {
  ok: 0,
  refused: 1,
  usage: 2,
  port: 3,
  'no-answer': 4,
  'wrong-board': 5,
  verify: 6,
  image: 7,
  cancelled: 130,
};

interface Board {
  flashBytes: number;
  flash: (line: SerialLine, image: Uint8Array, options: FlashOptions) => Promise<void>;
}
const BOARDS: Record<string, Board> = {
  uno: { flashBytes: 32 * 1024, flash: flashStk500v1 },
  mega2560: { flashBytes: 256 * 1024, flash: flashStk500v2 },
};

interface Args {
  hex: string;
  port: string;
  board: string;
  baud: number;
  verify: boolean;
}

function parseArgs(argv: string[]): Args | string {
  const args: Partial<Args> = { baud: 115200, verify: true };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${arg} needs a value`);
      return argv[++i];
    };
    try {
      if (arg === '--port') args.port = value();
      else if (arg === '--board') args.board = value();
      else if (arg === '--baud') args.baud = Number(value());
      else if (arg === '--no-verify') args.verify = false;
      else if (arg.startsWith('-')) return `unknown option ${arg}`;
      else if (args.hex === undefined) args.hex = arg;
      else return `one firmware only (got ${args.hex} and ${arg})`;
    } catch (e) {
      return (e as Error).message;
    }
  }
  if (!args.hex) return 'which firmware? (an Intel HEX file)';
  if (!args.port) return '--port is required (e.g. /dev/ttyACM0)';
  if (!args.board) return '--board is required';
  if (!(args.board in BOARDS)) return `unknown board ${args.board} (uno, mega2560)`;
  if (!Number.isInteger(args.baud) || args.baud! <= 0) return '--baud needs a positive integer';
  return args as Args;
}

export interface CliIo {
  stderr: (text: string) => void;
  /** Fires on Ctrl-C (the bin wires SIGINT). */
  signal?: AbortSignal;
}

export async function flashCommand(argv: string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    io.stderr(`emflow flash: ${args}\n${USAGE}\n`);
    return EXIT.usage;
  }
  const board = BOARDS[args.board];
  let image: Uint8Array;
  try {
    image = parseIntelHex(readFileSync(args.hex, 'utf8'), board.flashBytes);
    if (usedLength(image) === 0) throw new Error('no data to write (every byte is erased flash)');
  } catch (e) {
    io.stderr(`emflow flash: ${args.hex}: ${(e as Error).message}\n`);
    return EXIT.image;
  }
  const started = Date.now();
  let line: Awaited<ReturnType<typeof openSerialLine>> | null = null;
  let lastReport = '';
  try {
    line = await openSerialLine(args.port, args.baud, (m) => io.stderr(`emflow flash: ${m}\n`));
    await board.flash(line, image, {
      verify: args.verify,
      signal: io.signal,
      progress: (stage, done, total) => {
        // One line per stage and per tenth of it: readable in a log, not a flood.
        const report = `${stage} ${Math.floor((done / total) * 10) * 10}%`;
        if (report === lastReport && done !== total) return;
        lastReport = report;
        if (stage === 'done') return;
        io.stderr(
          `emflow flash: ${stage === 'sync' ? 'reaching the bootloader' : `${stage} ${done}/${total} pages`}\n`,
        );
      },
    });
    io.stderr(
      `emflow flash: ${args.hex} written${args.verify ? ' and verified' : ''} on the ${args.board} at ${args.port} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
    );
    return EXIT.ok;
  } catch (e) {
    if (e instanceof FlashError) {
      io.stderr(`emflow flash: ${e.message}\n`);
      return EXIT[e.code];
    }
    throw e;
  } finally {
    await line?.close();
  }
}

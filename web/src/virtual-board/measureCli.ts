// `emflow measure MODEL.bin --rows ROWS.csv [--board uno] [--meter METER.hex]`: cycles per
// prediction of a model on the Uno's CPU, measured on avr8js by the model meter
// (modelMeter.ts, the same code the notebook and the firmware dialog run in a worker) for the
// user's own rows. Prints mean and largest cycles and µs at 16 MHz on stdout, progress on stderr.
// Started by bin/emflow.mjs.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { measureAllRows } from './modelMeter';
import { parseNumberRows } from './numberRows';
import { UNO_CLOCK_HZ } from './virtualBoards';

export const MEASURE_USAGE =
  'usage: emflow measure MODEL.bin --rows ROWS.csv [--board uno] [--meter METER.hex] [--per-row]';

/** The meter the web build ships (scripts/build-web.sh), or the one firmware/meter/build.sh left. */
const DEFAULT_METERS = [
  '../../public/firmware/model-meter-uno.hex',
  '../../../build/firmware/meter/model-meter-uno.hex',
].map((p) => fileURLToPath(new URL(p, import.meta.url)));

interface Args {
  model: string;
  rows: string;
  meter?: string;
  perRow: boolean;
}

function parseArgs(argv: string[]): Args | string {
  const args: Partial<Args> = { perRow: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (['--rows', '--board', '--meter'].includes(arg) && i + 1 >= argv.length)
      return `${arg} needs a value`;
    if (arg === '--rows') args.rows = argv[++i];
    else if (arg === '--meter') args.meter = argv[++i];
    else if (arg === '--per-row') args.perRow = true;
    else if (arg === '--board') {
      const board = argv[++i];
      // The meter is built for the ATmega328P: the Mega's ATmega2560 pushes 3-byte return
      // addresses, so its calls take a cycle more; its figures are not measured here.
      if (board !== 'uno')
        return `--board ${board}: cycles are measured on the Uno (ATmega328P) only`;
    } else if (arg.startsWith('-')) return `unknown option ${arg}`;
    else if (args.model === undefined) args.model = arg;
    else return `one model only (got ${args.model} and ${arg})`;
  }
  if (!args.model) return 'which model? (a .bin file)';
  if (!args.rows) return '--rows ROWS.csv is required (one row of feature values per line)';
  return args as Args;
}

export interface MeasureIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

const micros = (cycles: number) => ((cycles / UNO_CLOCK_HZ) * 1e6).toFixed(1);

/** Exit status: 0 measured, 1 the meter or the model refused, 2 usage or unreadable files. */
export function measureCommand(argv: string[], io: MeasureIo): number {
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    io.stderr(`emflow measure: ${args}\n${MEASURE_USAGE}\n`);
    return 2;
  }
  const meterPath = args.meter ?? DEFAULT_METERS.find((p) => existsSync(p));
  if (!meterPath || !existsSync(meterPath)) {
    io.stderr(
      `emflow measure: no model meter firmware (${args.meter ?? DEFAULT_METERS[0]}): ` +
        'build it with scripts/build-web.sh or firmware/meter/build.sh build/firmware/meter\n',
    );
    return 2;
  }
  let blob: Uint8Array, rows: number[][];
  try {
    blob = new Uint8Array(readFileSync(args.model));
    rows = parseNumberRows(readFileSync(args.rows, 'utf8'), args.rows).rows;
  } catch (e) {
    io.stderr(`emflow measure: ${(e as Error).message}\n`);
    return 2;
  }
  const features = blob.length >= 10 ? blob[8] | (blob[9] << 8) : 0;
  if (rows.length === 0) {
    io.stderr(`emflow measure: ${args.rows} has no rows\n`);
    return 2;
  }
  if (rows[0].length !== features) {
    io.stderr(
      `emflow measure: ${args.rows} has ${rows[0].length} columns, ${args.model} takes ` +
        `${features} features: give the feature columns only\n`,
    );
    return 2;
  }
  try {
    const r = measureAllRows(readFileSync(meterPath, 'utf8'), blob, rows, (done, total) => {
      if (done < total) io.stderr(`emflow measure: ${done}/${total} rows\n`);
    });
    if (args.perRow)
      r.rows.forEach((row, i) => io.stdout(`row ${i} label ${row.label} cycles ${row.cycles}\n`));
    io.stdout(
      `${args.model}: ${rows.length} rows measured on the Uno's CPU (ATmega328P on avr8js, ` +
        `Timer1): mean ${r.meanCycles.toFixed(0)} cycles (${micros(r.meanCycles)} µs at 16 MHz), ` +
        `max ${r.maxCycles} cycles (${micros(r.maxCycles)} µs), stack ${r.stackBytes} B\n`,
    );
    return 0;
  } catch (e) {
    io.stderr(`emflow measure: ${args.model}: ${(e as Error).message}\n`);
    return 1;
  }
}

// A simulated Uno with a serial port, for the tests of emflow-runtime --serial: the generic
// firmware of this checkout (build/firmware/generic/generic-uno.hex, built by firmware/check.sh
// and scripts/build-web.sh, or the app's copy in web/public/firmware/) runs on simavr inside
// tests/flash/bootloader_board.cpp (built here once), started directly without the bootloader,
// behind a pseudo-terminal that stands in for /dev/ttyACM0 — a test double of the USB serial
// port only; the firmware, its link session and its EEPROM are real. Stopping the board writes
// its EEPROM to a file; starting it again with that file is a reset.
import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root } from './helpers.mjs';

const HEX_CANDIDATES = [
  process.env.EMFLOW_GENERIC_HEX,
  join(root, 'build/firmware/generic/generic-uno.hex'),
  join(root, 'web/public/firmware/generic-uno.hex'),
].filter(Boolean);
export const genericHex = HEX_CANDIDATES.find((p) => existsSync(p)) ?? HEX_CANDIDATES[0];

let harness;
function harnessBinary() {
  if (harness) return harness;
  if (!existsSync(genericHex)) {
    throw new Error(
      `the generic firmware is missing (looked in ${HEX_CANDIDATES.join(', ')}): ` +
        'firmware/generic/build.sh build/firmware/generic builds it',
    );
  }
  const out = join(mkdtempSync(join(tmpdir(), 'emflow-uno-')), 'uno_pty');
  execFileSync('bash', [join(root, 'tests/flash/build-board.sh'), out]);
  return (harness = out);
}

/** A fresh EEPROM file path (the file itself appears when a board stops). */
export function eepromFile() {
  return join(mkdtempSync(join(tmpdir(), 'emflow-eeprom-')), 'eeprom.bin');
}

/** Starts a board; resolves with {path (the pty), stop()} once its line is ready. */
export async function startBoard(eeprom = eepromFile(), seconds = 300) {
  const child = spawn(
    harnessBinary(),
    [genericHex, '--seconds', String(seconds), '--eeprom', eeprom],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const path = await new Promise((resolve, reject) => {
    child.stdout.once('data', (d) => resolve(String(d).trim().split(' ')[1]));
    child.once('exit', (code) => reject(new Error(`the simulated board exited with ${code}`)));
  });
  return {
    path,
    eeprom,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM'); // the harness writes the EEPROM file, then exits
      await once(child, 'exit');
    },
  };
}

// Node-side fixtures of the board tests: the generic firmware the app ships (built by
// scripts/build-web.sh) and Blink's command stream from the native CLI (built by npm test).
// A missing build fails the test with what to run, never skips it.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
export type GenericBoard = 'uno' | 'mega2560';
export const genericHexPathOf = (board: GenericBoard) =>
  `${repoRoot}web/public/firmware/generic-${board}.hex`;
export const genericHexPath = genericHexPathOf('uno');
export const cliPath = `${repoRoot}build/native/core/emflow`;

/** The generic firmware of a board (the Uno's by default) as Intel HEX text. */
export function genericHex(board: GenericBoard = 'uno'): string {
  const path = genericHexPathOf(board);
  if (!existsSync(path)) {
    throw new Error(
      `${path} is missing: scripts/build-web.sh builds it (firmware/generic/build.sh)`,
    );
  }
  return readFileSync(path, 'utf8');
}

/** The sizes build.sh wrote beside a board's generic firmware (flash, ram, …). */
export function genericSizes(board: GenericBoard = 'uno'): { flash: number; ram: number } {
  return JSON.parse(readFileSync(genericHexPathOf(board).replace(/\.hex$/, '.json'), 'utf8'));
}

export const meterHexPath = `${repoRoot}web/public/firmware/model-meter-uno.hex`;

/** The model meter firmware (firmware/meter) as Intel HEX text. */
export function meterHex(): string {
  if (!existsSync(meterHexPath)) {
    throw new Error(
      `${meterHexPath} is missing: scripts/build-web.sh builds it (firmware/meter/build.sh)`,
    );
  }
  return readFileSync(meterHexPath, 'utf8');
}

/** examples/blink.fbp as the command stream `emflow compile` writes. */
export function blinkStream(): Uint8Array {
  if (!existsSync(cliPath))
    throw new Error(`${cliPath} is missing: build the native CLI first (npm test does)`);
  const out = `${mkdtempSync(join(tmpdir(), 'emflow-blink-'))}/blink.bin`;
  execFileSync(cliPath, ['compile', `${repoRoot}examples/blink.fbp`, '-o', out]);
  return new Uint8Array(readFileSync(out));
}

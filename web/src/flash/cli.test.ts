// @vitest-environment node
// `emflow flash` (bin/emflow.mjs → cli.ts) as a user runs it: a real Node process opening a
// port through the `serialport` package, against simulated boards with Debian's real
// bootloaders (test-support/bootloaderBoard.ts: simavr behind a pseudo-terminal, the test
// double of the USB serial chip). Exit statuses and stderr are checked as a script would.
import { spawn } from 'node:child_process';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SerialPort } from 'serialport';
import { afterEach, describe, expect, it } from 'vitest';
import { LinkClient } from '../link/linkClient';
import { startBoard, stopBoards } from '../test-support/bootloaderBoard';
import { genericHexPathOf, genericSizes, repoRoot } from '../test-support/genericFirmware';
import { EXIT } from './cli';

afterEach(stopBoards);

/** Runs `emflow ARGS…`; its exit status and stderr. */
function emflow(args: string[]): Promise<{ status: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [`${repoRoot}bin/emflow.mjs`, ...args], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (status) => resolve({ status, stderr }));
  });
}

async function helloBoardName(line: ReturnType<Awaited<ReturnType<typeof startBoard>>['line']>) {
  const client = new LinkClient(line, { timeoutMs: 3000, retries: 4 });
  try {
    return (await client.hello()).boardName;
  } finally {
    client.close();
  }
}

describe('emflow flash', () => {
  it.each([
    ['mega2560', 256, 'Mega2560'],
    ['uno', 128, 'Uno'],
  ] as const)(
    'flashes the generic %s firmware through its bootloader, with progress on stderr',
    { timeout: 180_000 },
    async (board, pageSize, boardName) => {
      const sim = await startBoard(board);
      const hex = genericHexPathOf(board);
      const { status, stderr } = await emflow(['flash', hex, '--port', sim.path, '--board', board]);
      expect(stderr).toContain('reaching the bootloader');
      const pages = Math.ceil(genericSizes(board).flash / pageSize);
      expect(stderr).toContain(`write ${pages}/${pages} pages`);
      expect(stderr).toContain(`verify ${pages}/${pages} pages`);
      expect(stderr).toMatch(new RegExp(`written and verified on the ${board} at .* in [0-9.]+ s`));
      // A pty has no modem lines: said once, not an error.
      expect(stderr).toContain('has no DTR control');
      expect(status).toBe(EXIT.ok);
      expect(await helloBoardName(sim.line())).toBe(boardName);
    },
  );

  it('exits 4 when the port answers no bootloader of that board', { timeout: 60_000 }, async () => {
    // A Mega's STK500v2 bootloader does not speak the Uno's STK500v1.
    const sim = await startBoard('mega2560');
    const { status, stderr } = await emflow([
      'flash',
      genericHexPathOf('uno'),
      '--port',
      sim.path,
      '--board',
      'uno',
    ]);
    expect(stderr).toContain('no answer from a bootloader');
    expect(status).toBe(EXIT['no-answer']);
  });

  it('stops on Ctrl-C between two pages and exits 130', { timeout: 60_000 }, async () => {
    const sim = await startBoard('mega2560');
    const child = spawn(
      process.execPath,
      [
        `${repoRoot}bin/emflow.mjs`,
        'flash',
        genericHexPathOf('mega2560'),
        '--port',
        sim.path,
        '--board',
        'mega2560',
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    let interrupted = false; // once: a second Ctrl-C ends the process at once, as usual
    child.stderr!.on('data', (d: Buffer) => {
      stderr += d.toString();
      if (!interrupted && stderr.includes('write 1/')) {
        interrupted = true; // the first page is written
        child.kill('SIGINT');
      }
    });
    const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toContain('emflow flash: flashing cancelled');
    expect(status).toBe(EXIT.cancelled);
  });

  it('exits 3 when another program holds the port', { timeout: 60_000 }, async () => {
    const sim = await startBoard('mega2560');
    const holder = new SerialPort({ path: sim.path, baudRate: 115200, autoOpen: false });
    await new Promise<void>((resolve, reject) => holder.open((e) => (e ? reject(e) : resolve())));
    try {
      const { status, stderr } = await emflow([
        'flash',
        genericHexPathOf('mega2560'),
        '--port',
        sim.path,
        '--board',
        'mega2560',
      ]);
      expect(stderr).toContain('the port is busy');
      expect(status).toBe(EXIT.port);
    } finally {
      await new Promise<void>((resolve) => holder.close(() => resolve()));
    }
  });

  it('exits 2 on bad usage and 7 on a file that is no firmware', { timeout: 60_000 }, async () => {
    const usage = await emflow(['flash', 'x.hex', '--board', 'mega2560']);
    expect(usage.status).toBe(EXIT.usage);
    expect(usage.stderr).toContain('--port is required');
    const board = await emflow(['flash', 'x.hex', '--port', '/dev/null', '--board', 'due']);
    expect(board.status).toBe(EXIT.usage);
    expect(board.stderr).toContain('unknown board due (uno, mega2560)');
    const bad = join(mkdtempSync(join(tmpdir(), 'emflow-flash-')), 'bad.hex');
    writeFileSync(bad, ':10000000FFFF\n');
    const image = await emflow(['flash', bad, '--port', '/dev/null', '--board', 'uno']);
    expect(image.status).toBe(EXIT.image);
    expect(image.stderr).toContain('bad.hex: line 1:');
  });
});

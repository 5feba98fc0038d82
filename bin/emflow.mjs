#!/usr/bin/env node
// emflow: the Node side of the command-line tool. `emflow flash FIRMWARE.hex --port PORT --board
// uno|mega2560` flashes a board through its bootloader (web/src/flash/cli.ts, the clients the
// app uses); `emflow measure MODEL.bin --rows ROWS.csv` measures a model's cycles per
// prediction on a virtual Uno (web/src/virtual-board/measureCli.ts, the app's model meter);
// every other command is the native CLI's (build/native/core/emflow, built by `npm start` /
// `npm test`), run with the same arguments.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { register } from 'node:module';
import { fileURLToPath } from 'node:url';

const [command, ...rest] = process.argv.slice(2);
if (command === 'flash') {
  register('./ts-hooks.mjs', import.meta.url);
  const { flashCommand } = await import('../web/src/flash/cli.ts');
  const cancel = new AbortController();
  process.once('SIGINT', () => cancel.abort()); // Ctrl-C: stop between two bytes, say so
  process.exitCode = await flashCommand(rest, {
    stderr: (text) => process.stderr.write(text),
    signal: cancel.signal,
  });
} else if (command === 'measure') {
  register('./ts-hooks.mjs', import.meta.url);
  const { measureCommand } = await import('../web/src/virtual-board/measureCli.ts');
  process.exitCode = measureCommand(rest, {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  });
} else {
  const native = fileURLToPath(new URL('../build/native/core/emflow', import.meta.url));
  if (!existsSync(native)) {
    console.error(
      `emflow: ${native} is missing: build it (npm start or npm test); only "emflow flash" and "emflow measure" run without it`,
    );
    process.exit(2);
  }
  const result = spawnSync(native, process.argv.slice(2), { stdio: 'inherit' });
  process.exit(result.status ?? 1);
}

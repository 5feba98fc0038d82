// The serial runtime's Node pieces against their sources: wasm/link-client.generated.mjs is
// exactly what scripts/build-link-client.sh makes of web/src/link/*.ts (so Node and the
// browser run one link implementation, command streams and live-edit translation included),
// and the stream helpers wasm/board-stream.mjs re-exports split and rejoin the streams the
// engine compiles byte for byte.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { OP, joinStream, splitStream, withWatches } from '../../wasm/board-stream.mjs';
import { engine, root } from './helpers.mjs';

test('the committed link bundle is what the TypeScript sources build to', () => {
  const out = join(mkdtempSync(join(tmpdir(), 'emflow-link-bundle-')), 'bundle.mjs');
  execFileSync('bash', [join(root, 'scripts/build-link-client.sh'), out]);
  assert.equal(
    readFileSync(join(root, 'wasm/link-client.generated.mjs'), 'utf8'),
    readFileSync(out, 'utf8'),
    'wasm/link-client.generated.mjs is stale: run scripts/build-link-client.sh',
  );
});

test('compiled streams split into commands and join back to the same bytes', async () => {
  const module = await engine();
  const fridge = readFileSync(join(root, 'examples/fridge.fbp'), 'utf8');
  const compiled = module.compileForBoard(fridge, '');
  assert.equal(compiled.ok, true, compiled.error);
  const commands = splitStream(compiled.stream);
  assert.equal(commands.filter((c) => c[0] === OP.createNode).length, compiled.nodes.length);
  assert.equal(commands.filter((c) => c[0] === OP.connect).length, compiled.edges.length);
  assert.deepEqual(Array.from(joinStream(commands)), Array.from(compiled.stream));
  // Watches go before the start command, one per edge, and the result still checks out.
  const watched = splitStream(withWatches(compiled.stream, compiled.edges));
  const start = watched.findIndex((c) => c[0] === OP.start);
  assert.equal(
    watched.slice(0, start).filter((c) => c[0] === OP.watch).length,
    compiled.edges.length,
  );
  assert.equal(start, watched.length - 1);
  assert.throws(() => splitStream(compiled.stream.subarray(0, 20)), /cut command|no end/);
  assert.throws(() => splitStream(Uint8Array.of(1, 2, 3)), /not a command stream/);
});

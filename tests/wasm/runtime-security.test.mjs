// Security and robustness of the real bin/emflow-runtime.mjs process (docs/protocol.md,
// "Security model"): Origin check, the secret on every message and for events, nesting and
// size caps, crash-safe --persist, and restore with a secret.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { connect, startRuntime } from './runtime-server.mjs';

// A hung runtime fails the test instead of hanging the suite (a guard, not a timing check).
const GUARD = { timeout: 180_000 };
const deep = (n) => '['.repeat(n) + ']'.repeat(n);
const isError = (m) => m.command === 'error';

test('a generated secret is printed once and required on every message', GUARD, async () => {
  const runtime = await startRuntime(['--world', 'none']);
  try {
    assert.match(runtime.secret ?? '', /^[A-Za-z0-9_-]{24}$/, runtime.startupLine);
    const anonymous = await connect(runtime.url);
    const limited = await anonymous.request('runtime', 'getruntime', {}, 'runtime');
    assert.deepEqual(limited.payload.capabilities, []);
    const denied = await anonymous.request('graph', 'clear', { id: 'g' });
    assert.match(denied.payload.message, /access denied/);
    const wrong = await connect(runtime.url, { secret: `${runtime.secret}x` });
    assert.match(
      (await wrong.request('graph', 'clear', { id: 'g' })).payload.message,
      /access denied/,
    );
    const owner = await connect(runtime.url, { secret: runtime.secret });
    assert.equal((await owner.request('graph', 'clear', { id: 'g' })).command, 'clear');
    await Promise.all([anonymous.close(), wrong.close(), owner.close()]);
  } finally {
    await runtime.stop();
  }
  const given = await startRuntime(['--secret', 'given-secret']);
  assert.equal(given.secret, undefined, 'a secret that was given is not echoed');
  await given.stop();
  const fromEnv = await startRuntime([], { FBP_PROTOCOL_SECRET: 'env-secret' });
  const client = await connect(fromEnv.url, { secret: 'env-secret' });
  assert.equal((await client.request('graph', 'clear', { id: 'g' })).command, 'clear');
  await client.close();
  await fromEnv.stop();
});

test(
  'a foreign Origin is refused with and without the secret; listed origins are let in',
  GUARD,
  async () => {
    const runtime = await startRuntime([
      '--secret',
      's',
      '--allow-origin',
      'https://app.flowhub.io',
    ]);
    try {
      for (const secret of [undefined, 's']) {
        await assert.rejects(connect(runtime.url, { origin: 'https://evil.example', secret }), {
          status: 403,
        });
        await assert.rejects(
          connect(`${runtime.url}?secret=s`, { origin: 'http://localhost:5173', secret }),
          {
            status: 403,
          },
        );
      }
      const flowhub = await connect(runtime.url, { origin: 'https://app.flowhub.io', secret: 's' });
      assert.equal((await flowhub.request('graph', 'clear', { id: 'g' })).command, 'clear');
      const tool = await connect(runtime.url, { secret: 's' }); // no Origin: a local tool
      assert.equal((await tool.request('graph', 'clear', { id: 'h' })).command, 'clear');
      await Promise.all([flowhub.close(), tool.close()]);
      assert.match(runtime.stderr(), /refused a connection from origin https:\/\/evil.example/);
    } finally {
      await runtime.stop();
    }
  },
);

test('a client without the secret can neither edit nor hear network events', GUARD, async () => {
  const runtime = await startRuntime(['--secret', 's', '--world', 'none', '--speed', '50']);
  try {
    const owner = await connect(runtime.url, { secret: 's' });
    const outsider = await connect(runtime.url);
    for (const [command, payload] of [
      ['clear', { id: 'g', main: true }],
      ['addnode', { id: 't', component: 'Timer', graph: 'g' }],
      ['addnode', { id: 'd', component: 'Drop', graph: 'g' }],
      ['addedge', { src: { node: 't', port: 'out' }, tgt: { node: 'd', port: 'in' }, graph: 'g' }],
    ]) {
      assert.equal((await owner.request('graph', command, payload)).command, command);
    }
    assert.match(
      (await outsider.request('graph', 'removenode', { id: 't', graph: 'g' })).payload.message,
      /access denied/,
    );
    assert.match(
      (await outsider.request('network', 'start', { graph: 'g' })).payload.message,
      /access denied/,
    );
    owner.send('network', 'edges', {
      graph: 'g',
      edges: [{ src: { node: 't', port: 'out' }, tgt: { node: 'd', port: 'in' } }],
    });
    owner.send('network', 'start', { graph: 'g' });
    await owner.until((m) => m.command === 'started');
    let seen = 0;
    await owner.until((m) => m.command === 'data' && ++seen >= 3);
    // Replies come in order on a socket: anything broadcast before this reply arrived first.
    const from = outsider.received.length;
    await outsider.request('runtime', 'getruntime', {}, 'runtime');
    const heard = outsider.received.filter((m) => m.protocol === 'network');
    assert.deepEqual(
      heard.filter((m) => !isError(m)),
      [],
      JSON.stringify(heard),
    );
    assert.equal(outsider.received.length - from, 1);
    await Promise.all([owner.close(), outsider.close()]);
  } finally {
    await runtime.stop();
  }
});

test(
  '10k-deep nesting in any field gets an error reply and the runtime answers the next message',
  GUARD,
  async () => {
    const runtime = await startRuntime(['--secret', 's', '--world', 'none']);
    try {
      const client = await connect(runtime.url, { secret: 's' });
      await client.request('graph', 'clear', { id: 'g' });
      await client.request('graph', 'addnode', { id: 'a', component: 'Forward', graph: 'g' });
      const d = deep(10000);
      const texts = [
        `{"protocol":"graph","command":"addnode","secret":"s","payload":{"id":"b","component":"Drop","graph":"g","metadata":{"x":${d}}}}`,
        `{"protocol":"graph","command":"addinitial","secret":"s","payload":{"graph":"g","tgt":{"node":"a","port":"in"},"src":{"data":${d}}}}`,
        `{"protocol":"graph","command":"clear","secret":${d},"payload":{"id":"g2"}}`,
        `{"protocol":"graph","command":"clear","secret":"s","payload":{"id":${d}}}`,
        d,
      ];
      // An IIP whose string holds deep JSON is converted in C++ too.
      await client.request('graph', 'addnode', {
        id: 'r',
        component: 'ReadDallasTemperature',
        graph: 'g',
      });
      const iip = await client.request('graph', 'addinitial', {
        graph: 'g',
        tgt: { node: 'r', port: 'address' },
        src: { data: deep(5000) },
      });
      assert.match(iip.payload.message, /nested deeper than the limit of 64/);
      for (const text of texts) {
        const from = client.received.length;
        client.sendText(text);
        const reply = await client.until(() => true, from);
        assert.equal(reply.command, 'error', text.slice(0, 80));
        assert.match(reply.payload.message, /nested deeper than the limit of 64/);
        const next = await client.request('runtime', 'getruntime', {}, 'runtime');
        assert.equal(next.payload.type, 'emflow');
      }
      assert.equal(runtime.child.exitCode, null);
      await client.close();
    } finally {
      await runtime.stop();
    }
  },
);

test(
  'a 150k-key message is answered, a 10 MB message refused, and the runtime keeps serving',
  GUARD,
  async () => {
    const runtime = await startRuntime(['--secret', 's', '--world', 'none']);
    try {
      const client = await connect(runtime.url, { secret: 's' });
      await client.request('graph', 'clear', { id: 'g' });
      const keys = Array.from({ length: 150000 }, (_, i) => `"k${i}":0`).join(',');
      const text = `{"protocol":"graph","command":"addnode","secret":"s","payload":{"id":"a","component":"Drop","graph":"g","metadata":{${keys}}}}`;
      const from = client.received.length;
      const started = performance.now();
      client.sendText(text);
      const reply = await client.until(() => true, from);
      const ms = performance.now() - started;
      console.log(`150k keys (${text.length} bytes): reply after ${ms.toFixed(0)} ms`);
      assert.equal(reply.command, 'error');
      assert.match(
        reply.payload.message,
        /payload.metadata is \d+ bytes as JSON, more than the 16384/,
      );

      const closed = new Promise((resolve) => client.socket.once('close', (code) => resolve(code)));
      client.sendText(
        `{"protocol":"runtime","command":"getruntime","pad":"${'x'.repeat(10 * 1024 * 1024)}"}`,
      );
      assert.equal(await closed, 1009); // "message too big"
      const again = await connect(runtime.url, { secret: 's' });
      assert.equal(
        (await again.request('graph', 'addnode', { id: 'a', component: 'Drop', graph: 'g' }))
          .command,
        'addnode',
      );
      await again.close();
    } finally {
      await runtime.stop();
    }
  },
);

test(
  'kill -9 at random points during --persist always restarts with the old or the new state',
  GUARD,
  async () => {
    const dir = mkdtempSync(join(tmpdir(), 'emflow-persist-'));
    const file = join(dir, 'graphs.json');
    // The file must always parse: a torn write would throw here and fail the test.
    const nodeIds = () =>
      existsSync(file)
        ? Object.keys(JSON.parse(readFileSync(file, 'utf8')).graphs.g.processes).sort()
        : [];
    // Big metadata makes each write long enough for kills to land inside it.
    const metadata = { blob: 'm'.repeat(15000) };
    let tornWrites = 0;
    try {
      for (let round = 0; round < 20; round++) {
        const runtime = await startRuntime(['--secret', 's', '--world', 'none', '--persist', file]);
        assert.doesNotMatch(runtime.stderr(), /restoring/, `round ${round}`);
        const before = nodeIds();
        const client = await connect(runtime.url, { secret: 's' });
        if (before.length === 0) await client.request('graph', 'clear', { id: 'g' });
        for (let i = 0; i < 4; i++) {
          const id = `n${round}-${i}`;
          const reply = await client.request('graph', 'addnode', {
            id,
            component: 'Drop',
            graph: 'g',
            metadata,
          });
          assert.equal(reply.command, 'addnode', JSON.stringify(reply.payload).slice(0, 200));
        }
        const after = [...before, ...[0, 1, 2, 3].map((i) => `n${round}-${i}`)].sort();
        for (let i = 0; i < 30; i++) client.send('network', 'persist', {});
        await new Promise((r) => setTimeout(r, Math.floor(Math.random() * 40)));
        await runtime.stop('SIGKILL');
        if (existsSync(join(dir, '.graphs.json.tmp'))) tornWrites++;
        const ids = nodeIds();
        assert.ok(
          JSON.stringify(ids) === JSON.stringify(before) ||
            JSON.stringify(ids) === JSON.stringify(after),
          `round ${round}: ${ids.length} nodes, expected ${before.length} or ${after.length}`,
        );
      }
      assert.ok(nodeIds().length > 0, 'some round persisted');
      console.log(
        `persist: 20 kills, ${tornWrites} left a temporary file behind (killed mid-write)`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
);

test('--secret with --persist restores the saved graphs', GUARD, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'emflow-persist-'));
  const file = join(dir, 'graphs.json');
  try {
    const first = await startRuntime(['--secret', 's', '--world', 'none', '--persist', file]);
    const client = await connect(first.url, { secret: 's' });
    await client.request('graph', 'clear', { id: 'saved', main: true });
    await client.request('graph', 'addnode', { id: 't', component: 'Timer', graph: 'saved' });
    client.send('network', 'persist', {});
    await client.request('runtime', 'getruntime', {}, 'runtime'); // persist has no reply
    await client.close();
    await first.stop();
    assert.ok(existsSync(file));

    const second = await startRuntime(['--secret', 's', '--world', 'none', '--persist', file]);
    assert.equal(second.stderr(), '');
    const again = await connect(second.url, { secret: 's' });
    const info = await again.request('runtime', 'getruntime', {}, 'runtime');
    assert.equal(info.payload.graph, 'saved');
    const duplicate = await again.request('graph', 'addnode', {
      id: 't',
      component: 'Timer',
      graph: 'saved',
    });
    assert.match(duplicate.payload.message, /node t already exists/);
    await again.close();
    await second.stop();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

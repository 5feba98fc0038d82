// emflow-runtime --serial against the generic firmware on a simulated Uno (simavr behind a
// pty, tests/wasm/simulated-board.mjs): the network runs on the board — start uploads the graph,
// watched edges come back as network:data, live edits apply on the running board, board errors
// become network:error — with the same security as without --serial, one runtime per port,
// and a board reset with its EEPROM kept is found running the project's graph again.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { connect, startRuntime } from './runtime-server.mjs';
import { startBoard } from './simulated-board.mjs';

// A hung board or runtime fails the test instead of hanging the suite (a guard, not a timing check).
const GUARD = { timeout: 240_000 };
const SECRET = 'serial-secret';
// Each test locks its ports in a directory of its own (the runtime's default is /run/lock).
const lockEnv = () => ({ EMFLOW_LOCK_DIR: mkdtempSync(join(tmpdir(), 'emflow-lock-')) });
// The runtime listens at once and prints what it found on the board once connected.
const ATTACHED = /emflow-runtime: the board (stores|runs)/;

async function boardAndRuntime(args = [], env = lockEnv(), board = null) {
  const uno = board ?? (await startBoard());
  const runtime = await startRuntime(
    ['--serial', uno.path, '--secret', SECRET, ...args],
    env,
    ATTACHED,
  );
  const client = await connect(runtime.url, { secret: SECRET });
  return { uno, runtime, client, env };
}

async function finish(...parts) {
  for (const part of parts) await part?.close?.();
  for (const part of parts) await part?.stop?.();
}

const isData = (id) => (m) => m.command === 'data' && m.payload.id === id;

/** Sends graph messages in order and waits for each reply. */
async function build(client, graph, steps) {
  for (const [command, payload] of steps) {
    const reply = await client.request('graph', command, { ...payload, graph });
    assert.notEqual(reply.command, 'error', `graph:${command}: ${reply.payload.message}`);
  }
}

test(
  'network:start uploads to the board; its watched edges come back as network:data',
  GUARD,
  async () => {
    const { uno, runtime, client } = await boardAndRuntime();
    try {
      assert.match(runtime.startupLine, /board Uno on \/dev\/pts\/\d+: 24 nodes, 32 edges/);
      assert.match(runtime.startupLine, /the board stores no graph/);
      assert.equal(
        (await client.request('graph', 'clear', { id: 'bar', main: true })).command,
        'clear',
      );
      await build(client, 'bar', [
        ['addnode', { id: 'Hello', component: 'core/Repeat' }],
        ['addnode', { id: 'World', component: 'core/Drop' }],
        ['addedge', { src: { node: 'Hello', port: 'out' }, tgt: { node: 'World', port: 'in' } }],
        ['addinitial', { src: { data: 'Hello, world!' }, tgt: { node: 'Hello', port: 'in' } }],
      ]);
      const from = client.received.length;
      client.send('network', 'start', { graph: 'bar' });
      const started = await client.until(
        (m) => m.command === 'started' || m.command === 'error',
        from,
      );
      assert.equal(started.command, 'started', JSON.stringify(started.payload));
      const iip = await client.until(isData('DATA -> IN Hello()'), from);
      assert.equal(iip.payload.data, 'Hello, world!');
      // The text went to the board as a symbol and came back from its Packet frame as the text.
      const edge = await client.until(isData('Hello() OUT -> IN World()'), from);
      assert.deepEqual(edge.payload, {
        id: 'Hello() OUT -> IN World()',
        src: { node: 'Hello', port: 'out' },
        tgt: { node: 'World', port: 'in' },
        data: 'Hello, world!',
        graph: 'bar',
      });
      // Everything delivered: started, but the board has nothing queued or due (Info's Active).
      const status = await client.request('network', 'getstatus', { graph: 'bar' }, 'status');
      assert.deepEqual(status.payload, { graph: 'bar', started: true, running: false });
      const stopped = await client.request('network', 'stop', { graph: 'bar' }, 'stopped');
      assert.equal(stopped.payload.started, false);
      const again = await client.request('network', 'stop', { graph: 'bar' });
      assert.match(again.payload.message, /not running/);
    } finally {
      await finish(client, runtime, uno);
    }
  },
);

test('live edits apply on the running board; what it cannot do is refused', GUARD, async () => {
  const { uno, runtime, client } = await boardAndRuntime();
  try {
    await client.request('graph', 'clear', { id: 'main', main: true });
    await build(client, 'main', [
      ['addnode', { id: 'tick', component: 'core/Timer' }],
      ['addnode', { id: 'count', component: 'core/Count' }],
      ['addnode', { id: 'sink', component: 'core/Drop' }],
      ['addedge', { src: { node: 'tick', port: 'out' }, tgt: { node: 'count', port: 'in' } }],
      ['addedge', { src: { node: 'count', port: 'out' }, tgt: { node: 'sink', port: 'in' } }],
      ['addinitial', { src: { data: 100 }, tgt: { node: 'tick', port: 'interval' } }],
    ]);
    let from = client.received.length;
    client.send('network', 'start', { graph: 'main' });
    const first = await client.until(isData('count() OUT -> IN sink()'), from);
    assert.equal(typeof first.payload.data, 'number');

    // A node and an edge added while it runs: the board sends the new edge's packets.
    await build(client, 'main', [
      ['addnode', { id: 'echo', component: 'core/Repeat' }],
      ['addnode', { id: 'sink2', component: 'core/Drop' }],
      ['addedge', { src: { node: 'count', port: 'out' }, tgt: { node: 'echo', port: 'in' } }],
      ['addedge', { src: { node: 'echo', port: 'out' }, tgt: { node: 'sink2', port: 'in' } }],
    ]);
    from = client.received.length;
    const echoed = await client.until(isData('echo() OUT -> IN sink2()'), from);
    assert.equal(typeof echoed.payload.data, 'number');

    // Removing it again: the board stops sending that edge (checked over the next 5 packets of
    // the edge that stays). The removenode reply comes from the host; the status request after
    // it is answered once the board has applied the removal (messages are handled in order),
    // and a packet the board sent before that arrived before its answer.
    await build(client, 'main', [['removenode', { id: 'echo' }]]);
    await client.request('network', 'getstatus', { graph: 'main' }, 'status');
    from = client.received.length;
    for (let seen = 0; seen < 5; seen++) {
      await client.until(isData('count() OUT -> IN sink()'), client.received.length);
    }
    assert.equal(client.received.slice(from).filter(isData('echo() OUT -> IN sink2()')).length, 0);

    // network:edges narrows what the board sends.
    const edges = [{ src: { node: 'tick', port: 'out' }, tgt: { node: 'count', port: 'in' } }];
    assert.equal(
      (await client.request('network', 'edges', { graph: 'main', edges })).command,
      'edges',
    );
    await client.until(isData('tick() OUT -> IN count()'), client.received.length);

    // Refused while running, with the way out in the message; the host graph is unchanged.
    const cleared = await client.request('graph', 'clear', { id: 'main' });
    assert.equal(cleared.command, 'error');
    assert.match(cleared.payload.message, /graph:clear: .*stop the network first/);
    const packet = await client.request('runtime', 'packet', {
      port: 'in',
      event: 'data',
      graph: 'main',
      payload: 1,
    });
    assert.match(packet.payload.message, /not on the board/);
  } finally {
    await finish(client, runtime, uno);
  }
});

test("a board's network errors arrive as network:error with node and port", GUARD, async () => {
  const { uno, runtime, client } = await boardAndRuntime();
  try {
    await client.request('graph', 'clear', { id: 'main', main: true });
    // DigitalWrite has no PIN: the board rejects its first packet (node w, port IN).
    await build(client, 'main', [
      ['addnode', { id: 'tick', component: 'core/Timer' }],
      ['addnode', { id: 'w', component: 'core/DigitalWrite' }],
      ['addnode', { id: 'sink', component: 'core/Drop' }],
      ['addedge', { src: { node: 'tick', port: 'out' }, tgt: { node: 'w', port: 'in' } }],
      ['addedge', { src: { node: 'w', port: 'out' }, tgt: { node: 'sink', port: 'in' } }],
      ['addinitial', { src: { data: 50 }, tgt: { node: 'tick', port: 'interval' } }],
    ]);
    const from = client.received.length;
    client.send('network', 'start', { graph: 'main' });
    const error = await client.until(
      (m) => m.protocol === 'network' && m.command === 'error',
      from,
    );
    assert.match(error.payload.message, /^board: w IN: /);
    assert.equal(error.payload.graph, 'main');
  } finally {
    await finish(client, runtime, uno);
  }
});

test(
  'a graph the board cannot hold is refused at network:start with the reason',
  GUARD,
  async () => {
    const { uno, runtime, client } = await boardAndRuntime();
    try {
      await client.request('graph', 'clear', { id: 'main', main: true });
      await build(client, 'main', [
        ['addnode', { id: 'f', component: 'core/WindowFeatures' }], // not in the Uno's subset
        ['addnode', { id: 'sink', component: 'core/Drop' }],
        ['addedge', { src: { node: 'f', port: 'out' }, tgt: { node: 'sink', port: 'in' } }],
      ]);
      const from = client.received.length;
      client.send('network', 'start', { graph: 'main' });
      const error = await client.until((m) => m.command === 'error', from);
      assert.match(error.payload.message, /^network:start: unknown component \(command 0/);
      const status = await client.request('network', 'getstatus', { graph: 'main' }, 'status');
      assert.equal(status.payload.started, false);
    } finally {
      await finish(client, runtime, uno);
    }
  },
);

test(
  'with --serial too: no secret, a wrong secret and a foreign Origin are refused',
  GUARD,
  async () => {
    const { uno, runtime, client } = await boardAndRuntime();
    try {
      await client.request('graph', 'clear', { id: 'main', main: true });
      await build(client, 'main', [['addnode', { id: 'sink', component: 'core/Drop' }]]);
      for (const secret of [undefined, `${SECRET}x`]) {
        const other = await connect(runtime.url, secret === undefined ? {} : { secret });
        const start = await other.request('network', 'start', { graph: 'main' });
        assert.equal(start.command, 'error');
        assert.match(start.payload.message, /access denied/);
        const edit = await other.request('graph', 'addnode', {
          id: 'x',
          component: 'core/Drop',
          graph: 'main',
        });
        assert.match(edit.payload.message, /access denied/);
        await other.close();
      }
      await assert.rejects(
        connect(runtime.url, { origin: 'https://evil.example', secret: SECRET }),
        {
          status: 403,
        },
      );
      // Nothing reached the board: it runs nothing.
      const status = await client.request('network', 'getstatus', { graph: 'main' }, 'status');
      assert.equal(status.payload.started, false);
    } finally {
      await finish(client, runtime, uno);
    }
  },
);

test(
  'one runtime per port: a second one gets a clear error; a stale lock is taken over',
  GUARD,
  async () => {
    const { uno, runtime, client, env } = await boardAndRuntime();
    try {
      await assert.rejects(
        startRuntime(['--serial', uno.path, '--secret', SECRET], env),
        (error) => {
          assert.match(error.message, /runtime exited \(2\)/);
          assert.match(
            error.message,
            new RegExp(`--serial: ${uno.path} is in use by process ${runtime.child.pid}`),
          );
          return true;
        },
      );
      await client.close();
      await runtime.stop();
      // A lock left by a process that is gone (a crash) does not keep the port.
      const dead = spawn(process.execPath, ['-e', '']);
      await once(dead, 'exit');
      const lock = join(env.EMFLOW_LOCK_DIR, `LCK..${uno.path.slice(5).replaceAll('/', '_')}`);
      assert.ok(!existsSync(lock), 'the first runtime removed its lock when it stopped');
      writeFileSync(lock, `${String(dead.pid).padStart(10)}\n`);
      const second = await startRuntime(['--serial', uno.path, '--secret', SECRET], env, ATTACHED);
      assert.match(second.startupLine, /board Uno/);
      await second.stop();
    } finally {
      await finish(uno);
    }
  },
);

test('after a board reset (same EEPROM) the runtime finds the graph that runs', GUARD, async () => {
  const persist = join(mkdtempSync(join(tmpdir(), 'emflow-persist-')), 'graphs.json');
  const env = lockEnv();
  const first = await boardAndRuntime(['--persist', persist], env);
  let eeprom;
  try {
    const { client } = first;
    await client.request('graph', 'clear', { id: 'main', main: true });
    await build(client, 'main', [
      ['addnode', { id: 'tick', component: 'core/Timer' }],
      ['addnode', { id: 'count', component: 'core/Count' }],
      ['addnode', { id: 'sink', component: 'core/Drop' }],
      ['addedge', { src: { node: 'tick', port: 'out' }, tgt: { node: 'count', port: 'in' } }],
      ['addedge', { src: { node: 'count', port: 'out' }, tgt: { node: 'sink', port: 'in' } }],
      ['addinitial', { src: { data: 100 }, tgt: { node: 'tick', port: 'interval' } }],
    ]);
    const from = client.received.length;
    client.send('network', 'start', { graph: 'main' });
    await client.until(isData('count() OUT -> IN sink()'), from);
    // network:persist answers only on failure: the status request after it is answered in order.
    client.send('network', 'persist', {});
    await client.request('network', 'getstatus', { graph: 'main' }, 'status');
    assert.ok(existsSync(persist), 'network:persist wrote the project');
  } finally {
    eeprom = first.uno.eeprom;
    await finish(first.client, first.runtime, first.uno);
  }
  // Reset: the same EEPROM, a new runtime restoring the project from --persist.
  const board = await startBoard(eeprom);
  const second = await boardAndRuntime(['--persist', persist], env, board);
  try {
    assert.match(second.runtime.startupLine, /the board runs the project's graph main \(\d+ B\)/);
    // Its Timer keeps a wake-up due: started and running.
    const status = await second.client.request('network', 'getstatus', { graph: 'main' }, 'status');
    assert.deepEqual(status.payload, { graph: 'main', started: true, running: true });
    // The stored graph watches its edges: the counter's packets arrive, named.
    const data = await second.client.until(isData('count() OUT -> IN sink()'), 0);
    assert.equal(typeof data.payload.data, 'number');
    await finish(second.client, second.runtime);
    // Without the project (no --persist) the board's graph is someone else's: the runtime says
    // so, and says once that it cannot name that graph's packets.
    const stranger = await startRuntime(
      ['--serial', board.path, '--secret', SECRET],
      env,
      /^(?=[\s\S]*the board runs a graph)(?=[\s\S]*sends packets of a graph)/,
    );
    assert.match(
      stranger.startupLine,
      /the board runs a graph that is not the project's \(3 nodes, \d+ B\); network:start replaces it/,
    );
    await stranger.stop();
  } finally {
    await finish(second.client, second.runtime, board);
  }
});

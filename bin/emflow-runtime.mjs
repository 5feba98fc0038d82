#!/usr/bin/env node
// emflow-runtime: serves the emflow WebAssembly FBP runtime over WebSocket (subprotocol
// "noflo"), so standard FBP clients (noflo-ui, fbp-test, fbp-spec) can drive the same engine
// the browser runs. The virtual clock follows wall time × --speed.
//
//   npx emflow-runtime [--port 3569] [--host localhost] [--secret S] [--allow-origin URL]...
//                      [--world NAME] [--data FILE] [--seed N] [--speed X] [--persist FILE] ...
//   npx emflow-runtime --serial /dev/ttyACM0 [--baud 115200] ...   (the network runs on a board
//                      with the generic firmware: wasm/serial-runtime.mjs, docs/protocol.md)
//
// Access (docs/protocol.md, "Security model"): it listens on loopback by default; every
// message must carry the secret (random unless --secret / FBP_PROTOCOL_SECRET give one, and
// printed once in the startup line); only sockets that sent it hear network events; browser
// pages may connect only from an --allow-origin origin. Messages are at most 4 MiB.
//
// It exits when its parent process goes away (fbp-test ends only the shell it started).
import { existsSync, readFileSync, statSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { WebSocketServer } from 'ws';
import { writeFileAtomic } from '../wasm/atomic-write.mjs';
import { loadEngine } from '../wasm/node-loader.mjs';
import {
  AuthenticatedSockets,
  isLoopback,
  newSecret,
  originCheck,
} from '../wasm/runtime-access.mjs';

// The largest WebSocket message read (ws would take 100 MiB); the C++ runtime's own message
// cap (core/host/protocol/limits.h) is the same.
const MAX_MESSAGE_BYTES = 4 * 1024 * 1024;
// A persisted state is at most 16 MiB (kMaxSnapshotBytes); a larger file is not read at all.
const MAX_PERSIST_BYTES = 16 * 1024 * 1024;
// A --data recording is at most the replay world's own cap (kMaxReplayBytes, replay_csv.h).
const MAX_RECORDING_BYTES = 32 * 1024 * 1024;

const USAGE = `usage: emflow-runtime [--port 3569] [--host localhost] [--secret S]
                      [--allow-origin ORIGIN]... [--world fridge|activity|replay|none]
                      [--data FILE.csv] [--seed N] [--speed X]
                      [--clock wall|input] [--step-limit MS] [--model ID=FILE]...
                      [--persist FILE] [--prefix core] [--label TEXT]
                      [--serial PORT] [--baud 115200]`;

// --world is checked by the engine's world registry (core/sim/world_registry.h), which also
// checks the replay world's --data recording (its errors come back as FILE:LINE:COLUMN).
const CHOICES = { clock: ['wall', 'input'] };

function fail(message) {
  console.error(`emflow-runtime: ${message}\n${USAGE}`);
  process.exit(2);
}

// "ID=FILE" → {id, file}; ids are the model store's slots.
function parseModel(text) {
  const match = /^(\d+)=(.+)$/.exec(text);
  if (!match) fail(`--model needs ID=FILE (e.g. 0=model.bin), got ${text}`);
  return { id: Number(match[1]), file: match[2] };
}

function parseArgs(argv) {
  const options = {
    port: 3569,
    host: 'localhost',
    secret: process.env.FBP_PROTOCOL_SECRET ?? '',
    'allow-origin': [],
    world: 'fridge',
    data: '',
    seed: 1,
    speed: 1,
    persist: '',
    prefix: 'core',
    label: 'emflow WebAssembly runtime (Node)',
    clock: 'wall',
    'step-limit': 600000,
    model: [],
    serial: '',
    baud: 115200,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const name = arg.replace(/^--/, '');
    if (arg === '--help' || arg === '-h') {
      console.log(USAGE);
      process.exit(0);
    }
    if (!arg.startsWith('--') || !(name in options)) fail(`unknown argument ${arg}`);
    const value = argv[++i];
    if (value === undefined) fail(`${arg} needs a value`);
    if (name === 'model') {
      options.model.push(parseModel(value));
      continue;
    }
    if (name === 'allow-origin') {
      // "https://app.flowhub.io" or several separated by commas; exactly what browsers send.
      options[name].push(...value.split(',').filter(Boolean));
      continue;
    }
    options[name] = typeof options[name] === 'number' ? Number(value) : value;
    if (typeof options[name] === 'number' && !Number.isFinite(options[name])) {
      fail(`${arg} needs a number, got ${value}`);
    }
    if (CHOICES[name] && !CHOICES[name].includes(value)) {
      fail(`${arg} must be one of ${CHOICES[name].join(', ')}, got ${value}`);
    }
  }
  if (argv.includes('--secret') && !options.secret) fail('--secret must not be empty');
  if (options.serial && !argv.includes('--label'))
    options.label = `emflow board on ${options.serial}`;
  return options;
}

// Exit when the parent goes away: it may end us without a signal (fbp-test kills the shell
// it started us with). When that parent is a shell (`sh -c`), also exit when the shell's own
// parent goes away, since a crashed test runner leaves the shell waiting for us forever.
function parentOf(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return -1;
  }
}

function exitWithParent() {
  const parent = process.ppid;
  let shellParent = -1;
  try {
    const name = readFileSync(`/proc/${parent}/comm`, 'utf8').trim();
    if (['sh', 'dash', 'bash'].includes(name)) shellParent = parentOf(parent);
  } catch {
    // no /proc: only the direct parent is watched
  }
  setInterval(() => {
    if (process.ppid !== parent) process.exit(0);
    if (shellParent > 1 && parentOf(parent) !== shellParent) process.exit(0);
  }, 500).unref();
  process.stdout.on('error', () => process.exit(0));
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP']) process.on(signal, () => process.exit(0));
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const secretGiven = options.secret !== '';
  if (!secretGiven) options.secret = newSecret();
  exitWithParent();
  let data;
  if (options.data) {
    try {
      // A regular file of bounded size: a device such as /dev/zero would never end.
      const info = statSync(options.data);
      if (!info.isFile()) fail(`--data ${options.data}: not a regular file`);
      if (info.size > MAX_RECORDING_BYTES) fail(`--data ${options.data}: larger than 32 MiB`);
      data = readFileSync(options.data, 'utf8');
    } catch (error) {
      fail(`--data ${options.data}: ${error.message}`);
    }
  }
  const engine = await loadEngine();
  const runtime = new engine.EngineRuntime(
    JSON.stringify({
      id: randomUUID(),
      label: options.label,
      secret: options.secret,
      componentPrefix: options.prefix,
      timeInEvents: false, // strict clients validate network:data against the schema
      world: options.world,
      seed: options.seed,
      ...(data === undefined ? {} : { data }),
    }),
  );
  const optionsError = JSON.parse(runtime.status()).optionsError;
  if (optionsError) fail(optionsError.replace(/^data:/, `${options.data}:`));
  for (const { id, file } of options.model) {
    let bytes;
    try {
      bytes = readFileSync(file);
    } catch (error) {
      fail(`--model ${id}=${file}: ${error.message}`);
    }
    // {ok, error}: the engine's one error convention (docs/wasm.md).
    const put = JSON.parse(runtime.putModel(id, new Uint8Array(bytes)));
    if (!put.ok) fail(`--model ${id}=${file}: ${put.error}`);
  }
  if (options.persist) {
    if (existsSync(options.persist) && statSync(options.persist).size > MAX_PERSIST_BYTES) {
      console.error(`emflow-runtime: restoring: ${options.persist} is larger than 16 MiB`);
    } else if (existsSync(options.persist)) {
      // The runtime's own file: restore() replays it without the secret (a trusted path).
      const replies = JSON.parse(runtime.restore(readFileSync(options.persist, 'utf8')));
      const errors = replies.filter((m) => m.command === 'error');
      for (const e of errors) console.error(`emflow-runtime: restoring: ${e.payload.message}`);
    }
    runtime.setPersistCallback((snapshot) => {
      try {
        writeFileAtomic(options.persist, snapshot);
        return '';
      } catch (error) {
        return String(error.message ?? error);
      }
    });
  }

  // Network events (started, stopped, packet data) go only to sockets that sent the secret.
  const authenticated = new AuthenticatedSockets();
  const broadcast = (messages) => {
    for (const message of messages) {
      const text = JSON.stringify(message);
      for (const socket of authenticated.open()) socket.send(text);
    }
  };
  // Runs one engine call; a failure (which would be a bug: the C++ side replies `error` to
  // bad input itself) is reported instead of ending the process.
  const guarded = (what, call, onFailure) => {
    try {
      return call();
    } catch (error) {
      console.error(`emflow-runtime: ${what} failed: ${error.message ?? error}`);
      onFailure?.(error);
      return [];
    }
  };

  // Input-driven clock: the packets of one fbp-spec step arrive together; time runs once
  // they are all in (a few ms after the last one), so a step's inputs count as one instant.
  let pendingRun;
  const runInputs = () => {
    clearTimeout(pendingRun);
    pendingRun = setTimeout(() => {
      // runtime:packet from an exported out-port goes to everyone, like network events.
      broadcast(
        guarded('runUntilOutput', () => JSON.parse(runtime.runUntilOutput(options['step-limit']))),
      );
    }, 5);
  };

  // One message through the engine: replies go to the sender; what the network does is every
  // authenticated client's (a refused message's `error` only to its sender). Returns the replies.
  const viaEngine = (socket, data) => {
    let authorised = false;
    const replies = guarded(
      'a message',
      () => {
        const out = JSON.parse(runtime.handle(String(data)));
        authorised = runtime.lastAuthorised();
        authenticated.note(socket, authorised);
        return out;
      },
      (error) => {
        const message = `runtime failed on this message: ${error.message ?? error}`;
        socket.send(
          JSON.stringify({ protocol: 'runtime', command: 'error', payload: { message } }),
        );
      },
    );
    for (const reply of replies) {
      const shared = authorised && reply.protocol === 'network' && reply.command !== 'status';
      if (shared) broadcast([reply]);
      else socket.send(JSON.stringify(reply));
    }
    if (options.clock === 'input' && replies.some((r) => r.command === 'packetsent')) {
      runInputs();
    }
    return replies;
  };

  // --serial: the board runs the network; the engine keeps the graphs (wasm/serial-runtime.mjs).
  // The port is locked now; the server listens while the board connects (fbp-test connects as
  // soon as the first line is out) and network messages wait for the board, in order.
  // (Loaded only for --serial: the serialport package brings native bindings.)
  const board = options.serial
    ? (await import('../wasm/serial-port.mjs')).connectBoard(options, engine, runtime, {
        send: (socket, message) => socket.send(JSON.stringify(message)),
        broadcast,
        note: (socket) => authenticated.note(socket, true),
        fail,
      })
    : null;

  const server = new WebSocketServer({
    host: options.host,
    port: options.port,
    maxPayload: MAX_MESSAGE_BYTES,
    verifyClient: originCheck(options['allow-origin'], (origin) =>
      console.error(`emflow-runtime: refused a connection from origin ${origin}`),
    ),
    handleProtocols: (protocols) => (protocols.has('noflo') ? 'noflo' : false),
  });
  server.on('connection', (socket) => {
    socket.on('close', () => authenticated.forget(socket));
    // ws reports a message over maxPayload or a protocol violation here, then closes the
    // socket (1009/1002); without a listener that 'error' event would end the process.
    socket.on('error', (error) =>
      console.error(`emflow-runtime: connection closed: ${error.message}`),
    );
    socket.on('message', (data) => {
      if (board) board.message(socket, String(data), (text) => viaEngine(socket, text));
      else viaEngine(socket, data);
    });
  });

  server.on('listening', () => {
    const address = server.address();
    const url = `ws://${options.host}:${address.port}/`;
    // Like a notebook server's token: the generated secret is shown once, here.
    const access = secretGiven ? ' (secret as given)' : `?secret=${options.secret}`;
    console.log(`emflow-runtime listening on ${url}${access} (noflo)`);
    if (!isLoopback(options.host)) {
      console.error(
        `emflow-runtime: warning: --host ${options.host} is reachable from other machines`,
      );
    }
  });
  server.on('error', (error) => {
    console.error(`emflow-runtime: ${error.message}`);
    process.exit(1);
  });

  // The wall clock: every tick, advance by the wall time since the last one × speed. A board
  // keeps its own time.
  if (options.clock !== 'wall' || board) return;
  let last = performance.now();
  setInterval(() => {
    const now = performance.now();
    const ms = Math.floor((now - last) * options.speed);
    if (ms <= 0) return;
    last += ms / options.speed;
    broadcast(guarded('advance', () => JSON.parse(runtime.advance(ms))));
  }, 20);
}

main().catch((error) => {
  console.error(`emflow-runtime: ${error.message ?? error}`);
  process.exit(1);
});

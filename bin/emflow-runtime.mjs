#!/usr/bin/env node
// emflow-runtime: serves the emflow WebAssembly FBP runtime over WebSocket (subprotocol
// "noflo"), so standard FBP clients (noflo-ui, fbp-test, fbp-spec) can drive the same engine
// the browser runs. The virtual clock follows wall time × --speed.
//
//   npx emflow-runtime [--port 3569] [--host localhost] [--secret S] [--world NAME]
//                      [--data FILE] [--seed N] [--speed X] [--persist FILE] [--prefix core]
//
// It exits when its parent process goes away (fbp-test ends only the shell it started).
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { WebSocketServer } from 'ws';
import { loadEngine } from '../wasm/node-loader.mjs';

const USAGE = `usage: emflow-runtime [--port 3569] [--host localhost] [--secret S]
                      [--world fridge|activity|replay|none] [--data FILE.csv]
                      [--seed N] [--speed X]
                      [--clock wall|input] [--step-limit MS] [--model ID=FILE]...
                      [--persist FILE] [--prefix core] [--label TEXT]`;

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
    if (Array.isArray(options[name])) {
      options[name].push(parseModel(value));
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
  exitWithParent();
  let data;
  if (options.data) {
    try {
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
    const refused = runtime.putModel(id, new Uint8Array(bytes));
    if (refused) fail(`--model ${id}=${file}: ${refused}`);
  }
  if (options.persist) {
    if (existsSync(options.persist)) {
      const replies = JSON.parse(runtime.restore(readFileSync(options.persist, 'utf8')));
      const errors = replies.filter((m) => m.command === 'error');
      for (const e of errors) console.error(`emflow-runtime: restoring: ${e.payload.message}`);
    }
    runtime.setPersistCallback((snapshot) => {
      try {
        writeFileSync(options.persist, snapshot);
        return '';
      } catch (error) {
        return String(error.message ?? error);
      }
    });
  }

  const server = new WebSocketServer({
    host: options.host,
    port: options.port,
    handleProtocols: (protocols) => (protocols.has('noflo') ? 'noflo' : false),
  });
  const clients = new Set();
  const broadcast = (messages) => {
    for (const message of messages) {
      const text = JSON.stringify(message);
      for (const socket of clients) if (socket.readyState === 1) socket.send(text);
    }
  };

  // Input-driven clock: the packets of one fbp-spec step arrive together; time runs once
  // they are all in (a few ms after the last one), so a step's inputs count as one instant.
  let pendingRun;
  const runInputs = () => {
    clearTimeout(pendingRun);
    pendingRun = setTimeout(() => {
      const events = JSON.parse(runtime.runUntilOutput(options['step-limit']));
      for (const event of events) {
        // runtime:packet from an exported out-port goes to everyone, like network events.
        broadcast([event]);
      }
    }, 5);
  };

  server.on('connection', (socket) => {
    clients.add(socket);
    socket.on('close', () => clients.delete(socket));
    socket.on('message', (data) => {
      // Replies go to the sender; what the network does is everyone's business.
      const replies = JSON.parse(runtime.handle(String(data)));
      for (const reply of replies) {
        const shared = reply.protocol === 'network' && reply.command !== 'status';
        if (shared) broadcast([reply]);
        else socket.send(JSON.stringify(reply));
      }
      if (options.clock === 'input' && replies.some((r) => r.command === 'packetsent')) {
        runInputs();
      }
    });
  });

  server.on('listening', () => {
    const address = server.address();
    console.log(`emflow-runtime listening on ws://${options.host}:${address.port}/ (noflo)`);
  });
  server.on('error', (error) => {
    console.error(`emflow-runtime: ${error.message}`);
    process.exit(1);
  });

  // The wall clock: every tick, advance by the wall time since the last one × speed.
  if (options.clock !== 'wall') return;
  let last = performance.now();
  setInterval(() => {
    const now = performance.now();
    const ms = Math.floor((now - last) * options.speed);
    if (ms <= 0) return;
    last += ms / options.speed;
    broadcast(JSON.parse(runtime.advance(ms)));
  }, 20);
}

main().catch((error) => {
  console.error(`emflow-runtime: ${error.message ?? error}`);
  process.exit(1);
});

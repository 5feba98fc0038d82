#!/usr/bin/env node
// emflow-runtime: serves the emflow WebAssembly FBP runtime over WebSocket (subprotocol
// "noflo"), so standard FBP clients (noflo-ui, fbp-test, fbp-spec) can drive the same engine
// the browser runs. The virtual clock follows wall time × --speed.
//
//   npx emflow-runtime [--port 3569] [--host localhost] [--secret S] [--world fridge|none]
//                      [--seed N] [--speed X] [--persist FILE] [--prefix core]
//
// It exits when its parent process goes away (fbp-test ends only the shell it started).
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { WebSocketServer } from 'ws';
import { loadEngine } from '../wasm/node-loader.mjs';

const USAGE = `usage: emflow-runtime [--port 3569] [--host localhost] [--secret S]
                      [--world fridge|none] [--seed N] [--speed X] [--persist FILE]
                      [--prefix core] [--label TEXT]`;

function parseArgs(argv) {
  const options = {
    port: 3569,
    host: 'localhost',
    secret: process.env.FBP_PROTOCOL_SECRET ?? '',
    world: 'fridge',
    seed: 1,
    speed: 1,
    persist: '',
    prefix: 'core',
    label: 'emflow WebAssembly runtime (Node)',
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const name = arg.replace(/^--/, '');
    if (arg === '--help' || arg === '-h') {
      console.log(USAGE);
      process.exit(0);
    }
    if (!arg.startsWith('--') || !(name in options)) {
      console.error(`emflow-runtime: unknown argument ${arg}\n${USAGE}`);
      process.exit(2);
    }
    const value = argv[++i];
    if (value === undefined) {
      console.error(`emflow-runtime: ${arg} needs a value\n${USAGE}`);
      process.exit(2);
    }
    options[name] = typeof options[name] === 'number' ? Number(value) : value;
    if (typeof options[name] === 'number' && !Number.isFinite(options[name])) {
      console.error(`emflow-runtime: ${arg} needs a number, got ${value}`);
      process.exit(2);
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
    }),
  );
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

  // The virtual clock: every tick, advance by the wall time since the last one × speed.
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

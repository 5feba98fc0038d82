// Test helpers that run the real bin/emflow-runtime.mjs process on a free loopback port and
// talk to it over WebSocket like an FBP client (used by runtime-security.test.mjs).
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import WebSocket from 'ws';
import { root } from './helpers.mjs';

/**
 * Starts the runtime with `args` (plus --host 127.0.0.1 --port 0); resolves once it listens
 * (and its output matches `until`, when given) with {child, port, url, secret (from the
 * startup line, if printed), startupLine (the output so far), stderr()}.
 */
export async function startRuntime(args = [], env = {}, until = null) {
  const child = spawn(
    process.execPath,
    [join(root, 'bin/emflow-runtime.mjs'), '--host', '127.0.0.1', '--port', '0', ...args],
    { env: { ...process.env, FBP_PROTOCOL_SECRET: '', ...env }, stdio: ['pipe', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const line = await new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      const match = /listening on (ws:\/\/127\.0\.0\.1:(\d+)\/)(\?secret=(\S+))?/.exec(stdout);
      if (match && (!until || until.test(stdout))) resolve(match);
    });
    child.on('exit', (code) => reject(new Error(`runtime exited (${code}): ${stderr}`)));
  });
  return {
    child,
    url: line[1],
    port: Number(line[2]),
    secret: line[4],
    startupLine: stdout.trim(),
    stderr: () => stderr,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill(signal);
      await once(child, 'exit');
    },
  };
}

/**
 * Opens a client socket; resolves with {socket, received, send, request, close} or rejects
 * with the HTTP status when the upgrade is refused. send() adds `secret` when given.
 */
export function connect(url, { origin, secret } = {}) {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, 'noflo', origin ? { origin } : {});
    const received = [];
    const waiters = [];
    socket.on('message', (data) => {
      received.push(JSON.parse(String(data)));
      for (const w of waiters.splice(0)) w();
    });
    socket.on('unexpected-response', (_request, response) =>
      reject(
        Object.assign(new Error(`refused: ${response.statusCode}`), {
          status: response.statusCode,
        }),
      ),
    );
    socket.on('error', reject);
    socket.on('open', () => {
      const client = {
        socket,
        received,
        send(protocol, command, payload = {}) {
          const message = { protocol, command, payload };
          if (secret !== undefined) message.secret = secret;
          socket.send(JSON.stringify(message));
        },
        sendText(text) {
          socket.send(text);
        },
        /** Resolves when `received` holds a message matching `test` (from index `from`). */
        async until(test, from = 0) {
          for (;;) {
            const found = received.slice(from).find(test);
            if (found) return found;
            if (socket.readyState !== WebSocket.OPEN) throw new Error('socket closed');
            await new Promise((r) => {
              waiters.push(r);
              socket.once('close', r);
            });
          }
        },
        /** Sends one message and resolves with the first reply to it (ordered per socket). */
        async request(protocol, command, payload = {}, replyCommand = undefined) {
          const from = received.length;
          client.send(protocol, command, payload);
          return client.until(
            (m) =>
              m.protocol === protocol &&
              (m.command === (replyCommand ?? command) || m.command === 'error'),
            from,
          );
        },
        async close() {
          if (socket.readyState === WebSocket.CLOSED) return;
          socket.close();
          await once(socket, 'close');
        },
      };
      resolve(client);
    });
  });
}

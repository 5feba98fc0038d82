// Shared helpers of the WebAssembly engine tests (node --test).
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadEngine } from '../../wasm/node-loader.mjs';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

let enginePromise;
/** The engine module, loaded once per test file. */
export function engine() {
  enginePromise ??= loadEngine();
  return enginePromise;
}

/** The native CLI built by scripts/test.sh (or $EMFLOW_CLI); null when absent. */
export function nativeCli() {
  const candidates = [process.env.EMFLOW_CLI, join(root, 'build/native/core/emflow')];
  return candidates.find((p) => p && existsSync(p)) ?? null;
}

/** A protocol session: send() returns the parsed replies of one message. */
export function session(module, options = {}) {
  const runtime = new module.EngineRuntime(JSON.stringify(options));
  return {
    runtime,
    send(protocol, command, payload = {}) {
      return JSON.parse(runtime.handle(JSON.stringify({ protocol, command, payload })));
    },
    advance(ms) {
      return JSON.parse(runtime.advance(ms));
    },
    close() {
      runtime.delete();
    },
  };
}

/** fbp-protocol's own JSON-schema validator (tv4 with every schema registered). */
export function protocolSchemas() {
  const require = createRequire(import.meta.url);
  return require(join(root, 'node_modules/fbp-protocol/schema/index.js'));
}

/** Loads a NoFlo graph into a session with graph:* messages, failing on any error reply. */
export function loadGraph(s, graph, id = 'main') {
  const replies = [];
  const send = (command, payload) => {
    const r = s.send('graph', command, command === 'clear' ? payload : { ...payload, graph: id });
    replies.push(...r);
    const error = r.find((m) => m.command === 'error');
    if (error)
      throw new Error(`graph:${command} ${JSON.stringify(payload)}: ${error.payload.message}`);
  };
  send('clear', { id, name: id, main: true });
  for (const [name, p] of Object.entries(graph.processes)) {
    send('addnode', { id: name, component: p.component, metadata: p.metadata ?? {} });
  }
  const end = (e) => ({
    node: e.process,
    port: e.port,
    ...(e.index !== undefined ? { index: e.index } : {}),
  });
  for (const c of graph.connections) {
    if (c.src) send('addedge', { src: end(c.src), tgt: end(c.tgt) });
    else send('addinitial', { src: { data: c.data }, tgt: end(c.tgt) });
  }
  return replies;
}

/** A small deterministic generator (mulberry32) for test data. */
export function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// The engine's error convention (docs/wasm.md), decoded for these tests: every call that can
// fail answers {ok, error} (JSON text or an object). "" when it was done, else the message; an
// answer of another shape fails the test.
export function refusal(answer) {
  const result = typeof answer === 'string' ? JSON.parse(answer) : answer;
  if (result.ok === true && result.error === '') return '';
  if (result.ok === false && typeof result.error === 'string' && result.error) return result.error;
  throw new Error(`not an engine result: ${JSON.stringify(result).slice(0, 200)}`);
}

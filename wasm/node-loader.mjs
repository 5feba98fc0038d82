// Loads the WebAssembly engine in Node. Emscripten 3.1.6 built for web/worker cannot fetch a
// file path in Node, so we read the .wasm ourselves and pass it as wasmBinary.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Where the engine module may be, in order: $EMFLOW_ENGINE, the web copy, the build tree. */
export function engineCandidates() {
  return [
    process.env.EMFLOW_ENGINE,
    join(root, 'web/public/engine/emflow-engine.mjs'),
    join(root, 'build/wasm/wasm/emflow-engine.mjs'),
  ].filter(Boolean);
}

/** Path of the first engine module that exists; throws with the places looked at. */
export function findEngine() {
  const found = engineCandidates().find((p) => existsSync(p));
  if (!found) {
    throw new Error(
      `emflow engine not found (run scripts/build-wasm.sh); looked in:\n  ${engineCandidates().join('\n  ')}`,
    );
  }
  return found;
}

/** Instantiates the engine module; resolves with the Embind module object. */
export async function loadEngine(modulePath = findEngine()) {
  const { default: createEngine } = await import(pathToFileURL(modulePath).href);
  const wasmBinary = readFileSync(modulePath.replace(/\.mjs$/, '.wasm'));
  return createEngine({
    wasmBinary,
    print: () => {},
    printErr: (t) => process.stderr.write(`${t}\n`),
  });
}

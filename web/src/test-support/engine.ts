// Loads the built WebAssembly engine (web/public/engine, from scripts/build-wasm.sh) in Vitest,
// in the test's own thread: the real engine, not a fake.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { EngineModule } from '../../../wasm/emflow-engine';

// Built from this file's path (not `new URL(…, import.meta.url)`, which Vite treats as an asset).
const ENGINE = join(
  dirname(fileURLToPath(import.meta.url)),
  '../../public/engine/emflow-engine.mjs',
);

export async function loadEngine(): Promise<EngineModule> {
  if (!existsSync(ENGINE)) throw new Error(`${ENGINE} is missing: run scripts/build-wasm.sh first`);
  const { default: create } = (await import(/* @vite-ignore */ pathToFileURL(ENGINE).href)) as {
    default: (o: object) => Promise<EngineModule>;
  };
  return create({ wasmBinary: readFileSync(ENGINE.replace(/\.mjs$/, '.wasm')), print: () => {} });
}

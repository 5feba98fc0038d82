// One way to load the WebAssembly engine module for a caller that needs some of its calls
// (the board compiler on the page, the virtual board's worker, the firmware exporter): loaded
// on first use, once; a build that lacks a needed call is refused in words; a failed load can
// be retried. Each loader gets its own module instance (its own memory), as each caller did.
import type { EngineModule } from '../../../wasm/emflow-engine';
import { engineModuleUrl } from './paths';

export function engineLoader<K extends keyof EngineModule>(
  needed: readonly K[],
  lacking: string,
): () => Promise<Pick<EngineModule, K>> {
  let loading: Promise<Pick<EngineModule, K>> | null = null;
  return () => {
    loading ??= (async () => {
      const module = await importEngine<Partial<EngineModule>>(engineModuleUrl());
      if (needed.some((name) => typeof module[name] !== 'function'))
        throw new Error(`this engine build ${lacking} (rebuild with scripts/build-wasm.sh)`);
      return module as Pick<EngineModule, K>;
    })();
    loading.catch(() => (loading = null));
    return loading;
  };
}

/** Imports the engine module at `url` and makes an instance of it (with its own memory). */
export async function importEngine<Engine>(url: string): Promise<Engine> {
  const imported = (await import(/* @vite-ignore */ url)) as { default: () => Promise<Engine> };
  return imported.default();
}

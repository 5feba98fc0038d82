// Node module hooks that let bin/emflow.mjs run the web app's TypeScript modules (the flashers in
// web/src/flash) as they are, with no build step: `.ts` files are stripped of their types by
// Vite's Oxc transform, and extensionless relative imports (as the bundler resolves them) find
// their `.ts` file. Registered with module.register; used for web/src only.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { transformWithOxc } from 'vite';

export async function resolve(specifier, context, nextResolve) {
  const parent = context.parentURL ?? '';
  if (parent.endsWith('.ts') && specifier.startsWith('.') && !/\.[cm]?[jt]s$/.test(specifier)) {
    const url = new URL(`${specifier}.ts`, parent);
    if (existsSync(fileURLToPath(url))) return { url: url.href, shortCircuit: true };
  }
  return nextResolve(specifier, context);
}

export async function load(url, context, nextLoad) {
  if (!url.startsWith('file:') || !url.endsWith('.ts')) return nextLoad(url, context);
  const path = fileURLToPath(url);
  const { code } = await transformWithOxc(readFileSync(path, 'utf8'), path, { lang: 'ts' });
  return { format: 'module', source: code, shortCircuit: true };
}

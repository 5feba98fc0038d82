// Notebook settings: where numpy/scipy/scikit-learn wheels come from. The default is the
// official Pyodide index of the bundled version; a build can set VITE_PYODIDE_PACKAGE_INDEX
// (e.g. a lab's mirror), and the user can override it in the notebook's settings.

/** The bundled Pyodide (npm `pyodide`); settings.test.ts checks it against node_modules. */
export const PYODIDE_VERSION = '314.0.7';
export const OFFICIAL_PACKAGE_INDEX = `https://cdn.jsdelivr.net/pyodide/v${PYODIDE_VERSION}/full/`;
const STORAGE_KEY = 'emflow.notebook.packageIndexUrl';

export function buildTimePackageIndex(): string {
  const env = (import.meta as { env?: Record<string, string | undefined> }).env;
  return env?.VITE_PYODIDE_PACKAGE_INDEX || OFFICIAL_PACKAGE_INDEX;
}

/** A package index URL as Pyodide wants it (absolute, ending with '/'), or an error message. */
export function normalizeIndexUrl(text: string): { url: string } | { error: string } {
  const trimmed = text.trim();
  try {
    const url = new URL(trimmed);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      return { error: `the package index must be an http(s) URL, not ${url.protocol}` };
    }
    return { url: url.href.endsWith('/') ? url.href : `${url.href}/` };
  } catch {
    return { error: `"${trimmed}" is not a URL (example: ${OFFICIAL_PACKAGE_INDEX})` };
  }
}

export function packageIndexUrl(storage: Pick<Storage, 'getItem'> | null = safeStorage()): string {
  return storage?.getItem(STORAGE_KEY) || buildTimePackageIndex();
}

export function setPackageIndexUrl(url: string | null, storage = safeStorage()): void {
  if (!storage) return;
  if (url) storage.setItem(STORAGE_KEY, url);
  else storage.removeItem(STORAGE_KEY);
}

function safeStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

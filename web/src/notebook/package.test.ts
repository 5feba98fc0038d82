// The converter Pyodide loads (web/public/py/emflow.zip, made by scripts/copy-pyodide.sh) must
// be the python/emflow sources that CPython's pytest suite tests, byte for byte.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';

const root = join(__dirname, '../../..');
const zipPath = join(root, 'web/public/py/emflow.zip');

describe('packaged emflow Python package', () => {
  it('holds exactly the python/emflow sources', () => {
    expect(existsSync(zipPath), `${zipPath} is missing: run scripts/copy-pyodide.sh`).toBe(true);
    const entries = unzipSync(readFileSync(zipPath));
    const sources = readdirSync(join(root, 'python/emflow')).filter((n) => n.endsWith('.py'));
    expect(Object.keys(entries).sort()).toEqual(sources.map((n) => `emflow/${n}`).sort());
    for (const name of sources) {
      const source = readFileSync(join(root, 'python/emflow', name));
      expect(Buffer.from(entries[`emflow/${name}`]).equals(source), name).toBe(true);
    }
  });
});

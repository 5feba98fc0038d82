import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  normalizeIndexUrl,
  OFFICIAL_PACKAGE_INDEX,
  packageIndexUrl,
  PYODIDE_VERSION,
} from './settings';

describe('notebook settings', () => {
  it('names the bundled Pyodide version', () => {
    const pkg = JSON.parse(
      readFileSync(join(__dirname, '../../../node_modules/pyodide/package.json'), 'utf8'),
    );
    expect(PYODIDE_VERSION).toBe(pkg.version);
    expect(OFFICIAL_PACKAGE_INDEX).toBe(`https://cdn.jsdelivr.net/pyodide/v${pkg.version}/full/`);
  });

  it('defaults to the official index and prefers the saved setting', () => {
    expect(packageIndexUrl(null)).toBe(OFFICIAL_PACKAGE_INDEX);
    expect(packageIndexUrl({ getItem: () => 'http://mirror.lab/pyodide/' })).toBe(
      'http://mirror.lab/pyodide/',
    );
  });

  it('normalizes index URLs and refuses what is not one', () => {
    expect(normalizeIndexUrl(' http://mirror.lab/pyodide ')).toEqual({
      url: 'http://mirror.lab/pyodide/',
    });
    expect(normalizeIndexUrl('mirror')).toMatchObject({
      error: expect.stringMatching(/not a URL/),
    });
    expect(normalizeIndexUrl('file:///x/')).toMatchObject({ error: expect.stringMatching(/http/) });
  });
});

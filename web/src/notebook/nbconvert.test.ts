// The exported .ipynb through Jupyter's own converter (Debian's jupyter-nbconvert, installed by
// scripts/bootstrap.sh): `--to script` must give a Python file with the markdown as comments,
// which it does only when language_info names the extension and the exporter.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeCell } from './cells';
import { toIpynb } from './ipynb';

const NBCONVERT = '/usr/bin/jupyter-nbconvert';
const dir = mkdtempSync(join(tmpdir(), 'emflow-nbconvert-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('exported notebook in nbconvert', () => {
  it('converts to a .py script with code and markdown', () => {
    if (!existsSync(NBCONVERT))
      throw new Error(`${NBCONVERT} is missing: run scripts/bootstrap.sh`);
    const nb = {
      name: 'Export check',
      cells: [
        makeCell('markdown', '# Trees for a board\n\nint16 features only.', 'm1'),
        makeCell('code', 'import emflow_nb as nb\nprint(1 + 1)', 'c1'),
      ],
    };
    writeFileSync(join(dir, 'export_check.ipynb'), toIpynb(nb));
    execFileSync(
      NBCONVERT,
      ['--to', 'script', '--output-dir', dir, join(dir, 'export_check.ipynb')],
      {
        stdio: 'pipe',
      },
    );
    expect(existsSync(join(dir, 'export_check.txt'))).toBe(false);
    const script = readFileSync(join(dir, 'export_check.py'), 'utf8');
    expect(script).toContain('import emflow_nb as nb\nprint(1 + 1)');
    expect(script).toMatch(/^# # Trees for a board$/m);
    expect(script).toMatch(/^# int16 features only\.$/m);
  });
});

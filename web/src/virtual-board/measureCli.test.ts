// @vitest-environment node
// `npx emflow measure` as a user runs it (node bin/emflow.mjs, real files): the cycles it prints
// per row equal simavr's Timer1 figures for the same rows within 1 %, rows beyond one meter run
// are measured in several runs with the labels `emflow predict` gives, and bad input gets a
// clear message and status 2.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliPath, repoRoot } from '../test-support/genericFirmware';
import { activity, onSimavr, reference, rowsOf } from '../test-support/meterReference';

const dir = mkdtempSync(join(tmpdir(), 'emflow-measure-'));

function files(name: string, blob: Uint8Array, rows: number[][]) {
  writeFileSync(`${dir}/${name}.bin`, blob);
  writeFileSync(`${dir}/${name}.csv`, rows.map((r) => r.join(',')).join('\n') + '\n');
  return { model: `${dir}/${name}.bin`, rows: `${dir}/${name}.csv` };
}

function measure(...args: string[]) {
  const r = spawnSync('node', [`${repoRoot}bin/emflow.mjs`, 'measure', ...args], {
    encoding: 'utf8',
  });
  const perRow = [...r.stdout.matchAll(/^row (\d+) label (-?\d+) cycles (\d+)$/gm)].map((m) => ({
    label: Number(m[2]),
    cycles: Number(m[3]),
  }));
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, perRow };
}

describe('emflow measure', () => {
  it(
    'prints the cycles simavr counts with Timer1 (within 1 %), and their mean and max',
    { timeout: 240_000 },
    () => {
      const rows = rowsOf(reference, 40, 1);
      const f = files('reference', reference, rows);
      const r = measure(f.model, '--rows', f.rows, '--board', 'uno', '--per-row');
      expect(r.status, r.stderr).toBe(0);
      const simavr = onSimavr(reference, rows, dir);
      expect(r.perRow).toHaveLength(40);
      r.perRow.forEach((row, i) => {
        const s = simavr.rows[i].cycles;
        expect(row.label).toBe(simavr.rows[i].label);
        expect(
          Math.abs(row.cycles - s) / s,
          `row ${i}: ${row.cycles} vs simavr ${s}`,
        ).toBeLessThanOrEqual(0.01);
      });
      const cycles = r.perRow.map((row) => row.cycles);
      const mean = cycles.reduce((a, b) => a + b, 0) / cycles.length;
      const max = Math.max(...cycles);
      expect(r.stdout).toContain(
        `40 rows measured on the Uno's CPU (ATmega328P on avr8js, Timer1): mean ${mean.toFixed(0)} ` +
          `cycles (${((mean / 16e6) * 1e6).toFixed(1)} µs at 16 MHz), max ${max} cycles`,
      );
      console.log(
        `emflow measure, reference model: ${r.stdout.trim().split('\n').at(-1)}; simavr mean ${simavr.meanCycles.toFixed(0)}`,
      );
    },
  );

  it('measures more rows than one meter run holds, in several runs', { timeout: 240_000 }, () => {
    // 30 features: 120 B a row; beside the 4785 B blob the meter's area holds 216 rows.
    const rows = rowsOf(activity, 230, 0.001);
    const f = files('activity', activity, rows);
    const r = measure(f.model, '--rows', f.rows, '--per-row');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/^emflow measure: \d+\/230 rows$/m);
    const labels = execFileSync(cliPath, ['predict', f.model, f.rows], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .map(Number);
    expect(r.perRow.map((row) => row.label)).toEqual(labels);
    expect(r.stdout).toContain('230 rows measured');
  });

  it('refuses bad input with a message and status 2', () => {
    const f = files('short', reference, [[1, 2, 3]]);
    let r = measure(f.model, '--rows', f.rows);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('has 3 columns, ');
    expect(r.stderr).toContain('takes 8 features: give the feature columns only');
    r = measure(f.model, '--rows', f.rows, '--board', 'mega');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('cycles are measured on the Uno (ATmega328P) only');
    r = measure(f.model);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--rows ROWS.csv is required');
    writeFileSync(`${dir}/bad.csv`, '1,2,3,4,5,6,7,x\n');
    r = measure(f.model, '--rows', `${dir}/bad.csv`);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("bad.csv:1: column 8 is not a number: 'x'");
  });
});

// "Download firmware" with the real WebAssembly exporter: a graph named like a Windows device
// (con, PRN, ...) is exported under another name, and the dialog's message says so; an
// ordinary name is kept without a note.
import { unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import type { EngineModule } from '../../../wasm/emflow-engine';
import { loadEngine } from '../test-support/engine';
import { FRIDGE_FBP } from '../test-support/fixtures';
import { firmwareResult } from './exportFirmware';
import { firmwareSources } from './firmwareSources';

let engine: EngineModule;
beforeAll(async () => {
  engine = await loadEngine();
});

/** The fridge graph under another `# @name` (which names the sketch). */
function exportAs(name: string) {
  const text = FRIDGE_FBP.replace('# @name Fridge', `# @name ${name}`);
  expect(text).not.toBe(FRIDGE_FBP);
  return firmwareResult(
    engine.exportFirmwareWithModels(text, 'graph.fbp', 'uno', firmwareSources(), []),
  );
}

describe('firmware export names', () => {
  for (const name of ['con', 'PRN', 'Aux', 'nul', 'COM1', 'lpt9']) {
    it(`renames the reserved sketch name ${name} with a note`, () => {
      const r = exportAs(name);
      if (!r.ok) throw new Error(r.errors.join('\n'));
      expect(r.name).toBe(`${name}_sketch`);
      expect(r.notes).toHaveLength(1);
      expect(r.notes[0]).toMatch(/reserved on Windows/);
      const paths = Object.keys(unzipSync(r.zip));
      expect(paths).toContain(`${name}_sketch/${name}_sketch.ino`);
      expect(paths.every((p) => p.startsWith(`${name}_sketch/`))).toBe(true);
    });
  }

  it('keeps an ordinary name and has no notes', () => {
    const r = exportAs('console');
    if (!r.ok) throw new Error(r.errors.join('\n'));
    expect(r.name).toBe('console');
    expect(r.notes).toEqual([]);
  });
});

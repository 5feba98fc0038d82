// The real Pyodide kernel in Node: cells run, stdout and tracebacks come back, the emflow
// package (zipped from python/emflow, the sources CPython's pytest suite tests) imports, the
// engine's own trainer fits a model through the JS bridge, and the WebAssembly engine predicts
// what Python predicts.
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { loadPyodide } from 'pyodide';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain ES module without types
import { loadEngine } from '../../../wasm/node-loader.mjs';
import { fromIpynb } from './ipynb';
import { PythonKernel, type KernelEngine } from './kernel';
import {
  base64ToBytes,
  sketchFit,
  type CellOutput,
  type ModelOutput,
  type SketchCost,
  type SweepOutput,
} from './outputs';

const root = join(__dirname, '../../..');

function emflowZip(): Uint8Array {
  const dir = join(root, 'python/emflow');
  const files: Record<string, Uint8Array> = {};
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.py'))) {
    files[`emflow/${name}`] = readFileSync(join(dir, name));
  }
  return zipSync(files);
}

let kernel: PythonKernel;
// Pyodide in Node caches downloaded wheels in packageCacheDir, which defaults to the package
// index URL taken as a relative path: without this the test would create a folder literally
// named `http:/127.0.0.1:9/unreachable-index` in the current directory (the checkout).
const packageCache = mkdtempSync(join(tmpdir(), 'emflow-pyodide-cache-'));
afterAll(() => rmSync(packageCache, { recursive: true, force: true }));

async function run(code: string) {
  const outputs: CellOutput[] = [];
  const result = await kernel.run(code, (o) => outputs.push(o));
  const stdout = outputs
    .filter((o) => o.type === 'stream' && o.name === 'stdout')
    .map((o) => (o as { text: string }).text)
    .join('');
  return { ...result, outputs, stdout };
}

beforeAll(async () => {
  const engine = (await loadEngine()) as KernelEngine;
  kernel = await PythonKernel.start({
    loadPyodide: (o) =>
      loadPyodide({
        ...o,
        indexURL: join(root, 'node_modules/pyodide'),
        packageCacheDir: packageCache,
      }),
    packageIndexUrl: 'http://127.0.0.1:9/unreachable-index/',
    engine,
    emflowZip: emflowZip(),
  });
});

describe('Pyodide kernel', () => {
  it('runs a cell, returns stdout and the value of the last expression', async () => {
    const r = await run('x = 6 * 7\nprint("answer", x)\nx + 1');
    expect(r.ok).toBe(true);
    expect(r.stdout).toBe('answer 42\n');
    expect(r.outputs).toContainEqual({ type: 'result', text: '43' });
    // A bool comes back as Python writes it, not as JavaScript's true/false.
    const b = await run('x > 40');
    expect(b.outputs).toContainEqual({ type: 'result', text: 'True' });
  });

  it('keeps variables between cells and counts executions', async () => {
    const first = await run('shared = [1, 2, 3]');
    const second = await run('print(sum(shared))');
    expect(second.executionCount).toBe(first.executionCount + 1);
    expect(second.stdout).toBe('6\n');
  });

  it('returns a traceback pointing at the cell line that raised', async () => {
    const r = await run('def f(v):\n    return 1 / v\n\nf(0)');
    expect(r.ok).toBe(false);
    const error = r.outputs.find((o) => o.type === 'error');
    expect(error).toMatchObject({ type: 'error', ename: 'ZeroDivisionError' });
    const traceback = (error as { traceback: string }).traceback;
    expect(traceback).toMatch(/File "<cell \d+>", line 4/);
    expect(traceback).toMatch(/line 2, in f/);
    expect(traceback).not.toMatch(/_pyodide/);
  });

  it('emits structured plots and tables from the helper module', async () => {
    const r = await run(
      'import emflow_nb as nb\nnb.plot([0, 1, 2], [1, 4, 9], title="sq")\n' +
        'nb.table([{"a": 1, "b": "x"}])',
    );
    expect(r.ok).toBe(true);
    expect(r.outputs).toContainEqual(
      expect.objectContaining({ type: 'plot', title: 'sq', x: [0, 1, 2], series: [[1, 4, 9]] }),
    );
    expect(r.outputs).toContainEqual(
      expect.objectContaining({ type: 'table', columns: ['a', 'b'], rows: [[1, 'x']] }),
    );
  });

  it('reports at once that scikit-learn cannot be loaded offline', async () => {
    const r = await run(
      'import emflow_nb as nb\nok = await nb.use_sklearn()\nprint(ok, nb.TRAINER)',
    );
    expect(r.ok).toBe(true);
    expect(r.stdout).toMatch(/^False the built-in trainer/);
    const notice = r.outputs.find((o) => o.type === 'notice');
    expect(notice).toMatchObject({ level: 'warning' });
    expect((notice as { text: string }).text).toMatch(/scikit-learn unavailable/);
    expect((notice as { text: string }).text).toMatch(/unreachable-index/);
    // Progress: the first line says what loads from where, before any download is tried.
    const first = r.outputs[0] as { type: string; name?: string; text?: string };
    expect(first).toMatchObject({ type: 'stream', name: 'stderr' });
    expect(first.text).toMatch(
      /^Loading numpy, scipy, scikit-learn from http:\/\/127\.0\.0\.1:9\/unreachable-index\/ /,
    );
  });

  it('imports the emflow converter package from the zipped sources', async () => {
    const r = await run('import emflow\nprint(sorted(emflow.registered())[:3])');
    expect(r.ok).toBe(true);
    expect(r.stdout).toMatch(/^\['/);
  });

  it('trains with the engine trainer and predicts the same in Python and the engine', async () => {
    const r = await run(`
import emflow_nb as nb
import random
rng = random.Random(1)
X = [[rng.random(), rng.random()] for _ in range(200)]
y = [int((a > 0.5) != (b > 0.5)) for a, b in X]
clf = nb.RandomForestClassifier(n_estimators=8, max_depth=6, random_state=0).fit(X, y)
print(nb.trainer_of(clf), len(clf.blob_))
e = nb.evaluate(clf, X, y)
print(e["agreement"], e["accuracyPython"] > 0.9)
nb.send("xor", clf)
`);
    expect(r.outputs.find((o) => o.type === 'error')).toBeUndefined();
    expect(r.stdout).toMatch(/^the built-in trainer \(emflow engine, WebAssembly\) \d+\n/);
    expect(r.stdout).toMatch(/\n1\.0 True\n$/);
    const evaluation = r.outputs.find((o) => o.type === 'evaluation');
    expect(evaluation).toMatchObject({
      rows: 200,
      agreement: 1,
      classes: [0, 1],
      nFeatures: 2,
      kind: 'classifier',
    });
    // nb.send after nb.evaluate: the model goes with 32 of the evaluated rows (the firmware
    // dialog measures its cycles on them).
    const sent = r.outputs.find((o) => o.type === 'model') as { sampleRows?: number[][] };
    expect(sent.sampleRows).toHaveLength(32);
    expect(sent.sampleRows![0]).toHaveLength(2);
    const confusion = (evaluation as { confusion: number[][] }).confusion;
    expect(confusion[0][1] + confusion[1][0]).toBe(0);
    expect(confusion[0][0] + confusion[1][1]).toBe(200);
    // The sketch that carries it, per board and form, from the calibrated cost models: a
    // small float forest fits both boards in every form; the Mega's are the bigger calls.
    const sketches = (evaluation as { sketches: SketchCost[] }).sketches;
    expect(sketches.map((c) => `${c.board}/${c.form}`)).toEqual([
      'uno/blob',
      'uno/inline',
      'uno/tables',
      'mega2560/blob',
      'mega2560/inline',
      'mega2560/tables',
    ]);
    for (const c of sketches) {
      expect(c.flash).toBeGreaterThan(1000);
      expect(c.flash).toBeLessThan(c.flashMax);
      expect(c.cycles).toBeGreaterThan(0);
      expect(sketchFit(c).fits).toBe(true);
    }
    expect(sketchFit({ ...sketches[0], flash: 40_000 }).text).toBe(
      'does not fit: flash 40000 B of 32256 B',
    );
    const model = r.outputs.find((o) => o.type === 'model');
    expect(model).toMatchObject({ type: 'model', name: 'xor' });
  });

  it('reads a built-in forest back as an emflow model: same predictions, emltrees CSV', async () => {
    // emltrees takes int16 features and integer thresholds: a float model is refused for CSV,
    // a forest trained on integers is written through to_int16().
    const r = await run(`
import emflow
import emflow_nb as nb
m = nb.tree_model(clf)
print(m.to_bytes() == clf.blob_, m.predict(X) == clf.predict(X))
try:
    m.to_csv()
except emflow.ConversionError as e:
    print("float refused", "dtype='int16'" in str(e))
Xi = [[round(a * 32767), round(b * 32767)] for a, b in X]
clf16 = nb.RandomForestClassifier(n_estimators=8, max_depth=6, random_state=0).fit(Xi, y)
m16 = nb.tree_model(clf16).to_int16()
csv = m16.to_csv().splitlines()
print(csv[0], csv[1], sum(1 for line in csv if line.startswith("r,")), m16.predict(Xi) == clf16.predict(Xi))
`);
    expect(r.outputs.find((o) => o.type === 'error')).toBeUndefined();
    expect(r.stdout).toBe('True True\nfloat refused True\nf,2 c,2 8 True\n');
  });

  it('sweeps engine models and draws the Pareto front with the device cost models', async () => {
    const r = await run(`
FAM = ["decision_tree", "random_forest"]
report = nb.sweep(Xi, y, board="uno", budget=4, seed=1, cv=2, trainers=["emflow"], families=FAM)
again = emflow.sweep(Xi, y, board="uno", budget=4, seed=1, cv=2, trainers=["emflow"], families=FAM)
print(report.candidates, report.rows == again.rows, len(report.pareto()) > 0)
print(sorted({r["form"] for r in report.rows if r["family"] != "gaussian_nb"}))
`);
    expect(r.outputs.find((o) => o.type === 'error')).toBeUndefined();
    // Node has no engine workers for the kernel (fitPool.ts): the fits run one after another,
    // and the progress says how long the rest will take.
    expect(r.stdout).toMatch(
      new RegExp(
        '^sweep: fitting one candidate after another \\(engine workers need a cross-origin ' +
          'isolated page: SharedArrayBuffer\\)\n' +
          '(sweep: candidate [1-3] of 4 done, about \\d+ (s|min) left\n){3}' +
          "sweep: candidate 4 of 4 done\n4 True True\n\\['blob', 'inline', 'tables'\\]\n$",
      ),
    );
    const front = r.outputs.find((o) => o.type === 'table') as { title: string; columns: string[] };
    expect(front.title).toMatch(/^Pareto front on the uno: \d+ of \d+ rows \(accuracy\)$/);
    expect(front.columns.slice(0, 4)).toEqual(['trainer', 'family', 'dtype', 'form']);
    // The sweep view's output: every row with its flags, the boards' flash, the metric.
    const view = r.outputs.find((o) => o.type === 'sweep') as SweepOutput;
    expect(view.metric).toBe('accuracy');
    expect(view.board).toEqual({ name: 'uno', flash: 32256, ram: 2048 });
    expect(view.boardFlash).toEqual({ uno: 32256, mega2560: 253952 });
    const rows = await run('print(len(report.rows), sum(r["pareto"] for r in report.rows))');
    expect(rows.stdout).toBe(`${view.rows.length} ${view.rows.filter((x) => x.pareto).length}\n`);
    // "Send to graph": the row's candidate refitted with its seed gives the swept bytes.
    const pick = view.rows.findIndex((x) => x.pareto);
    const sent = await run(`nb.sweep_send(${view.id}, ${pick})
print(report.rows[${pick}]["blob_sha256"])`);
    const model = sent.outputs.find((o) => o.type === 'model') as ModelOutput;
    expect(model.size).toBe(view.rows[pick].blob_bytes);
    const digest = createHash('sha256').update(base64ToBytes(model.blob)).digest('hex');
    expect(sent.stdout).toBe(`${digest}\n`);
    const stale = await run(`nb.sweep_send(${view.id + 1}, 0)`);
    const error = stale.outputs.find((o) => o.type === 'error') as { evalue: string };
    expect(error.evalue).toMatch(/not drawn in this Python session/);
  });

  it('says where the data is wrong when training fails', async () => {
    const r = await run(
      'import emflow_nb as nb\nnb.RandomForestClassifier().fit([[1], [2]], [0, 0])',
    );
    expect(r.ok).toBe(false);
    const error = r.outputs.find((o) => o.type === 'error') as { ename: string; evalue: string };
    expect(error.ename).toBe('TrainingError');
    expect(error.evalue).toMatch(/single class/);
  });

  it('writes uploaded files into the notebook filesystem', async () => {
    kernel.writeFile('/home/pyodide/data/upload.csv', new TextEncoder().encode('a,b\n1,2\n'));
    const r = await run('print(open("data/upload.csv").read().splitlines()[1])');
    expect(r.stdout).toBe('1,2\n');
  });

  for (const file of ['xor-random-forest.ipynb', 'activity-classifier.ipynb']) {
    it(`runs the starter notebook ${file} offline with the built-in trainer`, async () => {
      const nb = fromIpynb(readFileSync(join(root, 'examples/notebooks', file), 'utf8'));
      const outputs: CellOutput[] = [];
      for (const cell of nb.cells.filter((c) => c.kind === 'code')) {
        const r = await run(cell.source);
        outputs.push(...r.outputs);
        expect(
          r.outputs.filter((o) => o.type === 'error'),
          cell.source,
        ).toEqual([]);
      }
      const notice = outputs.find((o) => o.type === 'notice') as { text: string };
      expect(notice.text).toMatch(/scikit-learn unavailable — trained with the built-in trainer/);
      const evaluation = outputs.find((o) => o.type === 'evaluation') as {
        agreement: number;
        trainer: string;
        accuracyEngine: number;
      };
      expect(evaluation.agreement).toBe(1);
      expect(evaluation.trainer).toMatch(/built-in trainer/);
      expect(evaluation.accuracyEngine).toBeGreaterThan(0.8);
      expect(outputs.some((o) => o.type === 'model')).toBe(true);
    });
  }
});

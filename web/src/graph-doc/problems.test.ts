// One validator everywhere: the shared corpus of broken graphs (tests/graphs/broken) through
// the app's problem list (the engine session's validate, which the graph view and the text view
// both show), the graph route Run takes (the web's own parser → NoFlo JSON → the engine), the
// editor's connection check, and the Run guard — all against NAME.expected, which is what
// `emflow check` prints (ctest CliCheckCorpus.* checks the CLI against the same files).
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EngineClient } from '../engine';
import { EngineHost } from '../engine/engine-host';
import { EngineSession } from '../sim/engineSession';
import { loadEngine } from '../test-support/engine';
import { libraryFrom } from './components';
import { checkConnection } from './connect';
import { connectToDrop, openOutPort } from './dropFix';
import { parseFbp } from './fbpRead';
import type { Graph } from './graph';
import { cliLine, errorsOf, toDiagnostics } from './problems';

const CORPUS = join(dirname(fileURLToPath(import.meta.url)), '../../../tests/graphs/broken');
const cases = readdirSync(CORPUS)
  .filter((f) => f.endsWith('.fbp'))
  .map((f) => ({
    name: f,
    text: readFileSync(join(CORPUS, f), 'utf8'),
    expected: readFileSync(join(CORPUS, f.replace(/\.fbp$/, '.expected')), 'utf8'),
  }));

const graphOf = (text: string): Graph => {
  const r = parseFbp(text);
  if (!r.ok) throw new Error(r.diagnostic.message);
  return r.graph;
};
// A JSON graph has no .fbp lines: compare what a problem says, not where.
const unlocated = (message: string) => message.replace(/ at \d+:\d+/g, '');

describe('one validator: app problem list = Run check = emflow check', () => {
  let session: EngineSession;
  beforeAll(async () => {
    const module = await loadEngine();
    session = new EngineSession(() =>
      EngineClient.inProcess(new EngineHost(module, { clock: false })),
    );
    await session.start();
  });
  afterAll(() => session?.dispose());

  it('has a corpus', () => expect(cases.length).toBeGreaterThanOrEqual(4));

  for (const c of cases) {
    it(`${c.name}: the views list what emflow check prints`, async () => {
      const result = await session.validate(c.text);
      expect(result).not.toBeNull();
      const listed = toDiagnostics(result!.problems);
      expect(listed.map((p) => `${cliLine(p)}\n`).join('')).toBe(c.expected);
      // Every finding of the validator names its node, so the list can select it.
      for (const p of listed) expect(p.node, p.message).toBeTruthy();

      // The graph route (what Run validates): same findings, same nodes.
      const viaGraph = (await session.checkGraph(graphOf(c.text)))!;
      const summary = (ps: typeof listed) =>
        ps.map((p) => `${p.severity} ${p.node} ${unlocated(p.message)}`).sort();
      expect(summary(toDiagnostics(viaGraph.problems))).toEqual(summary(listed));
      expect(result!.ok).toBe(errorsOf(listed).length === 0);
    });
  }

  it('the graph editor refuses the edge the check reports (boolean -> int)', () => {
    const lib = libraryFrom(session.getState().components);
    const g = graphOf("timer(Timer) OUT -> IN toggle(ToggleBoolean)\n'5' -> INTERVAL timer\n");
    expect(
      checkConnection(g, lib, { node: 'toggle', port: 'out' }, { node: 'timer', port: 'interval' }),
    ).toBe('type mismatch: ToggleBoolean.OUT sends boolean, Timer.INTERVAL expects int');
    // ...and the engine says the same about that edge.
    const text = readFileSync(join(CORPUS, 'boolean-to-interval.expected'), 'utf8');
    expect(text).toContain('type mismatch: toggle(ToggleBoolean) OUT sends boolean');
  });

  it('Run refuses a graph with a required input unset, naming the node', async () => {
    const c = cases.find((x) => x.name === 'missing-address.fbp')!;
    await session.run(graphOf(c.text));
    const state = session.getState();
    expect(state.networkLoaded).toBe(false);
    expect(state.runProblems.map((p) => p.node)).toEqual(['thermometer']);
    expect(state.runProblems[0].message).toContain('required in-port ADDRESS');
    expect(state.lastError).toContain('a problem to fix first');
  });

  it('an open out-port is a warning with a fix that removes it', async () => {
    const c = cases.find((x) => x.name === 'open-out-port.fbp')!;
    const listed = toDiagnostics((await session.validate(c.text))!.problems);
    const open = listed.map(openOutPort).find((o) => o !== null);
    expect(open).toEqual({ node: 'led', port: 'out' });
    const fixed = connectToDrop(graphOf(c.text), open!.node, open!.port);
    expect(fixed.ok).toBe(true);
    if (!fixed.ok) return;
    expect((await session.checkGraph(fixed.graph))!.problems).toEqual([]);
    // The graph runs: no error on the node for the packets it sends.
    await session.step(graphOf(c.text), 2000);
    expect(session.getState().networkLoaded).toBe(true);
    expect(session.getState().nodeErrors).toEqual({});
    expect(session.getState().openPortDrops).toBeGreaterThan(0);
  });
});

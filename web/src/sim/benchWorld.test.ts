// The world picker and the board panel's data against the real WebAssembly engine: Blink on
// the bench lights pin 13 (pin changes reach the session's board), inputs set before Run apply
// when it starts (also the fridge's ambient), and a hand-set DS18B20 temperature drives a graph.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { EngineClient } from '../engine';
import { EngineHost } from '../engine/engine-host';
import { exampleById } from '../examples/examples';
import { parseFbp } from '../graph-doc/fbpRead';
import type { Graph } from '../graph-doc/graph';
import { loadEngine } from '../test-support/engine';
import { EngineSession } from './engineSession';

const graphOf = (text: string): Graph => {
  const r = parseFbp(text);
  if (!r.ok) throw new Error(r.diagnostic.message);
  return r.graph;
};

describe('the bench world and the board panel', () => {
  let session: EngineSession;
  beforeAll(async () => {
    const module = await loadEngine();
    session = new EngineSession(() =>
      EngineClient.inProcess(new EngineHost(module, { clock: false })),
    );
    await session.start();
  });
  afterAll(() => session?.dispose());

  it('runs Blink with no world and reports every toggle of pin 13', async () => {
    const blink = graphOf(exampleById('blink')!.text);
    expect(session.worldFor(blink)).toBe('none');
    await session.step(blink, 5000);
    expect(session.getState().lastError).toBeNull();
    expect(session.getState().world).toBe('none');
    await vi.waitFor(() => expect(session.board.pin(13)?.changes).toBe(10));
    expect(session.board.pin(13)?.level).toBe(0); // on at 0.5 s, off at 1 s, … off at 5 s
    await session.reset();
    expect(session.board.writtenPins()).toEqual([]);
  });

  it('applies a temperature set before Run and one changed while running', async () => {
    const alarm = graphOf(exampleById('temperature_alarm')!.text);
    await session.chooseWorld('none');
    await session.setWorldInputs({ T9: 4 }, 'none');
    await session.step(alarm, 3 * 60_000);
    expect(session.getState().lastError).toBeNull();
    await vi.waitFor(() => expect(session.board.pin(13)?.level).toBe(0));
    await session.setWorldInputs({ T9: 12.5 }, 'none');
    await session.step(alarm, 60_000);
    await vi.waitFor(() => expect(session.board.pin(13)?.level).toBe(1));
    expect(session.getState().worldInputs.none).toEqual({ T9: 12.5 });
    // A value the bench refuses is the visible error and is not remembered.
    await session.setWorldInputs({ T9: 500 }, 'none');
    expect(session.getState().lastError).toMatch(/T9 must be between -55 and 125/);
    expect(session.getState().worldInputs.none).toEqual({ T9: 12.5 });
    await session.reset();
  });

  it('shows what the graph prints on the serial port, line by line', async () => {
    await session.chooseWorld('none');
    const g = graphOf("'250' -> INTERVAL t(Timer) OUT -> IN c(Count) OUT -> IN s(SerialOut)");
    await session.step(g, 1000);
    expect(session.getState().lastError).toBeNull();
    await vi.waitFor(() => expect(session.board.serialLines).toEqual(['1', '2', '3', '4']));
    await session.reset();
    expect(session.board.serialLines).toEqual([]);
  });

  it("applies the fridge's ambient set before Run", async () => {
    const fridge = graphOf(exampleById('fridge')!.text);
    await session.chooseWorld('fridge');
    await session.setWorldInputs({ ambientC: 35 }, 'fridge');
    await session.step(fridge, 10_000);
    expect(session.getState().lastError).toBeNull();
    await vi.waitFor(() => expect(session.trace.series.ambientC?.at(-1)).toBe(35));
    await session.chooseWorld(null);
    expect(session.getState().chosenWorld).toBeNull();
    expect(session.getState().networkLoaded).toBe(false);
  });
});

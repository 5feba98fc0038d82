// The board panel's model: which pins a graph uses (from its own edges and initial values) and
// the pin states a batch of changes leaves behind, whatever produced the batch.
import { describe, expect, it } from 'vitest';
import { exampleById } from '../examples/examples';
import { parseFbp } from '../graph-doc/fbpRead';
import type { Graph } from '../graph-doc/graph';
import { benchInputName, pinLabel, pinUses, unoPortPin } from './boardPins';
import { MAX_SERIAL_LINES, PinBoard } from './pinBoard';

const graphOf = (text: string): Graph => {
  const r = parseFbp(text);
  if (!r.ok) throw new Error(r.diagnostic.message);
  return r.graph;
};

describe('pins a graph uses', () => {
  it('names Uno pins as the board prints them', () => {
    expect([0, 13, 14, 19].map(pinLabel)).toEqual(['D0', 'D13', 'A0', 'A5']);
    expect(['PIN9', 'pin13', 'A0', 'a5', 'A6', 'PIN20', 'OUT'].map((p) => unoPortPin(p))).toEqual([
      9,
      13,
      14,
      19,
      null,
      null,
      null,
    ]);
  });

  it('finds the LED of Blink and the fridge thermometer and relays', () => {
    expect(pinUses(graphOf(exampleById('blink')!.text))).toEqual([
      { pin: 13, role: 'digital-out', node: 'led' },
    ]);
    const fridge = pinUses(graphOf(exampleById('fridge')!.text));
    expect(fridge.map((u) => [u.pin, u.role])).toEqual([
      [9, 'ds18b20'],
      [11, 'digital-out'],
      [12, 'digital-out'],
    ]);
    expect(benchInputName(fridge[0])).toBe('T9');
    expect(benchInputName(fridge[1])).toBeNull();
  });

  it('reads pins given as initial values and analog inputs through the pin map', () => {
    const g = graphOf(
      [
        "'6' -> PIN fan(PwmWrite)",
        "'3' -> PIN button(DigitalRead)",
        'board(ArduinoUno) A2 -> PIN light(AnalogRead)',
        "'99' -> PIN bad(DigitalWrite)",
      ].join('\n'),
    );
    const uses = pinUses(g);
    expect(uses).toEqual([
      { pin: 3, role: 'digital-in', node: 'button' },
      { pin: 6, role: 'pwm-out', node: 'fan' },
      { pin: 16, role: 'analog-in', node: 'light' },
    ]);
    expect(uses.map(benchInputName)).toEqual(['D3', null, 'A2']);
  });
});

describe('PinBoard', () => {
  it('keeps the latest level, duty and change count of every pin', () => {
    const board = new PinBoard();
    board.apply({
      timeMs: [500, 1000, 1500, 1600],
      pin: [13, 13, 13, 6],
      value: [1, 0, 1, 64],
      pwm: [0, 0, 0, 1],
      dropped: 0,
    });
    expect(board.pin(13)).toMatchObject({ level: 1, pwm: false, changes: 3, changedAtMs: 1500 });
    expect(board.brightness(13)).toBe(1);
    expect(board.brightness(6)).toBeCloseTo(64 / 255);
    expect(board.brightness(7)).toBe(0);
    expect(board.writtenPins()).toEqual([6, 13]);
    board.apply({ timeMs: [2000], pin: [13], value: [0], pwm: [0], dropped: 7 });
    expect(board.brightness(13)).toBe(0);
    expect(board.dropped).toBe(7);
    board.clear();
    expect(board.writtenPins()).toEqual([]);
    expect(board.dropped).toBe(0);
  });

  it('keeps the newest serial lines only', () => {
    const board = new PinBoard();
    for (let i = 0; i < MAX_SERIAL_LINES + 5; i++) board.addSerialLine(`line ${i}`);
    expect(board.serialLines.length).toBe(MAX_SERIAL_LINES);
    expect(board.serialLines[0]).toBe('line 5');
    expect(board.serialLines.at(-1)).toBe(`line ${MAX_SERIAL_LINES + 4}`);
  });
});

// @vitest-environment node
// The board drawings against the board table: every pin the virtual board has is drawn once,
// labelled as the board prints it, inside the drawing, no two holes, LEDs or labels of a
// header on top of each other; and the pins a Mega graph uses are in the Mega's numbering.
import { describe, expect, it } from 'vitest';
import { parseFbp } from '../graph-doc/fbpRead';
import { MEGA2560, UNO } from '../virtual-board/virtualBoards';
import { BOARD_LAYOUTS, type BoardLayout } from './boardLayouts';
import { pinUses } from './boardPins';

const boards = [UNO, MEGA2560].map((spec) => ({ spec, layout: BOARD_LAYOUTS[spec.id] }));

function overlaps(points: { x: number; y: number }[], gap: number): number {
  let n = 0;
  for (let i = 0; i < points.length; i++)
    for (let j = i + 1; j < points.length; j++)
      if (Math.hypot(points[i].x - points[j].x, points[i].y - points[j].y) < gap) n++;
  return n;
}

describe('board layouts', () => {
  for (const { spec, layout } of boards) {
    it(`draws each of the ${spec.name}'s ${spec.pins.length} pins once`, () => {
      const drawn = layout.pins.map((p) => p.pin).sort((a, b) => a - b);
      expect(drawn).toEqual(spec.pins.map((_, i) => i));
      expect(layout.firstAnalogPin).toBe(spec.firstAnalogPin);
      expect(layout.analogPins).toBe(spec.analogPins);
    });

    it(`keeps the ${spec.name}'s holes, LEDs and labels apart and inside the drawing`, () => {
      const holes = layout.pins.map((p) => ({ x: p.x, y: p.y }));
      const leds = layout.pins.map((p) => ({ x: p.ledX, y: p.ledY }));
      expect(overlaps(holes, layout.hole)).toBe(0);
      expect(overlaps(leds, 2 * layout.ledRadius)).toBe(0);
      for (const p of layout.pins) {
        for (const [x, y] of [
          [p.ledX - layout.ledRadius, p.ledY - layout.ledRadius],
          [p.ledX + layout.ledRadius, p.ledY + layout.ledRadius],
          [p.labelX, p.labelY],
        ]) {
          expect(x, `${p.label}`).toBeGreaterThanOrEqual(0);
          expect(x, `${p.label}`).toBeLessThanOrEqual(layout.width);
          expect(y, `${p.label}`).toBeGreaterThanOrEqual(0);
          expect(y, `${p.label}`).toBeLessThanOrEqual(layout.height);
        }
        // Every hole on the board itself.
        expect(p.x).toBeGreaterThan(layout.pcb.x);
        expect(p.x).toBeLessThan(layout.pcb.x + layout.pcb.w);
        expect(p.y).toBeGreaterThan(layout.pcb.y);
        expect(p.y).toBeLessThan(layout.pcb.y + layout.pcb.h);
      }
    });
  }

  it('labels pins as each board prints them', () => {
    const label = (layout: BoardLayout, pin: number) =>
      layout.pins.find((p) => p.pin === pin)?.label;
    expect(label(BOARD_LAYOUTS.uno, 13)).toBe('D13');
    expect(label(BOARD_LAYOUTS.uno, 14)).toBe('A0');
    expect(label(BOARD_LAYOUTS.mega2560, 22)).toBe('22');
    expect(label(BOARD_LAYOUTS.mega2560, 53)).toBe('53');
    expect(label(BOARD_LAYOUTS.mega2560, 54)).toBe('A0');
    expect(label(BOARD_LAYOUTS.mega2560, 69)).toBe('A15');
  });

  it('has the Mega about as wide for its height as the real 101.6 × 53.3 mm board', () => {
    const { pcb } = BOARD_LAYOUTS.mega2560;
    expect(pcb.w / pcb.h).toBeCloseTo(101.6 / 53.3, 2);
    // The double row: D22/D23 side by side at its top, D52/D53 at its bottom.
    const at = (pin: number) => BOARD_LAYOUTS.mega2560.pins.find((p) => p.pin === pin)!;
    expect(at(22).y).toBe(at(23).y);
    expect(at(23).x).toBeGreaterThan(at(22).x);
    expect(at(52).y).toBeGreaterThan(at(22).y);
  });

  it('numbers a Mega graph’s pins as the Mega does (the Uno’s A0 is its pin 54)', () => {
    const r = parseFbp(
      [
        "'22' -> PIN relay(DigitalWrite)",
        "'69' -> PIN light(AnalogRead)",
        'board(ArduinoUno) A1 -> PIN level(AnalogRead)',
        "'70' -> PIN bad(DigitalWrite)",
      ].join('\n'),
    );
    if (!r.ok) throw new Error(r.diagnostic.message);
    const mega = { pinCount: MEGA2560.pins.length, firstAnalogPin: MEGA2560.firstAnalogPin };
    expect(pinUses(r.graph, mega).map((u) => [u.pin, u.node])).toEqual([
      [22, 'relay'],
      [55, 'level'],
      [69, 'light'],
    ]);
    // On an Uno the same graph only has the board's A1.
    expect(pinUses(r.graph).map((u) => [u.pin, u.node])).toEqual([[15, 'level']]);
  });
});

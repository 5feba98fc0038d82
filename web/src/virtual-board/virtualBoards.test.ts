// @vitest-environment node
// The virtual boards' tables against the firmware's own: the Mega's pin map is the one
// firmware/avr/mega_pins.h compiles into the generic firmware (read from that header, not
// retyped), and the world's pins land where each board has them.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../test-support/genericFirmware';
import { MEGA2560, UNO, boardPinOf, worldPinOf } from './virtualBoards';

describe('virtual board tables', () => {
  it('maps the Mega’s 70 pins as firmware/avr/mega_pins.h does', () => {
    const header = readFileSync(`${repoRoot}firmware/avr/mega_pins.h`, 'utf8');
    const table = header.slice(header.indexOf('kPinMap[kPinCount]'));
    const pins = [...table.matchAll(/EMFLOW_MEGA_PIN\(k([A-L]), (\d)\)/g)].map((m) => m[1] + m[2]);
    expect(pins.length).toBe(70);
    expect(MEGA2560.pins).toEqual(pins);
    // Every pin's port exists on the chip, and no two pins share a port bit.
    expect(new Set(MEGA2560.pins).size).toBe(70);
    for (const name of MEGA2560.pins) expect(MEGA2560.ports[name[0]]).toBeDefined();
    expect(MEGA2560.pins[13]).toBe('B7');
    expect(MEGA2560.pins[MEGA2560.firstAnalogPin]).toBe('F0');
  });

  it('has the Uno’s 20 pins on ports D, B and C', () => {
    expect(UNO.pins.length).toBe(20);
    expect(UNO.pins[13]).toBe('B5');
    expect(UNO.pins[UNO.firstAnalogPin]).toBe('C0');
  });

  it('wires the world’s D0-D13 and A0-A5 to each board’s', () => {
    for (const spec of [UNO, MEGA2560]) {
      for (let world = 0; world < 20; world++) {
        const pin = boardPinOf(spec, world);
        expect(worldPinOf(spec, pin)).toBe(world);
      }
    }
    expect(boardPinOf(MEGA2560, 14)).toBe(54); // A0
    expect(worldPinOf(MEGA2560, 14)).toBe(-1); // the Mega's D14 (TX3): no world pin
    expect(worldPinOf(MEGA2560, 60)).toBe(-1); // A6
    expect(worldPinOf(UNO, 14)).toBe(14);
  });
});

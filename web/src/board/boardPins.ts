// What a graph does with the board's pins, read from the graph itself: which pin each
// DigitalWrite/PwmWrite drives and which pin each AnalogRead/DigitalRead/ReadDallasTemperature
// reads (through the ArduinoUno pin map or a number sent as an initial value). The board panel
// draws an LED per output and offers a control per input from this list.
import type { Graph } from '../graph-doc/graph';

export type PinRole = 'digital-out' | 'pwm-out' | 'analog-in' | 'digital-in' | 'ds18b20';

export interface PinUse {
  pin: number;
  role: PinRole;
  /** The node that drives or reads the pin. */
  node: string;
}

/** Pins of the boards the panel draws (the engine's virtual board is an Uno: 20 pins). */
export const UNO_PIN_COUNT = 20;
const UNO_FIRST_ANALOG = 14;

const ROLE_OF: Record<string, PinRole> = {
  DigitalWrite: 'digital-out',
  PwmWrite: 'pwm-out',
  AnalogRead: 'analog-in',
  DigitalRead: 'digital-in',
  ReadDallasTemperature: 'ds18b20',
};

/** "D13", "A0" (pin 14 on an Uno). */
export function pinLabel(pin: number): string {
  return pin >= UNO_FIRST_ANALOG && pin < UNO_PIN_COUNT ? `A${pin - UNO_FIRST_ANALOG}` : `D${pin}`;
}

/** A board's pin numbering: how many pins and where A0 is (the Uno's unless told). */
export interface PinNumbering {
  pinCount: number;
  firstAnalogPin: number;
}

export const UNO_NUMBERING: PinNumbering = {
  pinCount: UNO_PIN_COUNT,
  firstAnalogPin: UNO_FIRST_ANALOG,
};

/**
 * The pin an ArduinoUno out-port sends at start ("pin9" → 9, "a0" → 14), or null. On another
 * board (a Mega: A0 = 54) the Uno's A0..A5 (and PIN14..PIN19) are that board's A0..A5, as the
 * compiler remaps them (core/host/firmware/graph_compiler.cpp).
 */
export function unoPortPin(port: string, board: PinNumbering = UNO_NUMBERING): number | null {
  const m = /^(pin|a)(\d+)$/i.exec(port);
  if (!m) return null;
  const n = Number(m[2]);
  const uno = m[1].toLowerCase() === 'a' ? (n < 6 ? UNO_FIRST_ANALOG + n : null) : n;
  if (uno === null || uno >= UNO_PIN_COUNT) return null;
  return uno >= UNO_FIRST_ANALOG ? board.firstAnalogPin + uno - UNO_FIRST_ANALOG : uno;
}

/**
 * Every pin the graph's IO nodes use, in `board`'s numbering, sorted by pin then role; pins
 * the board lacks are left out. A number sent as an initial packet is the board's pin as is.
 */
export function pinUses(g: Graph, board: PinNumbering = UNO_NUMBERING): PinUse[] {
  const components = new Map(g.nodes.map((n) => [n.id, n.component]));
  const uses: PinUse[] = [];
  const add = (node: string, pin: number | null) => {
    const role = ROLE_OF[components.get(node) ?? ''];
    if (role && pin !== null && !uses.some((u) => u.pin === pin && u.node === node))
      uses.push({ pin, role, node });
  };
  for (const e of g.edges) {
    if (e.tgt.port.toLowerCase() !== 'pin') continue;
    if (components.get(e.src.node) === 'ArduinoUno') add(e.tgt.node, unoPortPin(e.src.port, board));
  }
  for (const iip of g.iips) {
    if (iip.tgt.port.toLowerCase() !== 'pin') continue;
    const n = Number(iip.data);
    add(iip.tgt.node, Number.isInteger(n) && n >= 0 && n < board.pinCount ? n : null);
  }
  return uses.sort((a, b) => a.pin - b.pin || a.role.localeCompare(b.role));
}

/** The world input that sets what a reading node sees on the bench ("A0", "D2", "T9"). */
export function benchInputName(use: PinUse): string | null {
  switch (use.role) {
    case 'analog-in':
      return use.pin >= UNO_FIRST_ANALOG ? pinLabel(use.pin) : null;
    case 'digital-in':
      return `D${use.pin}`;
    case 'ds18b20':
      return `T${use.pin}`;
    default:
      return null;
  }
}

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

/** The pin an ArduinoUno out-port sends at start ("pin9" → 9, "a0" → 14), or null. */
export function unoPortPin(port: string): number | null {
  const m = /^(pin|a)(\d+)$/i.exec(port);
  if (!m) return null;
  const n = Number(m[2]);
  if (m[1].toLowerCase() === 'a') return n < 6 ? UNO_FIRST_ANALOG + n : null;
  return n < UNO_PIN_COUNT ? n : null;
}

/** Every pin the graph's IO nodes use, sorted by pin then role; unknown pins are left out. */
export function pinUses(g: Graph): PinUse[] {
  const components = new Map(g.nodes.map((n) => [n.id, n.component]));
  const uses: PinUse[] = [];
  const add = (node: string, pin: number | null) => {
    const role = ROLE_OF[components.get(node) ?? ''];
    if (role && pin !== null && !uses.some((u) => u.pin === pin && u.node === node))
      uses.push({ pin, role, node });
  };
  for (const e of g.edges) {
    if (e.tgt.port.toLowerCase() !== 'pin') continue;
    if (components.get(e.src.node) === 'ArduinoUno') add(e.tgt.node, unoPortPin(e.src.port));
  }
  for (const iip of g.iips) {
    if (iip.tgt.port.toLowerCase() !== 'pin') continue;
    const n = Number(iip.data);
    add(iip.tgt.node, Number.isInteger(n) && n >= 0 && n < UNO_PIN_COUNT ? n : null);
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

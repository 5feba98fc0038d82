// Where BoardView draws each part of a board (our own drawings, nothing downloaded): the PCB,
// USB socket, power jack, chip, title and every header pin with its label and the LED a driven
// pin lights. One table entry per board, so the Uno and the Mega 2560 share one component.
// The Mega's coordinates are its real header positions in millimetres (101.6 × 53.3 mm board,
// 2.54 mm pitch) scaled into the drawing; the Uno's keep the drawing's long-standing look.

export type BoardLayoutId = 'uno' | 'mega2560';

/** Which way a pin's LED sits from its hole (and its label the other way, inside the board). */
export type PinSide = 'top' | 'bottom' | 'left' | 'right';

export interface LayoutPin {
  pin: number;
  /** Centre of the header hole. */
  x: number;
  y: number;
  side: PinSide;
  /** Printed beside the hole ("22" on the Mega), and the pin's full name ("D22", a tooltip). */
  label: string;
  name: string;
  /** The label's anchor point and whether it reads upwards (a narrow pitch). */
  labelX: number;
  labelY: number;
  labelAnchor: 'start' | 'middle' | 'end';
  labelVertical: boolean;
  /** Centre of the LED drawn for a driven pin. */
  ledX: number;
  ledY: number;
}

interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface BoardLayout {
  id: BoardLayoutId;
  width: number;
  height: number;
  pcb: Rect;
  usb: Rect;
  jack: Rect;
  chip: Rect;
  /** Where the board's name sits (its baseline's left end). */
  title: { x: number; y: number };
  /** The on-board "L" LED (wired to D13 on both boards). */
  lLed: { x: number; y: number };
  /** Side of a header hole's square, and the LEDs' radius. */
  hole: number;
  ledRadius: number;
  /** Font size of the pin labels. */
  labelSize: number;
  /** A0 as a pin number and how many analog pins follow it (the board table's). */
  firstAnalogPin: number;
  analogPins: number;
  pins: readonly LayoutPin[];
}

/** "D13"/"A0" (short: "13"/"A0", as the Mega prints them) for a board whose A0 is `firstAnalog`. */
function labelOf(pin: number, firstAnalog: number, analogPins: number, short: boolean): string {
  const analog = pin - firstAnalog;
  if (analog >= 0 && analog < analogPins) return `A${analog}`;
  return short ? String(pin) : `D${pin}`;
}

interface RowOptions {
  side: PinSide;
  /** Distance from the hole to the label's anchor and to the LED's centre. */
  labelGap: number;
  ledGap: number;
  vertical: boolean;
  label: (pin: number) => string;
  name: (pin: number) => string;
}

/** Pins `pins` in a straight line from (x0, y0), one `step` apart. */
function row(
  pins: readonly number[],
  x0: number,
  y0: number,
  step: { dx: number; dy: number },
  o: RowOptions,
): LayoutPin[] {
  return pins.map((pin, i) => {
    const x = x0 + i * step.dx;
    const y = y0 + i * step.dy;
    // The LED goes out of the board on `side`; the label into the board, the other way.
    const out = { top: [0, -1], bottom: [0, 1], left: [-1, 0], right: [1, 0] }[o.side];
    const horizontalLabel = o.side === 'left' || o.side === 'right';
    return {
      pin,
      x,
      y,
      side: o.side,
      label: o.label(pin),
      name: o.name(pin),
      // Side columns put the label beside the hole, towards the LED (the other column is
      // on the inside); top and bottom rows put it inside the board.
      labelX: horizontalLabel ? x + out[0] * o.labelGap : x,
      labelY: horizontalLabel ? y + 3 : y - out[1] * o.labelGap,
      labelAnchor: o.side === 'left' ? 'end' : o.side === 'right' ? 'start' : 'middle',
      labelVertical: o.vertical,
      ledX: x + out[0] * o.ledGap,
      ledY: y + out[1] * o.ledGap,
    };
  });
}

const span = (from: number, to: number, step = 1) =>
  Array.from({ length: Math.floor((to - from) / step) + 1 }, (_, i) => from + i * step);

/** The Uno: D13..D0 along the top, A0..A5 along the bottom (the drawing the app always had). */
function unoLayout(): BoardLayout {
  const label = (pin: number) => labelOf(pin, 14, 6, false);
  const name = label;
  const H = 230;
  return {
    id: 'uno',
    width: 340,
    height: H,
    pcb: { x: 8, y: 40, w: 324, h: H - 70 },
    usb: { x: 0, y: 70, w: 40, h: 44 },
    jack: { x: 0, y: 140, w: 34, h: 36 },
    chip: { x: 150, y: 100, w: 110, h: 34 },
    title: { x: 70, y: 160 },
    lLed: { x: 44, y: 78 }, // under the D13 label, left of it
    hole: 12,
    ledRadius: 8,
    labelSize: 8,
    firstAnalogPin: 14,
    analogPins: 6,
    pins: [
      ...row(
        span(0, 13).reverse(),
        76,
        52,
        { dx: 18, dy: 0 },
        {
          side: 'top',
          labelGap: 18,
          ledGap: 30,
          vertical: false,
          label,
          name,
        },
      ),
      ...row(
        span(14, 19),
        196,
        H - 32,
        { dx: 18, dy: 0 },
        {
          side: 'bottom',
          labelGap: 11,
          ledGap: 22,
          vertical: false,
          label,
          name,
        },
      ),
    ],
  };
}

/**
 * The Mega 2560 from its real header positions (mm from the board's left edge and top edge):
 * D13..D8 from 27.9 and D7..D0 from 44.5 along the top, then the communication header D14..D21
 * from 66.0; A0..A7 from 50.8 and A8..A15 from 73.7 along the bottom; the double row at the
 * right end, D22/D23 (even pins inner, odd pins at the edge) down to D52/D53 between its 5 V
 * and GND pairs.
 */
function megaLayout(): BoardLayout {
  const MM = 4.724; // drawing units per millimetre: the 101.6 mm board is 480 wide
  const PITCH = 2.54 * MM;
  const left = 20;
  const top = 34;
  const X = (mm: number) => left + mm * MM;
  const Y = (mm: number) => top + mm * MM;
  const label = (pin: number) => labelOf(pin, 54, 16, true);
  const name = (pin: number) => labelOf(pin, 54, 16, false);
  const along = { dx: PITCH, dy: 0 };
  const down = { dx: 0, dy: PITCH };
  const topRow = { side: 'top' as const, labelGap: 12, ledGap: 20, vertical: true, label, name };
  const bottomRow = {
    side: 'bottom' as const,
    labelGap: 12,
    ledGap: 20,
    vertical: true,
    label,
    name,
  };
  const firstPairY = Y(2.54 * 3); // under the 5 V pair
  return {
    id: 'mega2560',
    width: 535,
    height: 320,
    pcb: { x: left, y: top, w: 101.6 * MM, h: 53.3 * MM },
    usb: { x: 8, y: Y(7.6), w: 44, h: 56 },
    jack: { x: 8, y: Y(38), w: 38, h: 42 },
    chip: { x: X(50), y: Y(20), w: 19 * MM, h: 12 * MM },
    title: { x: X(12), y: Y(35) },
    lLed: { x: X(24), y: Y(6) },
    hole: 8,
    ledRadius: 5.5,
    labelSize: 6.5,
    firstAnalogPin: 54,
    analogPins: 16,
    pins: [
      ...row(span(8, 13).reverse(), X(27.9), Y(2.54), along, topRow),
      ...row(span(0, 7).reverse(), X(44.5), Y(2.54), along, topRow),
      ...row(span(14, 21), X(66.0), Y(2.54), along, topRow),
      ...row(span(54, 61), X(50.8), Y(53.3 - 2.54), along, bottomRow),
      ...row(span(62, 69), X(73.7), Y(53.3 - 2.54), along, bottomRow),
      ...row(span(22, 52, 2), X(93.98), firstPairY, down, {
        side: 'left',
        labelGap: 7,
        ledGap: 28,
        vertical: false,
        label,
        name,
      }),
      ...row(span(23, 53, 2), X(96.52), firstPairY, down, {
        side: 'right',
        labelGap: 7,
        ledGap: 34,
        vertical: false,
        label,
        name,
      }),
    ],
  };
}

export const BOARD_LAYOUTS: Record<BoardLayoutId, BoardLayout> = {
  uno: unoLayout(),
  mega2560: megaLayout(),
};

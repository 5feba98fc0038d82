// An Arduino Uno drawn in SVG (our own drawing, nothing downloaded): the digital header
// D0..D13 along the top, A0..A5 along the bottom, an LED above every pin the graph drives
// (lit while high; a PWM pin glows with its duty) and the on-board "L" LED of D13.
import { pinLabel, type PinUse } from './boardPins';
import type { PinBoard } from './pinBoard';

interface Props {
  board: PinBoard;
  uses: readonly PinUse[];
  /** Re-render trigger: the board changes in place. */
  dataVersion: number;
  /** The chip and the board's name printed on it (a virtual Mega: its D0-D13 and A0-A5, which
   * sit where an Uno's do). */
  chip?: string;
  title?: string;
}

const W = 340;
const H = 230;
const PITCH = 18;
const DIGITAL_X0 = 76; // D13 is leftmost as on the real board; D0 at the right
const ANALOG_X0 = 196;

/** x of a pin's header hole and whether it sits on the top (digital) header. */
function pinPosition(pin: number): { x: number; top: boolean } {
  if (pin >= 14) return { x: ANALOG_X0 + (pin - 14) * PITCH, top: false };
  return { x: DIGITAL_X0 + (13 - pin) * PITCH, top: true };
}

export function BoardView({ board, uses, chip = 'ATmega328P', title = 'UNO' }: Props) {
  const driven = new Set(uses.filter((u) => u.role.endsWith('-out')).map((u) => u.pin));
  for (const pin of board.writtenPins()) driven.add(pin);
  const read = new Set(uses.filter((u) => !u.role.endsWith('-out')).map((u) => u.pin));
  const builtin = board.brightness(13);
  return (
    <svg
      viewBox={`0 0 ${W} ${H}`}
      className="board-svg"
      role="img"
      aria-label={`Arduino ${title} with the pins the graph uses`}
      data-testid="board-svg"
    >
      <rect x="8" y="40" width={W - 16} height={H - 70} rx="10" className="board-pcb" />
      <rect x="0" y="70" width="40" height="44" rx="3" className="board-usb" />
      <rect x="0" y="140" width="34" height="36" rx="3" className="board-jack" />
      <rect x="150" y="100" width="110" height="34" rx="3" className="board-chip" />
      <text x="205" y="121" textAnchor="middle" className="board-chip-text">
        {chip}
      </text>
      <text x="70" y="160" className="board-title">
        {title}
      </text>
      {/* The on-board LED wired to D13 */}
      <rect
        x="60"
        y="64"
        width="10"
        height="7"
        rx="1"
        className="board-l-led"
        opacity={0.25 + 0.75 * builtin}
      />
      <text x="74" y="71" className="board-small-text">
        L
      </text>
      {Array.from({ length: 20 }, (_, pin) => {
        const { x, top } = pinPosition(pin);
        const y = top ? 46 : H - 38;
        const used = driven.has(pin) || read.has(pin);
        return (
          <g key={pin}>
            <rect
              x={x - 6}
              y={y}
              width="12"
              height="12"
              className={`board-pin ${used ? 'used' : ''} ${read.has(pin) ? 'input' : ''}`}
            />
            <text x={x} y={top ? y + 24 : y - 5} textAnchor="middle" className="board-pin-text">
              {pinLabel(pin)}
            </text>
          </g>
        );
      })}
      {[...driven].map((pin) => {
        const { x, top } = pinPosition(pin);
        const cy = top ? 22 : H - 10;
        const b = board.brightness(pin);
        return (
          <g key={`led${pin}`} data-testid={`board-led-${pin}`} data-on={b > 0 ? '1' : '0'}>
            <line
              x1={x}
              y1={top ? cy + 8 : cy - 8}
              x2={x}
              y2={top ? 46 : H - 26}
              className="board-wire"
            />
            <circle cx={x} cy={cy} r="8" className="board-led-off" />
            <circle cx={x} cy={cy} r="8" className="board-led-on" opacity={b} />
          </g>
        );
      })}
    </svg>
  );
}

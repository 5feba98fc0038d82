// An Arduino board drawn in SVG from its layout (boardLayouts.ts: the Uno, the Mega 2560): every
// header pin labelled, an LED beside every pin the graph drives (lit while high; a PWM pin
// glows with its duty) and the on-board "L" LED of D13.
import type { PinUse } from './boardPins';
import { BOARD_LAYOUTS, type BoardLayout, type LayoutPin } from './boardLayouts';
import type { PinBoard } from './pinBoard';

interface Props {
  board: PinBoard;
  /** The pins the graph uses, in this board's pin numbers (pinUses with its A0). */
  uses: readonly PinUse[];
  /** Re-render trigger: the board changes in place. */
  dataVersion: number;
  /** The drawing (default: the Uno). */
  layout?: BoardLayout;
  /** The chip and the board's name printed on it. */
  chip?: string;
  title?: string;
}

/** The LED's wire runs from the LED to the hole's edge (top and bottom rows only: a side
 * column's LED sits just past its label). */
function Wire({ p, layout }: { p: LayoutPin; layout: BoardLayout }) {
  if (p.side !== 'top' && p.side !== 'bottom') return null;
  const dir = p.side === 'top' ? 1 : -1;
  return (
    <line
      x1={p.x}
      y1={p.ledY + dir * layout.ledRadius}
      x2={p.x}
      y2={p.y - (dir * layout.hole) / 2}
      className="board-wire"
    />
  );
}

export function BoardView({
  board,
  uses,
  layout = BOARD_LAYOUTS.uno,
  chip = 'ATmega328P',
  title = 'UNO',
}: Props) {
  const driven = new Set(uses.filter((u) => u.role.endsWith('-out')).map((u) => u.pin));
  for (const pin of board.writtenPins()) driven.add(pin);
  const read = new Set(uses.filter((u) => !u.role.endsWith('-out')).map((u) => u.pin));
  const at = new Map(layout.pins.map((p) => [p.pin, p]));
  const builtin = board.brightness(13);
  const { pcb, usb, jack, chip: c, hole } = layout;
  return (
    <svg
      viewBox={`0 0 ${layout.width} ${layout.height}`}
      className={`board-svg board-${layout.id}`}
      role="img"
      aria-label={`Arduino ${title} with the pins the graph uses`}
      data-testid="board-svg"
      data-layout={layout.id}
    >
      <rect x={pcb.x} y={pcb.y} width={pcb.w} height={pcb.h} rx="10" className="board-pcb" />
      <rect x={usb.x} y={usb.y} width={usb.w} height={usb.h} rx="3" className="board-usb" />
      <rect x={jack.x} y={jack.y} width={jack.w} height={jack.h} rx="3" className="board-jack" />
      <rect x={c.x} y={c.y} width={c.w} height={c.h} rx="3" className="board-chip" />
      <text x={c.x + c.w / 2} y={c.y + c.h / 2 + 3} textAnchor="middle" className="board-chip-text">
        {chip}
      </text>
      <text x={layout.title.x} y={layout.title.y} className="board-title">
        {title}
      </text>
      {/* The on-board LED wired to D13 */}
      <rect
        x={layout.lLed.x}
        y={layout.lLed.y}
        width="10"
        height="7"
        rx="1"
        className="board-l-led"
        opacity={0.25 + 0.75 * builtin}
      />
      <text x={layout.lLed.x + 14} y={layout.lLed.y + 7} className="board-small-text">
        L
      </text>
      {layout.pins.map((p) => {
        const used = driven.has(p.pin) || read.has(p.pin);
        return (
          <g key={p.pin} data-testid={`board-hole-${p.pin}`}>
            <title>{p.name}</title>
            <rect
              x={p.x - hole / 2}
              y={p.y - hole / 2}
              width={hole}
              height={hole}
              className={`board-pin ${used ? 'used' : ''} ${read.has(p.pin) ? 'input' : ''}`}
            />
            <text
              x={p.labelX}
              y={p.labelY}
              textAnchor={p.labelAnchor}
              dominantBaseline={p.labelVertical ? 'central' : undefined}
              transform={p.labelVertical ? `rotate(-90 ${p.labelX} ${p.labelY})` : undefined}
              className="board-pin-text"
              style={{ fontSize: layout.labelSize }}
            >
              {p.label}
            </text>
          </g>
        );
      })}
      {[...driven].map((pin) => {
        const p = at.get(pin);
        if (!p) return null; // a pin this board does not have: the pin table lists it
        const b = board.brightness(pin);
        return (
          <g key={`led${pin}`} data-testid={`board-led-${pin}`} data-on={b > 0 ? '1' : '0'}>
            <Wire p={p} layout={layout} />
            <circle cx={p.ledX} cy={p.ledY} r={layout.ledRadius} className="board-led-off" />
            <circle
              cx={p.ledX}
              cy={p.ledY}
              r={layout.ledRadius}
              className="board-led-on"
              opacity={b}
            />
          </g>
        );
      })}
    </svg>
  );
}

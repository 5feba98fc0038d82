// The board drawing at the size its panel column allows (200-290 px: pins lit, labels too small
// to read), and, on a click, the same live drawing large enough to read every pin's label in a
// dialog (Esc or a click outside closes it).
import { useState, type ComponentProps } from 'react';
import { useEscape } from '../help/useEscape';
import { BoardView } from './BoardView';

type Props = ComponentProps<typeof BoardView>;

export function ZoomableBoard(props: Props) {
  const [large, setLarge] = useState(false);
  const title = props.title ?? 'UNO';
  return (
    <>
      <button
        className="board-zoom"
        onClick={() => setLarge(true)}
        title="Show the board large enough to read its pin labels"
        aria-label={`Enlarge the ${title} drawing`}
        data-testid="board-zoom"
      >
        <BoardView {...props} />
      </button>
      {large && <LargeBoard {...props} onClose={() => setLarge(false)} />}
    </>
  );
}

function LargeBoard({ onClose, ...props }: Props & { onClose: () => void }) {
  useEscape(onClose);
  return (
    <div className="dialog-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div
        className="dialog board-dialog"
        role="dialog"
        aria-label={`The ${props.title ?? 'UNO'} board, large`}
        data-testid="board-dialog"
      >
        <div className="dialog-row">
          <h2>
            {props.title ?? 'UNO'} · {props.chip ?? 'ATmega328P'}
          </h2>
          <span className="spacer" />
          <button
            className="btn"
            onClick={onClose}
            aria-label="Close"
            data-testid="board-dialog-close"
          >
            ✕
          </button>
        </div>
        <BoardView {...props} />
      </div>
    </div>
  );
}

// A short first-run tour: four cards that point at the palette, the graph, the inspector and
// the simulation panel. Dismissable at any step (✕, Esc, "Skip"); remembered in localStorage
// so it shows once; Help → "Show the tour" brings it back.
import { useState } from 'react';
import { useEscape } from './useEscape';

export const TOUR_DONE_KEY = 'emflow.tourDone';

const STEPS: { title: string; text: string; where: string }[] = [
  {
    title: 'Components',
    text: 'Search the palette on the left by name or use ("fan", "LED", "thermostat"), then drag a component onto the graph or double-click it.',
    where: 'tour-left',
  },
  {
    title: 'Wire a graph',
    text: 'Drag from an out-port (right side of a node) to an in-port (left side). The text view shows the same graph as .fbp text; both stay in sync.',
    where: 'tour-center',
  },
  {
    title: 'Set values',
    text: "Select a node: the inspector on the right sets each in-port's initial value (a constant sent when the network starts) and links to the component's help page.",
    where: 'tour-right',
  },
  {
    title: 'Run it',
    text: 'The simulation panel runs the graph on a virtual clock. Pick a world (none = a bench where you set inputs by hand), watch the pins on the board, then export firmware for a real Uno.',
    where: 'tour-bottom',
  },
];

export function tourDone(): boolean {
  try {
    return localStorage.getItem(TOUR_DONE_KEY) === '1';
  } catch {
    return true; // no storage: do not nag on every load
  }
}

export function Tour({ onClose }: { onClose: () => void }) {
  const [step, setStep] = useState(0);
  const finish = () => {
    try {
      localStorage.setItem(TOUR_DONE_KEY, '1');
    } catch {
      // storage refused: the tour just shows again next time
    }
    onClose();
  };
  useEscape(finish);
  const s = STEPS[step];
  return (
    <div className={`tour-card ${s.where}`} role="dialog" aria-label="Tour" data-testid="tour">
      <div className="tour-head">
        <strong>
          {step + 1}/{STEPS.length} · {s.title}
        </strong>
        <button className="btn small" onClick={finish} aria-label="Close the tour">
          ✕
        </button>
      </div>
      <p>{s.text}</p>
      <div className="dialog-actions">
        <button className="btn small" onClick={finish} data-testid="tour-skip">
          Skip
        </button>
        {step > 0 && (
          <button className="btn small" onClick={() => setStep(step - 1)}>
            Back
          </button>
        )}
        {step < STEPS.length - 1 ? (
          <button
            className="btn small primary"
            onClick={() => setStep(step + 1)}
            data-testid="tour-next"
          >
            Next
          </button>
        ) : (
          <button className="btn small primary" onClick={finish} data-testid="tour-done">
            Done
          </button>
        )}
      </div>
    </div>
  );
}

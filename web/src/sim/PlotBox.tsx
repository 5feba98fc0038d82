// The box every world plot is drawn in: the uPlot's element (sized by its CSS), its sample
// count for tests, and what to do while it is empty.
import type { RefObject } from 'react';

interface Props {
  box: RefObject<HTMLDivElement | null>;
  testId: string;
  samples: number;
  /** Shown over the plot while there are no samples yet. */
  empty: string;
}

export function PlotBox({ box, testId, samples, empty }: Props) {
  return (
    <div className="plot-box">
      <div className="trace-plot" ref={box} data-testid={testId} data-samples={samples} />
      {samples === 0 && <div className="plot-empty">{empty}</div>}
    </div>
  );
}

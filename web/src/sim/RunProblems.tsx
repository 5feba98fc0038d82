// Why Run (or Step) refused the graph: the validator's errors, each clickable to its node, so a
// missing ADDRESS or PIN is named before the run instead of failing as "not ready" during it.
import type { Selection } from '../graph/GraphView';
import type { Diagnostic } from '../graph-doc/diagnostics';
import { ProblemList } from '../inspector/ProblemList';

interface Props {
  problems: readonly Diagnostic[];
  /** Packets the last run sent on out-ports left open (warned about, not errors). */
  openPortDrops: number;
  onSelect: (s: Selection) => void;
}

export function RunProblems({ problems, openPortDrops, onSelect }: Props) {
  return (
    <>
      {problems.length > 0 && (
        <div className="run-problems" role="alert" data-testid="run-problems">
          <strong>Run refused: fix {problems.length === 1 ? 'this' : 'these'} first</strong>
          <ProblemList
            problems={problems}
            onSelect={onSelect}
            testId="run-problem-list"
            located={false}
          />
        </div>
      )}
      {openPortDrops > 0 && (
        <div className="muted small" data-testid="open-port-drops">
          {openPortDrops} packet{openPortDrops === 1 ? '' : 's'} sent on out-ports left open (see
          the warnings under Problems)
        </div>
      )}
    </>
  );
}

// The simulation panel fed from the session and the open project (SimPanel itself, in sim/,
// takes them as props), with the validator's refusal of the last Run above it.
import type { Selection } from '../graph/GraphView';
import { RunProblems } from '../sim/RunProblems';
import { SimPanel } from '../sim/SimPanel';
import { useProject } from './ProjectContext';
import { useEngineSession, useSession } from './SessionContext';
import { useOpenGraph } from './useOpenGraph';

interface Props {
  dark: boolean;
  onRecordToNotebook: () => Promise<void>;
  onSelect: (s: Selection) => void;
}

export function SimSection({ dark, onRecordToNotebook, onSelect }: Props) {
  const session = useEngineSession();
  const state = useSession((s) => s);
  const { graph, stem } = useOpenGraph();
  const models = useProject((s) => s.project?.models);
  return (
    <>
      <RunProblems
        problems={state.runProblems}
        openPortDrops={state.openPortDrops}
        onSelect={onSelect}
      />
      <SimPanel
        session={session}
        state={state}
        graph={graph}
        dark={dark}
        fileStem={stem}
        models={models}
        onRecordToNotebook={() => void onRecordToNotebook()}
      />
    </>
  );
}

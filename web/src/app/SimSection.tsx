// The simulation panel fed from the session and the open project (SimPanel itself, in sim/,
// takes them as props).
import { SimPanel } from '../sim/SimPanel';
import { useEngineSession, useSession } from './SessionContext';
import { useOpenGraph } from './useOpenGraph';

interface Props {
  dark: boolean;
  onRecordToNotebook: () => Promise<void>;
}

export function SimSection({ dark, onRecordToNotebook }: Props) {
  const session = useEngineSession();
  const state = useSession((s) => s);
  const { graph, stem } = useOpenGraph();
  return (
    <SimPanel
      session={session}
      state={state}
      graph={graph}
      dark={dark}
      fileStem={stem}
      onRecordToNotebook={() => void onRecordToNotebook()}
    />
  );
}

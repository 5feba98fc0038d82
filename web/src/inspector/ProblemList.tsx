// The graph's problem list (errors and warnings of the engine's validator): a problem about a
// node selects it when clicked; an open out-port offers its fix (connect it to a Drop node).
import type { Selection } from '../graph/GraphView';
import { type Diagnostic, formatDiagnostic } from '../graph-doc/diagnostics';
import { connectToDrop, openOutPort } from '../graph-doc/dropFix';
import { useProjectStore } from '../app/ProjectContext';

interface Props {
  problems: readonly Diagnostic[];
  onSelect: (s: Selection) => void;
  testId?: string;
  /** False for problems of a graph checked as JSON (Run): their positions are not .fbp lines. */
  located?: boolean;
}

// The validator appends " at LINE:COLUMN" to a message; a JSON position would only mislead.
const unlocated = (message: string) => message.replace(/ at \d+:\d+/g, '');

export function ProblemList({ problems, onSelect, testId = 'problems', located = true }: Props) {
  const store = useProjectStore();
  return (
    <ul className="problems" data-testid={testId}>
      {problems.map((p, i) => {
        const open = openOutPort(p);
        const node = p.node;
        return (
          <li key={i} className={p.severity}>
            {node ? (
              <button
                className="link problem-link"
                title={`Select node ${node}`}
                onClick={() => onSelect({ kind: 'node', id: node })}
              >
                {located ? formatDiagnostic(p) : unlocated(p.message)}
              </button>
            ) : located ? (
              formatDiagnostic(p)
            ) : (
              unlocated(p.message)
            )}
            {open && (
              <button
                className="btn small problem-fix"
                data-testid="fix-drop"
                title={`Add a Drop node and connect ${open.node}.${open.port.toUpperCase()} to it`}
                onClick={() =>
                  store.editGraph((g) => {
                    const r = connectToDrop(g, open.node, open.port);
                    return r.ok ? r.graph : g;
                  })
                }
              >
                Connect to Drop
              </button>
            )}
          </li>
        );
      })}
    </ul>
  );
}

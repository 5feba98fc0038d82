// Editing one in-port's initial value (FBP: IIP, initial information packet). Commits on Enter
// or when the field loses focus; an empty field removes it. Works while the simulation runs (applied live).
import { useEffect, useState } from 'react';
import { iipText } from '../graph/flowModel';

interface Props {
  node: string;
  port: string;
  value: unknown;
  onCommit: (data: string | undefined) => void;
}

export function IipField({ node, port, value, onCommit }: Props) {
  const shown = value === undefined ? '' : iipText(value);
  const [draft, setDraft] = useState(shown);
  useEffect(() => setDraft(shown), [shown]);
  const commit = () => {
    if (draft === shown) return;
    onCommit(draft === '' ? undefined : draft);
  };
  return (
    <input
      className="iip-input mono"
      value={draft}
      placeholder="initial value"
      onChange={(e) => setDraft(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === 'Enter') commit();
        if (e.key === 'Escape') setDraft(shown);
      }}
      aria-label={`Initial value for ${node}.${port.toUpperCase()}`}
      title="Initial value: sent once when the network starts (IIP)"
      data-testid={`iip-input-${node}-${port}`}
    />
  );
}

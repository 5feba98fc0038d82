// Editing one in-port's initial packet. Commits on Enter or when the field loses focus;
// an empty field removes the IIP. Works while the simulation runs (applied live).
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
      placeholder="no IIP"
      onChange={(e) => setDraft(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === 'Enter') commit();
        if (e.key === 'Escape') setDraft(shown);
      }}
      aria-label={`Initial packet for ${node}.${port.toUpperCase()}`}
      data-testid={`iip-input-${node}-${port}`}
    />
  );
}

// The component palette: the engine's component list, searchable over names, tags (what a
// component is used for: fan, LED, thermostat…) and descriptions, with port types. Drag an
// entry onto the graph (or double-click it) to add a node. A component a shipped generic
// firmware leaves out (the Uno's cannot hold the whole library) is marked with the boards
// whose virtual or real board would refuse it.
import { useMemo, useState } from 'react';
import type { ComponentInfo } from '../graph-doc/components';
import type { EngineState } from '../sim/engineSession';
import { COMPONENT_MIME } from '../graph/GraphView';
import { searchScore, tagsOf } from '../graph-doc/componentTags';
import { boardsWithout, useGenericFirmwareLimits } from '../board/genericFirmwareLimits';

interface Props {
  components: ComponentInfo[];
  engine: EngineState;
  onAdd: (component: string) => void;
}

const portList = (ports: ComponentInfo['inPorts']) =>
  ports.map((p) => `${p.id.toUpperCase()}:${p.type}`).join(' ');

export function Palette({ components, engine, onAdd }: Props) {
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState<string | null>(null);
  const firmware = useGenericFirmwareLimits();
  const shown = useMemo(() => {
    if (!query.trim()) return components;
    return components
      .map((c) => ({ c, score: searchScore(c, query) }))
      .filter((s) => s.score > 0)
      .sort((a, b) => b.score - a.score || a.c.name.localeCompare(b.c.name))
      .map((s) => s.c);
  }, [components, query]);

  return (
    <div className="palette" data-testid="palette">
      <input
        className="search"
        type="search"
        placeholder="Search: fan, LED, thermostat…"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        aria-label="Search components"
      />
      {engine === 'loading' && <div className="muted pad">Loading the engine’s components…</div>}
      {engine !== 'loading' && components.length === 0 && (
        <div className="muted pad">No components: the engine is not running.</div>
      )}
      {components.length > 0 && shown.length === 0 && (
        <div className="muted pad">No component matches “{query}”.</div>
      )}
      <ul className="palette-list">
        {shown.map((c) => (
          <li
            key={c.name}
            className={`palette-item${open === c.name ? ' open' : ''}`}
            draggable
            onDragStart={(e) => {
              e.dataTransfer.setData(COMPONENT_MIME, c.name);
              e.dataTransfer.effectAllowed = 'copy';
            }}
            onDoubleClick={() => onAdd(c.name)}
            onClick={() => setOpen(open === c.name ? null : c.name)}
            title="Drag onto the graph, or double-click to add"
            data-testid={`palette-${c.name}`}
          >
            <div className="palette-name">
              {c.name}
              {boardsWithout(c.name, firmware).map((board) => (
                <span
                  key={board}
                  className="palette-board-gap"
                  title={`Not in the ${board}'s generic firmware (it does not fit with the rest of the library): the virtual and a real ${board} refuse a graph that uses it. Exported sketches carry it.`}
                  data-testid={`palette-gap-${c.name}`}
                >
                  not on {board}
                </span>
              ))}
            </div>
            <div className="palette-desc">{c.description}</div>
            {query.trim() !== '' && tagsOf(c.name).length > 0 && (
              <div className="palette-tags muted small">{tagsOf(c.name).join(' · ')}</div>
            )}
            {open === c.name && (
              <div className="palette-ports">
                {c.inPorts.length > 0 && (
                  <div>
                    <span className="tag in">in</span> {portList(c.inPorts)}
                  </div>
                )}
                {c.outPorts.length > 0 && (
                  <div>
                    <span className="tag out">out</span> {portList(c.outPorts)}
                  </div>
                )}
              </div>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

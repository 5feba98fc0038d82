// A connection being dragged is judged by the same rules as one being made, whichever end the
// drag starts from: the graph view flags the target and says why before the mouse is released.
import type { Handle } from '@xyflow/react';
import { Position } from '@xyflow/react';
import { describe, expect, it } from 'vitest';
import { libraryFrom } from '../graph-doc/components';
import { parseFbp } from '../graph-doc/fbpRead';
import { FRIDGE_FBP, LIBRARY } from '../test-support/fixtures';
import { edgeFromHandles, refusalWhileDragging } from './connectionCheck';

const parsed = parseFbp(FRIDGE_FBP);
if (!parsed.ok) throw new Error(parsed.diagnostic.message);
const graph = parsed.graph;
const lib = libraryFrom(LIBRARY);

const handle = (nodeId: string, id: string, type: 'source' | 'target'): Handle => ({
  nodeId,
  id,
  type,
  x: 0,
  y: 0,
  width: 12,
  height: 12,
  position: type === 'source' ? Position.Right : Position.Left,
});

describe('connections while dragging', () => {
  it('orders the ends output → input whichever one the drag started from', () => {
    const out = handle('timer', 'out', 'source');
    const inp = handle('thermometer', 'trigger', 'target');
    const forward = edgeFromHandles(out, inp);
    expect(forward).toEqual({
      src: { node: 'timer', port: 'out' },
      tgt: { node: 'thermometer', port: 'trigger' },
    });
    expect(edgeFromHandles(inp, out)).toEqual(forward);
  });

  it('names a type mismatch before the drop', () => {
    // HysteresisLatch OUT is boolean; Timer INTERVAL expects int.
    const reason = refusalWhileDragging(
      graph,
      lib,
      handle('hysteresis', 'out', 'source'),
      handle('timer', 'interval', 'target'),
    );
    expect(reason).toBe(
      'type mismatch: HysteresisLatch.OUT sends boolean, Timer.INTERVAL expects int',
    );
  });

  it('refuses two outputs, two inputs and a duplicate edge; allows a good one', () => {
    expect(
      refusalWhileDragging(
        graph,
        lib,
        handle('timer', 'out', 'source'),
        handle('hysteresis', 'out', 'source'),
      ),
    ).toMatch(/both ends are outputs/);
    expect(
      refusalWhileDragging(
        graph,
        lib,
        handle('timer', 'interval', 'target'),
        handle('hysteresis', 'in', 'target'),
      ),
    ).toMatch(/both ends are inputs/);
    expect(
      refusalWhileDragging(
        graph,
        lib,
        handle('timer', 'out', 'source'),
        handle('thermometer', 'trigger', 'target'),
      ),
    ).toBe('timer.OUT is already connected to thermometer.TRIGGER');
    expect(
      refusalWhileDragging(graph, lib, handle('ia', 'out', 'source'), handle('ib', 'in', 'target')),
    ).toBeNull();
    expect(refusalWhileDragging(graph, lib, handle('timer', 'out', 'source'), null)).toBeNull();
  });
});

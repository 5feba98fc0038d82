import { describe, expect, it } from 'vitest';
import { libraryFrom, typesCompatible } from './components';
import { checkConnection, connect } from './connect';
import { parseFbp } from './fbpRead';
import {
  addNode,
  edgeKey,
  type Graph,
  removeEdges,
  removeNodes,
  renameNode,
  setIip,
  uniqueNodeId,
} from './graph';
import { FRIDGE_FBP, LIBRARY } from '../test-support/fixtures';

const fridge = (): Graph => {
  const r = parseFbp(FRIDGE_FBP);
  if (!r.ok) throw new Error(r.diagnostic.message);
  return r.graph;
};
const lib = libraryFrom(LIBRARY);

describe('graph edits', () => {
  it('adds a node with a fresh name and refuses duplicates and bad names', () => {
    const g = fridge();
    expect(uniqueNodeId(g, 'Timer')).toBe('timer1');
    const added = addNode(g, { id: 'timer1', component: 'Timer', x: 0, y: 0 });
    expect(added.ok && added.graph.nodes).toHaveLength(12);
    expect(addNode(g, { id: 'timer', component: 'Timer', x: 0, y: 0 })).toEqual({
      ok: false,
      reason: 'a node named "timer" already exists',
    });
    expect(addNode(g, { id: '9lives', component: 'Timer', x: 0, y: 0 }).ok).toBe(false);
  });

  it('removing a node removes its edges, IIPs and exported ports', () => {
    const g = removeNodes(fridge(), ['hysteresis']);
    expect(g.nodes.some((n) => n.id === 'hysteresis')).toBe(false);
    expect(g.edges.some((e) => e.src.node === 'hysteresis' || e.tgt.node === 'hysteresis')).toBe(
      false,
    );
    expect(g.iips.some((i) => i.tgt.node === 'hysteresis')).toBe(false);
    expect(g.edges).toHaveLength(12);
  });

  it('renaming a node rewires everything that referred to it', () => {
    const r = renameNode(fridge(), 'hysteresis', 'latch');
    if (!r.ok) throw new Error(r.reason);
    expect(
      r.graph.edges.filter((e) => e.src.node === 'latch' || e.tgt.node === 'latch'),
    ).toHaveLength(2);
    expect(r.graph.iips.filter((i) => i.tgt.node === 'latch')).toHaveLength(2);
    expect(renameNode(fridge(), 'timer', 'board')).toEqual({
      ok: false,
      reason: 'a node named "board" already exists',
    });
    expect(renameNode(fridge(), 'timer', 'has space').ok).toBe(false);
  });

  it('sets, replaces and removes the IIP of a port', () => {
    const tgt = { node: 'hysteresis', port: 'highthreshold' };
    let g = setIip(fridge(), tgt, '6');
    expect(
      g.iips.filter((i) => i.tgt.node === 'hysteresis' && i.tgt.port === 'highthreshold'),
    ).toEqual([{ data: '6', tgt }]);
    expect(g.iips).toHaveLength(4);
    g = setIip(g, tgt, undefined);
    expect(g.iips).toHaveLength(3);
  });

  it('removes edges by key', () => {
    const g = fridge();
    const g2 = removeEdges(g, [edgeKey(g.edges[0])]);
    expect(g2.edges).toHaveLength(13);
    expect(edgeKey(g.edges[0])).toBe('timer.out->thermometer.trigger');
  });
});

describe('connecting ports', () => {
  const withNodes = (): Graph => {
    const r = addNode(fridge(), { id: 'label', component: 'ToString', x: 0, y: 0 });
    if (!r.ok) throw new Error(r.reason);
    return r.graph;
  };

  it('connects compatible ports', () => {
    const r = connect(
      withNodes(),
      lib,
      { node: 'thermometer', port: 'OUT' },
      { node: 'label', port: 'IN' },
    );
    expect(r.ok).toBe(true);
    if (r.ok)
      expect(r.graph.edges.at(-1)).toEqual({
        src: { node: 'thermometer', port: 'out' },
        tgt: { node: 'label', port: 'in' },
      });
  });

  it('refuses with a reason: type mismatch, wrong direction, unknown port, duplicate', () => {
    const g = withNodes();
    expect(
      checkConnection(g, lib, { node: 'label', port: 'out' }, { node: 'hysteresis', port: 'in' }),
    ).toBe('type mismatch: ToString.OUT sends string, HysteresisLatch.IN expects number');
    expect(
      checkConnection(g, lib, { node: 'timer', port: 'interval' }, { node: 'label', port: 'in' }),
    ).toBe('INTERVAL is an input of Timer; connect from an output');
    expect(
      checkConnection(g, lib, { node: 'timer', port: 'out' }, { node: 'label', port: 'nope' }),
    ).toBe('ToString has no input port NOPE');
    expect(
      checkConnection(
        g,
        lib,
        { node: 'timer', port: 'out' },
        { node: 'thermometer', port: 'trigger' },
      ),
    ).toBe('timer.OUT is already connected to thermometer.TRIGGER');
  });

  it('lets any packet trigger a bang input and numbers mix, but a boolean is no number', () => {
    expect(typesCompatible('boolean', 'bang')).toBe(true);
    expect(typesCompatible('int', 'float')).toBe(true);
    expect(typesCompatible('boolean', 'int')).toBe(false); // as the engine's validator says
    expect(typesCompatible('string', 'number')).toBe(false);
    expect(typesCompatible('string', 'all')).toBe(true);
  });
});

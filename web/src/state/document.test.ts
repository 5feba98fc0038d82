import { describe, expect, it } from 'vitest';
import { moveNodes, renameNode } from '../graph-doc/graph';
import { documentFromText, withGraph, withText } from './document';
import { FRIDGE_FBP } from '../test-support/fixtures';

describe('graph ↔ text synchronisation', () => {
  it('editing the text updates the graph (an IIP change) and keeps the typed text', () => {
    const doc = documentFromText(FRIDGE_FBP);
    const text = FRIDGE_FBP.replace("'5' -> HIGHTHRESHOLD", "'7' -> HIGHTHRESHOLD") + '# my note\n';
    const next = withText(doc, text);
    expect(next.textError).toBeNull();
    expect(next.text).toBe(text);
    expect(next.graph.iips).toContainEqual({
      data: '7',
      tgt: { node: 'hysteresis', port: 'highthreshold' },
    });
  });

  it('broken text keeps the last good graph and reports where it broke', () => {
    const doc = documentFromText(FRIDGE_FBP);
    const broken = withText(doc, FRIDGE_FBP + "'3' -> \n");
    expect(broken.graph).toBe(doc.graph);
    expect(broken.textError?.line).toBe(17);
    const fixed = withText(broken, FRIDGE_FBP.replace("'2'", "'1'"));
    expect(fixed.textError).toBeNull();
    expect(fixed.graph.iips).toContainEqual({
      data: '1',
      tgt: { node: 'hysteresis', port: 'lowthreshold' },
    });
  });

  it('editing the graph regenerates the text', () => {
    const doc = documentFromText(FRIDGE_FBP);
    const r = renameNode(doc.graph, 'timer', 'clock');
    if (!r.ok) throw new Error(r.reason);
    const next = withGraph(doc, r.graph);
    expect(next.text).toContain('clock(Timer) OUT -> TRIGGER thermometer(ReadDallasTemperature)');
    expect(next.text).toContain("'5000' -> INTERVAL clock()");
    expect(next.text).not.toMatch(/\btimer\b/);
  });

  it('moving nodes keeps the text and the positions survive a later text edit', () => {
    const doc = documentFromText(FRIDGE_FBP);
    const moved = withGraph(doc, moveNodes(doc.graph, new Map([['board', { x: 5, y: 6 }]])));
    const edited = withText(moved, moved.text.replace("'5000'", "'2500'"));
    expect(edited.graph.nodes.find((n) => n.id === 'board')).toMatchObject({ x: 5, y: 6 });
  });
});

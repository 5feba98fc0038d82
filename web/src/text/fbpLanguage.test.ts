import { describe, expect, it } from 'vitest';
import type * as Monaco from 'monaco-editor/editor/editor.api';
import { libraryFrom } from '../graph-doc/components';
import { parseFbp } from '../graph-doc/fbpRead';
import { completionItems, setCompletionContext } from './fbpLanguage';
import { FRIDGE_FBP, LIBRARY } from '../test-support/fixtures';

// completionItems only reads the CompletionItemKind enum from Monaco (which needs a DOM
// Monaco cannot have in jsdom), so the enum values are enough here.
const monaco = {
  languages: { CompletionItemKind: { Class: 5, Field: 3, Variable: 4, Keyword: 17 } },
} as unknown as typeof Monaco;
const range = { startLineNumber: 1, endLineNumber: 1, startColumn: 1, endColumn: 1 };

const labels = (before: string, after = '') =>
  completionItems(monaco, before, after, range).map((i) => i.label);

describe('.fbp completion', () => {
  const r = parseFbp(FRIDGE_FBP);
  if (!r.ok) throw new Error(r.diagnostic.message);
  setCompletionContext(libraryFrom(LIBRARY), r.graph);

  it('offers component names inside a node declaration', () => {
    expect(labels('x(Hy')).toContain('HysteresisLatch');
    expect(labels('x(')).toHaveLength(LIBRARY.length);
  });

  it('offers the out-ports of the node before the cursor', () => {
    expect(labels('switch() ')).toEqual(['OUT1', 'OUT2']);
    expect(labels('t(Timer) O')).toEqual(['OUT']);
  });

  it('offers the in-ports of the node after the cursor', () => {
    expect(labels("'3' -> ", ' hysteresis()')).toEqual(['IN', 'LOWTHRESHOLD', 'HIGHTHRESHOLD']);
    expect(labels('a() OUT -> ', ' n(DigitalWrite)')).toEqual(['IN', 'PIN']);
  });

  it('otherwise offers the graph’s nodes and the export keywords', () => {
    const all = labels('');
    expect(all).toContain('thermometer()');
    expect(all).toContain('INPORT=');
  });
});

// The activity example in the app: which world a graph gets, the example's model annotation,
// and the classifier's agreement with the world's true activity.
import { describe, expect, it } from 'vitest';
import { EXAMPLES, exampleById, modelAnnotations } from '../examples/examples';
import { parseFbp } from '../graph-doc/fbpRead';
import { ProjectDb } from '../persist/projectDb';
import { documentFromText } from '../state/document';
import { ProjectStore } from '../state/projectStore';
import { nodesUsingModel } from '../ml/modelNode';
import type { Graph } from '../graph-doc/graph';
import { agreement, classifierNode, predictedOn, valueAt } from './activityStats';
import { emptyTrace, appendSamples } from './traceSeries';
import { worldForGraph } from './worlds';

const graphOf = (text: string): Graph => {
  const r = parseFbp(text);
  if (!r.ok) throw new Error(r.diagnostic.message);
  return r.graph;
};

describe('worlds', () => {
  it('gives the fridge the fridge, blink the bench (none), the activity example the halter', () => {
    expect(worldForGraph(graphOf(exampleById('fridge')!.text))).toBe('fridge');
    expect(worldForGraph(graphOf(exampleById('blink')!.text))).toBe('none');
    expect(worldForGraph(graphOf(exampleById('activity')!.text))).toBe('activity');
  });

  it('follows a # @world annotation', () => {
    const g = graphOf("# @world none\n'100' -> INTERVAL t(Timer) OUT -> IN d(Drop)\n");
    expect(worldForGraph(g)).toBe('none');
    const unknown = graphOf("# @world moon\n'100' -> INTERVAL t(Timer) OUT -> IN d(Drop)\n");
    expect(worldForGraph(unknown)).toBe('none'); // no sensor: the bench
  });
});

describe('the activity example', () => {
  it('is listed after the fridge and blink, with its model 1 served from the build', () => {
    expect(EXAMPLES.slice(0, 3).map((e) => e.id)).toEqual(['fridge', 'blink', 'activity']);
    const activity = exampleById('activity')!;
    expect(activity.models).toEqual([
      { id: 1, path: 'models/activity.bin', url: expect.stringMatching(/activity.*\.bin/) },
    ]);
    // The graph's Classify node reads that model.
    const g = graphOf(activity.text);
    const classify = g.nodes.find((n) => n.component === 'Classify')!;
    expect(g.iips.find((i) => i.tgt.node === classify.id && i.tgt.port === 'model')?.data).toBe(
      '1',
    );
  });

  it('finds the node that runs a model, so a retrained model replaces it in place', () => {
    const g = graphOf(exampleById('activity')!.text);
    expect(nodesUsingModel(g, 1)).toEqual(['classify']);
    expect(nodesUsingModel(g, 0)).toEqual([]);
  });

  it('opens as a project with its text as written (comments, @model) and model 1 stored', async () => {
    const store = new ProjectStore(await ProjectDb.open('emflow-activity-example-test'), 0);
    const example = exampleById('activity')!;
    await store.create(example.title, documentFromText(example.text));
    expect(store.document?.text).toBe(example.text);
    const blob = new Uint8Array([1, 2, 3]);
    store.setModel({ id: 1, name: 'activity', blob });
    expect(store.getState().project?.models).toEqual([{ id: 1, name: 'activity', blob }]);
    // A retrained model of the same name keeps id 1, so the example's node runs it.
    expect(store.addModel('activity', new Uint8Array([4]))).toBe(1);
    expect(() => store.setModel({ id: 16, name: 'x', blob })).toThrow(/outside 0\.\.15/);
  });

  it('reads # @model annotations', () => {
    expect(
      modelAnnotations('# @model 1 models/a.bin\n#  @model 12 ./b.bin \n# @model x y\n'),
    ).toEqual([
      { id: 1, path: 'models/a.bin' },
      { id: 12, path: './b.bin' },
    ]);
  });
});

describe('agreement of predictions with the true activity', () => {
  const trace = emptyTrace();
  // Lying for 2 s, then walking (samples every 0.5 s).
  appendSamples(trace, {
    timeMs: [0, 500, 1000, 1500, 2000, 2500, 3000],
    series: { activity: [0, 0, 0, 0, 2, 2, 2] },
  });

  it('finds the value in effect at a time', () => {
    expect(valueAt(trace.timeMs, trace.series.activity, -1)).toBeNaN();
    expect(valueAt(trace.timeMs, trace.series.activity, 1999)).toBe(0);
    expect(valueAt(trace.timeMs, trace.series.activity, 2000)).toBe(2);
    expect(valueAt(trace.timeMs, trace.series.activity, 9999)).toBe(2);
  });

  it('counts the predictions equal to the truth at their time, not those still ahead', () => {
    // Right, right, late (still lying after the switch), right, and one after the last sample.
    const predictions = {
      timeMs: [640, 1280, 2100, 2560, 3500],
      classes: [0, 0, 0, 2, 2],
    };
    expect(agreement(trace, predictions)).toEqual({ total: 4, matched: 3, percent: 75 });
    expect(agreement(trace, undefined)).toEqual({ total: 0, matched: 0, percent: null });
    expect(predictedOn([0, 700, 2600], predictions)).toEqual([NaN, 0, 2]);
  });

  it('shows the Classify node that sent predictions', () => {
    const nodes = [
      { id: 'a', component: 'Timer' },
      { id: 'c1', component: 'Classify' },
      { id: 'c2', component: 'core/Classify' },
    ];
    expect(classifierNode(nodes, new Map())).toBe('c1');
    expect(classifierNode(nodes, new Map([['c2', { timeMs: [], classes: [] }]]))).toBe('c2');
    expect(classifierNode(nodes.slice(0, 1), new Map())).toBeNull();
  });
});

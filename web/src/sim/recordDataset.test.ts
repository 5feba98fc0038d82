// "To notebook": the simulation's recorded series become a CSV dataset kept with the project,
// which the notebook writes to Python's data/ folder.
import { beforeEach, describe, expect, it } from 'vitest';
import { ProjectDb } from '../persist/projectDb';
import { datasetFromTrace, nextDatasetName } from './recordDataset';
import { appendSamples, emptyTrace } from './traceSeries';
import { documentFromText } from '../state/document';
import { ProjectStore } from '../state/projectStore';
import { FRIDGE_FBP } from '../test-support/fixtures';

let dbName: string;
let counter = 0;
beforeEach(() => {
  dbName = `emflow-dataset-test-${++counter}`;
});
const load = async () => new ProjectStore(await ProjectDb.open(dbName), 0);

const fridgeTrace = () => {
  const trace = emptyTrace();
  appendSamples(trace, {
    timeMs: [0, 1000, 2000],
    series: { airC: [8, 7.5, 7.25], compressorOn: [1, 1, 0] },
  });
  return trace;
};

describe('recording a dataset for the notebook', () => {
  it('turns the recorded trace into a CSV with one row per sample', () => {
    const r = datasetFromTrace(fridgeTrace(), 'fridge', [], 1234);
    if (!r.ok) throw new Error(r.error);
    expect(r.dataset).toEqual({
      name: 'fridge-1.csv',
      rows: 3,
      recordedAt: 1234,
      csv: 'time_s,airC,compressorOn\n0,8,1\n1,7.5,1\n2,7.25,0\n',
    });
  });

  it('refuses an empty recording with what to do', () => {
    const r = datasetFromTrace(emptyTrace(), 'fridge', []);
    expect(r).toEqual({ ok: false, error: expect.stringMatching(/run the simulation first/) });
  });

  it('numbers recordings so that earlier ones are kept', () => {
    expect(nextDatasetName('fridge', [{ name: 'fridge-1.csv' }, { name: 'fridge-3.csv' }])).toBe(
      'fridge-2.csv',
    );
    expect(nextDatasetName('activity', [{ name: 'fridge-1.csv' }])).toBe('activity-1.csv');
  });

  it('keeps datasets with the project across a reload, and duplicates copy them', async () => {
    const store = await load();
    const id = await store.create('Fridge', documentFromText(FRIDGE_FBP));
    const r = datasetFromTrace(fridgeTrace(), 'fridge', []);
    if (!r.ok) throw new Error(r.error);
    store.addDataset(r.dataset);
    expect(store.canUndo).toBe(false); // data, not a graph edit
    await store.flush();

    const reloaded = await load();
    expect(await reloaded.open(id)).toBe(true);
    expect(reloaded.getState().project?.datasets).toEqual([r.dataset]);
    const copy = await reloaded.duplicate(id);
    expect(await reloaded.open(copy!)).toBe(true);
    expect(reloaded.getState().project?.datasets?.[0].csv).toBe(r.dataset.csv);
  });
});

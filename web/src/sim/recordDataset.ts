// "Record to notebook": the world's recorded series become a CSV file in the notebook's data/
// folder, kept with the project. Pure, so it is tested without a browser.
import type { ActivityRecording } from '../engine';
import type { StoredDataset } from '../persist/projectDb';
import { type TraceSeries, traceToCsv } from './traceSeries';

/** The next free `<world>-<n>.csv` name, so earlier recordings are kept. */
export function nextDatasetName(world: string, existing: readonly { name: string }[]): string {
  const taken = new Set(existing.map((d) => d.name));
  for (let n = 1; ; n++) {
    const name = `${world}-${n}.csv`;
    if (!taken.has(name)) return name;
  }
}

/**
 * The recorded trace as a dataset (header `time_s,<series>…`, one row per world sample), or
 * why there is nothing to record.
 */
export function datasetFromTrace(
  trace: TraceSeries,
  world: string,
  existing: readonly { name: string }[],
  now = Date.now(),
): { ok: true; dataset: StoredDataset } | { ok: false; error: string } {
  const rows = trace.timeMs.length;
  if (rows === 0) {
    return {
      ok: false,
      error: 'Nothing recorded yet: run the simulation first, then record it to the notebook.',
    };
  }
  return {
    ok: true,
    dataset: {
      name: nextDatasetName(world, existing),
      csv: traceToCsv(trace),
      rows,
      recordedAt: now,
    },
  };
}

/** An activity-world recording (`time_s,x_g,y_g,z_g,activity`, 25 Hz) as a dataset. */
export function datasetFromActivity(
  recording: ActivityRecording,
  existing: readonly { name: string }[],
  now = Date.now(),
): { ok: true; dataset: StoredDataset } | { ok: false; error: string } {
  const rows = recording.labels.length;
  if (rows === 0) return { ok: false, error: 'The activity recording is empty.' };
  return {
    ok: true,
    dataset: {
      name: nextDatasetName('activity', existing),
      csv: recording.csv,
      rows,
      recordedAt: now,
    },
  };
}

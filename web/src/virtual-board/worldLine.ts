// The virtual board's world in one line of plain words, from the world's own report
// (BoardWorldState): which world is behind the pins — named as the simulator's world picker
// names it ("none (bench)" is the bench) — how long it has run, and what it shows now.
import { activityAt } from '../engine/activities';
import type { BoardWorldState } from './boardWorld';

/** A replayed recording can carry 26 columns: the line shows this many, then "+N more". */
const MAX_REPLAY_VALUES = 6;

const number = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(2));

/** A bench input as the bench's inputs are named: A0 in counts, D2 a level, T9 in °C. */
function benchValue(name: string, x: number): string {
  if (/^T\d+$/.test(name)) return `${name} = ${x.toFixed(1)} °C`;
  if (/^D\d+$/.test(name)) return `${name} = ${x ? 'HIGH' : 'LOW'}`;
  return `${name} = ${number(x)}`;
}

/** The parts of the line after the world's name and time; none when the world has nothing to
 * show yet. The pinN values (the levels the board drives) are the logic view's, not repeated. */
function worldParts(state: BoardWorldState): string[] {
  const v = state.values;
  const has = (name: string) => name in v;
  switch (state.world) {
    case 'fridge':
      return [
        has('airC') ? `air ${v.airC.toFixed(1)} °C` : '',
        has('sensorC') ? `thermometer ${v.sensorC.toFixed(1)} °C` : '',
        has('compressorOn') ? `compressor ${v.compressorOn ? 'on' : 'off'}` : '',
        v.doorOpen ? 'door open' : '',
      ].filter((p) => p !== '');
    case 'activity': {
      const activity = has('activity') ? activityAt(v.activity) : undefined;
      return activity ? [`the cow is ${activity}`] : [];
    }
    case 'none': {
      const inputs = Object.entries(v).filter(([k]) => !/^pin\d+$/.test(k));
      return inputs.length
        ? [`set by hand: ${inputs.map(([k, x]) => benchValue(k, x)).join(', ')}`]
        : ['no inputs set by hand yet'];
    }
    default: {
      const columns = Object.entries(v).filter(([k]) => !/^pin\d+$/.test(k));
      const shown = columns.slice(0, MAX_REPLAY_VALUES).map(([k, x]) => `${k} ${number(x)}`);
      const more = columns.length - shown.length;
      return more > 0 ? [...shown, `+${more} more`] : shown;
    }
  }
}

/** What the world is called in the line: the picker's names (SimWorldStatus.tsx). */
function worldName(state: BoardWorldState): string {
  switch (state.world) {
    case 'none':
      return 'no world (the bench): nothing simulated behind the pins';
    case 'replay':
      return 'a replayed recording on the pins';
    default:
      return `${state.world} world on the pins`;
  }
}

export function worldLine(state: BoardWorldState): string {
  const time = `${(state.worldMs / 1000).toFixed(1)} s into the run`;
  return [worldName(state), time, ...worldParts(state)].join(' · ');
}

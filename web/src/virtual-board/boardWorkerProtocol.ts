// Messages to the virtual board's worker (board.worker.ts). Reports come back as BoardReport
// (boardRunner.ts), plus { kind: 'stopped', eeprom } after a stop.
//
// With a world (`world` below; docs/board-worlds.md) the board's pins see the simulator's world
// and the worker reports its state as
//   { kind: 'world', state: BoardWorldState }   (boardWorld.ts)
// every WORLD_REPORT_MS (250) of board time and after each world request: `state.values` holds
// World::sample's quantities by name — the fridge's airC, contentsC, sensorC, ambientC, loadW,
// doorOpen and compressorOn; the activity world's activity and accelXG/YG/ZG — and pinN (0/1)
// for every pin the firmware drove (the fridge's relays: pin11 "turnOn", pin12 "turnOff",
// active-low). `state.worldMs` is the world's clock (0 until a graph started).
import type { BoardWorldOptions } from './boardWorld';
import type { VirtualBoardId } from './virtualBoards';

export type BoardRequest =
  /** Loads the firmware (.hex URL) and boots it on `board` (default the Uno); `eeprom` restores
   * what a previous board kept. */
  | { type: 'boot'; hexUrl: string; board?: VirtualBoardId; eeprom?: Uint8Array }
  /** A graph's command stream and its live edits (compileForBoard's stream and watch). */
  | { type: 'load'; stream: Uint8Array; edits: Uint8Array[] }
  /** .fbp text: compiled in the worker (the engine's compileForBoard, checked against the
   * capacities the board reported), then uploaded with a watch on every edge. `models` (the
   * project's blobs the graph's model nodes name, by id) go into the board's model area first,
   * only when it holds others (BoardRunner.ensureModels; the Uno refuses them in words). */
  | { type: 'loadGraph'; fbpText: string; models?: ReadonlyMap<number, Uint8Array> }
  /** Board ms per wall ms; Infinity for as fast as the host allows. */
  | { type: 'run'; speed: number }
  | { type: 'stop' }
  | { type: 'reset' }
  /** The world behind the pins: fridge, activity, replay (with `data`) or the bench ("none"),
   * with the simulator's options (seed, live inputs); null: no world, the pins are left alone.
   * Kept across resets (the world starts over with the board). A refusal is an 'error' report. */
  | { type: 'world'; world: BoardWorldOptions | null }
  /** A live input of the world (the fridge's doorOpen 0/1, ambientC, loadW; the bench's A0, D2,
   * T9). */
  | { type: 'worldInput'; name: string; value: number };

// Messages to the virtual Uno's worker (board.worker.ts). Reports come back as BoardReport
// (boardRunner.ts), plus { kind: 'stopped', eeprom } after a stop.
export type BoardRequest =
  /** Loads the firmware (.hex URL) and boots it; `eeprom` restores what a previous board kept. */
  | { type: 'boot'; hexUrl: string; eeprom?: Uint8Array }
  /** A graph's command stream and its live edits (compileForBoard's stream and watch). */
  | { type: 'load'; stream: Uint8Array; edits: Uint8Array[] }
  /** .fbp text: compiled in the worker (the engine's compileForBoard, checked against the
   * capacities the board reported), then uploaded with a watch on every edge. */
  | { type: 'loadGraph'; fbpText: string }
  /** Board ms per wall ms; Infinity for as fast as the host allows. */
  | { type: 'run'; speed: number }
  | { type: 'stop' }
  | { type: 'reset' };

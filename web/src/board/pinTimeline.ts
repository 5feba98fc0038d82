// Every digital level a run wrote to a board's pins, in time order, whatever ran it (the
// simulator's `pins` batches or the virtual Uno's port writes): what the logic view draws, the
// VCD export writes and the simulator/board comparison reads. Bounded: past `max` changes the
// oldest go, and how many went is counted (shown, never hidden).

/** One level change of a digital pin (D0-D13, A0-A5 as 14-19) at run time `timeMs`. */
export interface PinEdge {
  timeMs: number;
  pin: number;
  high: boolean;
}

export const MAX_TIMELINE_CHANGES = 50_000;

export class PinTimeline {
  private readonly list: PinEdge[] = [];
  private droppedChanges = 0;
  private readonly levels = new Map<number, boolean>();
  /** The run's latest time (a change, or the clock when nothing changed for a while). */
  private lastMs = 0;

  constructor(private readonly max = MAX_TIMELINE_CHANGES) {}

  /** Appends changes in order; a repeat of a pin's current level is kept out (no edge). */
  add(changes: readonly PinEdge[]): void {
    for (const c of changes) {
      if (this.levels.get(c.pin) === c.high) continue;
      this.levels.set(c.pin, c.high);
      this.list.push({ timeMs: c.timeMs, pin: c.pin, high: c.high });
      this.lastMs = Math.max(this.lastMs, c.timeMs);
    }
    if (this.list.length > this.max) {
      const extra = this.list.length - this.max;
      this.list.splice(0, extra);
      this.droppedChanges += extra;
    }
  }

  /** The simulator's pin batches: digital writes only (a PWM duty is no logic level). */
  addBatch(batch: {
    timeMs: ArrayLike<number>;
    pin: ArrayLike<number>;
    value: ArrayLike<number>;
    pwm: ArrayLike<number>;
  }): void {
    const edges: PinEdge[] = [];
    for (let i = 0; i < batch.timeMs.length; i++) {
      if (batch.pwm[i] === 1) continue;
      edges.push({ timeMs: batch.timeMs[i], pin: batch.pin[i], high: batch.value[i] !== 0 });
    }
    this.add(edges);
  }

  /** The run has reached `timeMs` (extends the drawn time axis past the last change). */
  advanceTo(timeMs: number): void {
    this.lastMs = Math.max(this.lastMs, timeMs);
  }

  /** The pin's latest level, or null when it was never written. */
  level(pin: number): boolean | null {
    return this.levels.get(pin) ?? null;
  }

  get changes(): readonly PinEdge[] {
    return this.list;
  }

  /** Pins with at least one change, ascending. */
  pins(): number[] {
    return [...new Set(this.list.map((c) => c.pin))].sort((a, b) => a - b);
  }

  get endMs(): number {
    return this.lastMs;
  }

  get dropped(): number {
    return this.droppedChanges;
  }

  clear(): void {
    this.list.length = 0;
    this.droppedChanges = 0;
    this.levels.clear();
    this.lastMs = 0;
  }
}

// Every digital level a run wrote to a board's pins, in time order, whatever ran it (the
// simulator's `pins` batches or the virtual Uno's port writes): what the logic view draws, the
// VCD export writes and the simulator/board comparison reads. Bounded: past `max` changes the
// busiest pin gives up its oldest ones, and how many went is counted (shown, never hidden). A
// PWM pin (D44 on the virtual Mega: 7,000 changes in 4 s) thus keeps its last seconds
// while a relay or an LED keeps its whole run: with one shared bound, a PWM pin pushed every
// other pin's history out in under 30 s, the relay changes the comparison reads among them.

/** One level change of a digital pin (D0-D13, A0-A5 as 14-19) at run time `timeMs`. */
export interface PinEdge {
  timeMs: number;
  pin: number;
  high: boolean;
}

export const MAX_TIMELINE_CHANGES = 50_000;

export class PinTimeline {
  /** The kept changes, in the order they came (time order). */
  private list: PinEdge[] = [];
  /** Each pin's kept changes, oldest first: where the bound takes from. */
  private readonly byPin = new Map<number, PinEdge[]>();
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
      const kept = { timeMs: c.timeMs, pin: c.pin, high: c.high };
      this.list.push(kept);
      let own = this.byPin.get(c.pin);
      if (!own) this.byPin.set(c.pin, (own = []));
      own.push(kept);
      this.lastMs = Math.max(this.lastMs, c.timeMs);
    }
    if (this.list.length > this.max) this.dropFromBusiest(this.list.length - this.max);
  }

  /** Drops `extra` changes, the oldest of whichever pin has the most each time. */
  private dropFromBusiest(extra: number): void {
    const gone = new Set<PinEdge>();
    while (gone.size < extra) {
      let busiest: PinEdge[] = [];
      let next = 0; // the second busiest pin's count: take the busiest down to it at once
      for (const own of this.byPin.values()) {
        if (own.length > busiest.length) {
          next = busiest.length;
          busiest = own;
        } else if (own.length > next) {
          next = own.length;
        }
      }
      const take = Math.min(extra - gone.size, Math.max(1, busiest.length - next));
      for (const c of busiest.splice(0, take)) gone.add(c);
    }
    this.list = this.list.filter((c) => !gone.has(c));
    this.droppedChanges += gone.size;
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

  /** Pins with at least one change kept, ascending. */
  pins(): number[] {
    return [...this.byPin]
      .filter(([, list]) => list.length > 0)
      .map(([pin]) => pin)
      .sort((a, b) => a - b);
  }

  get endMs(): number {
    return this.lastMs;
  }

  get dropped(): number {
    return this.droppedChanges;
  }

  clear(): void {
    this.list = [];
    this.byPin.clear();
    this.droppedChanges = 0;
    this.levels.clear();
    this.lastMs = 0;
  }
}

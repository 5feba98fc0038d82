// The state of a board's pins as a run drives them, from pin-change batches of any source
// (the WebAssembly engine's `pins` event today; a simulated AVR's port writes tomorrow) and
// serial lines. Framework-free: the board panel reads it, the engine session feeds it.
import type { PinEventBatch } from '../engine';

export interface PinState {
  /** Last digital level written (null: never written). */
  level: 0 | 1 | null;
  /** Last PWM duty 0..255 (null: never written). */
  duty: number | null;
  /** The latest write was a PWM duty (else a digital level). */
  pwm: boolean;
  /** Virtual time of the last change. */
  changedAtMs: number;
  /** How many changes so far (a blinking LED counts up). */
  changes: number;
}

/** Serial lines kept for the panel: enough to read back, bounded for a long run. */
export const MAX_SERIAL_LINES = 200;

export class PinBoard {
  private readonly pins = new Map<number, PinState>();
  private readonly lines: string[] = [];
  private droppedChanges = 0;

  /** Applies a batch in order; returns how many changes it held. */
  apply(batch: PinEventBatch): number {
    this.droppedChanges += batch.dropped;
    for (let i = 0; i < batch.timeMs.length; i++) {
      const pin = batch.pin[i];
      const s = this.pins.get(pin) ?? {
        level: null,
        duty: null,
        pwm: false,
        changedAtMs: 0,
        changes: 0,
      };
      s.pwm = batch.pwm[i] === 1;
      if (s.pwm) s.duty = batch.value[i];
      else s.level = batch.value[i] ? 1 : 0;
      s.changedAtMs = batch.timeMs[i];
      s.changes += 1;
      this.pins.set(pin, s);
    }
    return batch.timeMs.length;
  }

  addSerialLine(line: string): void {
    this.lines.push(line);
    if (this.lines.length > MAX_SERIAL_LINES)
      this.lines.splice(0, this.lines.length - MAX_SERIAL_LINES);
  }

  pin(pin: number): PinState | undefined {
    return this.pins.get(pin);
  }

  /** 0..1: how bright an LED on the pin glows (a level, or the PWM duty's share). */
  brightness(pin: number): number {
    const s = this.pins.get(pin);
    if (!s) return 0;
    return s.pwm ? (s.duty ?? 0) / 255 : s.level === 1 ? 1 : 0;
  }

  /** Pins written so far, ascending. */
  writtenPins(): number[] {
    return [...this.pins.keys()].sort((a, b) => a - b);
  }

  get serialLines(): readonly string[] {
    return this.lines;
  }

  /** Changes the engine discarded before they were taken (shown, never hidden). */
  get dropped(): number {
    return this.droppedChanges;
  }

  clear(): void {
    this.pins.clear();
    this.lines.length = 0;
    this.droppedChanges = 0;
  }
}

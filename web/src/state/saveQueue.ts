// The autosave of the open project: counts its changes, writes the latest one after a short
// pause, chains the writes so an older state never lands after a newer one, and retries a
// failed write with a growing delay (a bounded number of times; every later change and
// "Retry now" try again). ProjectStore turns what happens here into its StoreState.
import type { Project } from '../persist/projectDb';

/** Delays of the automatic retries after a failed save, in order; then they stop. */
export const SAVE_RETRY_DELAYS_MS: readonly number[] = [
  1_000, 2_000, 4_000, 8_000, 15_000, 30_000, 60_000, 60_000,
];

/** What the queue reads from, and reports to, its owner (the project store). */
export interface SaveHost {
  /** Id of the open project (null: none open). */
  openId(): string | null;
  /** The open project as it is to be stored now. */
  record(): Project | null;
  /** Stores one record. */
  put(project: Project): Promise<void>;
  /** Project `id` was written; `unsaved` says whether newer changes came meanwhile. */
  written(id: string, unsaved: boolean): Promise<void>;
  /** Writing `project` failed for the `failures`-th time in a row. */
  failed(project: Project, error: unknown, failures: number): void;
  /** When the next automatic retry runs (Date.now() time), null when none is scheduled. */
  retryAt(at: number | null): void;
}

export class SaveQueue {
  private saveTimer: ReturnType<typeof setTimeout> | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private saving: Promise<void> = Promise.resolve();
  /** Changes of the open project: `rev` counts them, `savedRev` is the last one stored. */
  private rev = 0;
  private savedRev = 0;
  /** The revision being written now (-1: none), so a flush does not write it twice. */
  private writingRev = -1;
  /** Failed writes in a row of the open project's latest changes (0 once written). */
  private failures = 0;

  constructor(
    private readonly host: SaveHost,
    /** Delay before an autosave; edits within it are written once. */
    private readonly saveDelayMs: number,
    /** Delays of the automatic retries after a failed save (tests use short ones). */
    private readonly retryDelaysMs: readonly number[],
  ) {}

  /** True while the open project has changes that are not stored yet. */
  get unsaved(): boolean {
    return this.rev !== this.savedRev;
  }

  /** Forgets the changes of the project that was open (another one opens, or it was deleted). */
  reset(): void {
    this.clearTimers();
    this.rev = this.savedRev = 0;
    this.writingRev = -1;
    this.failures = 0;
  }

  /** The open project changed: it is written after the autosave delay. */
  changed(): void {
    this.rev++;
    this.clearTimers();
    this.saveTimer = setTimeout(() => void this.flush(), this.saveDelayMs);
  }

  /** Resolves once the write under way (if any) has landed or failed. */
  settled(): Promise<void> {
    return this.saving;
  }

  /**
   * Writes the open project now if it has unsaved changes. Resolves true when everything is
   * stored, false when the write failed (the changes stay in memory and a retry is scheduled).
   */
  flush(): Promise<boolean> {
    this.clearTimers();
    const id = this.host.openId();
    if (id !== null && this.unsaved && this.writingRev !== this.rev) this.write(id, this.rev);
    return this.saving.then(() => !this.unsaved);
  }

  /** "Retry now": saves at once and restarts the automatic retries. */
  retryNow(): Promise<boolean> {
    this.failures = 0;
    return this.flush();
  }

  private clearTimers(): void {
    if (this.saveTimer !== null) clearTimeout(this.saveTimer);
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    this.saveTimer = this.retryTimer = null;
    this.host.retryAt(null);
  }

  private write(id: string, rev: number): void {
    const record = this.host.record()!;
    this.writingRev = rev;
    // Writes are chained, so an older state never lands after a newer one.
    this.saving = this.saving
      .then(() => this.host.put(record))
      .then(
        async () => {
          this.writingRev = -1;
          if (this.host.openId() !== id) return;
          this.savedRev = Math.max(this.savedRev, rev);
          this.failures = 0;
          await this.host.written(id, this.unsaved);
        },
        (e: unknown) => {
          this.writingRev = -1;
          if (this.host.openId() !== id) return;
          this.failures++;
          this.host.failed(record, e, this.failures);
          this.scheduleRetry();
        },
      );
  }

  /** The next automatic retry, unless an edit already scheduled a write or retries ran out. */
  private scheduleRetry(): void {
    if (this.saveTimer !== null || this.retryTimer !== null) return;
    const delay = this.retryDelaysMs[this.failures - 1];
    if (delay === undefined) {
      this.host.retryAt(null);
      return;
    }
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.flush();
    }, delay);
    this.host.retryAt(Date.now() + delay);
  }
}

/**
 * A fixed-window counter per key (a client address, an account), in memory and bounded: at most `maxKeys` keys are
 * remembered (the oldest window is forgotten first), so a flood of distinct keys cannot exhaust memory. Used by the
 * login throttle and the tip form; both answer a refusal without touching the database.
 */
export class WindowLimit {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    readonly max: number,
    readonly windowMs: number,
    private readonly maxKeys = 50_000,
  ) {}

  /** Counts one hit for `key` at `nowMs`; whether it is allowed, and the seconds until the window resets. */
  hit(key: string, nowMs: number): { allowed: boolean; retryAfter: number } {
    let w = this.windows.get(key);
    if (!w || nowMs - w.start >= this.windowMs) {
      if (w) this.windows.delete(key);
      w = { start: nowMs, count: 0 };
      this.windows.set(key, w);
      if (this.windows.size > this.maxKeys) this.windows.delete(this.windows.keys().next().value as string);
    }
    w.count++;
    const retryAfter = Math.max(1, Math.ceil((w.start + this.windowMs - nowMs) / 1000));
    return { allowed: w.count <= this.max, retryAfter };
  }

  /** Forgets a key (a successful login clears its failures). */
  clear(key: string): void {
    this.windows.delete(key);
  }
}

/**
 * Client-side budget for Cal.com: at most `limit` requests start in any `windowMs` (a sliding
 * window, not fixed buckets, so two bursts at a bucket edge cannot double the rate). Callers over
 * the budget wait in FIFO order; nobody is dropped. Cal.com allows 120/min per key and overuse has
 * locked accounts, hence a default of 100/min.
 */
export interface LimiterOptions {
  limit: number;
  windowMs: number;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
}

export class SlidingWindowLimiter {
  private readonly grants: number[] = [];
  private readonly waiting: Array<() => void> = [];
  private pausedUntil = 0;
  private pumping = false;

  constructor(private readonly options: LimiterOptions) {
    if (options.limit < 1 || options.windowMs <= 0)
      throw new Error("limiter needs limit >= 1 and windowMs > 0");
  }

  /** Resolves when this caller may send one request. */
  acquire(): Promise<void> {
    return new Promise<void>((resolve) => {
      this.waiting.push(resolve);
      if (!this.pumping) void this.pump();
    });
  }

  /** After a 429: nothing is sent before `until` (epoch ms), whatever the local count says. */
  pauseUntil(until: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, until);
  }

  /** Milliseconds left in a pause imposed by Cal.com (0 when none). */
  pauseRemaining(): number {
    return Math.max(0, this.pausedUntil - this.options.now());
  }

  /** Requests currently waiting for budget. */
  get queued(): number {
    return this.waiting.length;
  }

  private async pump(): Promise<void> {
    this.pumping = true;
    try {
      while (this.waiting.length > 0) {
        const now = this.options.now();
        while (this.grants.length > 0 && (this.grants[0] as number) <= now - this.options.windowMs) {
          this.grants.shift();
        }
        if (now < this.pausedUntil) {
          await this.options.sleep(this.pausedUntil - now);
          continue;
        }
        if (this.grants.length < this.options.limit) {
          this.grants.push(now);
          this.waiting.shift()?.();
          continue;
        }
        await this.options.sleep((this.grants[0] as number) + this.options.windowMs - now);
      }
    } finally {
      this.pumping = false;
    }
  }
}

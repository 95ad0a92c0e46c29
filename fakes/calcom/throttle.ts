/**
 * Cal.com's throttler for one API key: a fixed window of `windowMs` from the first hit; over
 * `limit` blocks for `blockMs`. Every answer carries X-RateLimit-{Limit,Remaining,Reset}-Default,
 * the reset in seconds; no Retry-After (as the real API).
 */
export class FakeThrottle {
  private windowStart = 0;
  private hits = 0;
  private blockedUntil = 0;

  constructor(
    private readonly config: { limit: number; windowMs: number; blockMs: number },
    private readonly now: () => number,
  ) {}

  hit(): { allowed: boolean; headers: Record<string, string> } {
    const now = this.now();
    const { limit, windowMs, blockMs } = this.config;
    if (now < this.blockedUntil) return { allowed: false, headers: this.headers(0, this.blockedUntil - now) };
    if (now >= this.windowStart + windowMs) {
      this.windowStart = now;
      this.hits = 0;
    }
    this.hits++;
    if (this.hits > limit) {
      this.blockedUntil = now + blockMs;
      return { allowed: false, headers: this.headers(0, blockMs) };
    }
    return { allowed: true, headers: this.headers(limit - this.hits, this.windowStart + windowMs - now) };
  }

  headers(remaining: number, resetMs: number): Record<string, string> {
    return {
      "X-RateLimit-Limit-Default": String(this.config.limit),
      "X-RateLimit-Remaining-Default": String(Math.max(0, remaining)),
      "X-RateLimit-Reset-Default": String(Math.max(1, Math.ceil(resetMs / 1000))),
    };
  }
}

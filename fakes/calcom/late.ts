/**
 * Planned late commits for POST /v2/bookings: the booking is written, but lists, lookups and
 * availability see it only `visibleAfterMs` later on the fake's clock, and the answer comes after
 * `answer.delayMs` of real time — or never. Models a create whose answer is lost or slower than the
 * client's timeout while Cal.com still commits it.
 */
export interface LateCommit {
  /** Fake-clock ms after the request until the booking is visible. Default 0. */
  visibleAfterMs?: number;
  /** "never": the socket is held until close(); {delayMs}: the normal 201 after that many real ms. */
  answer?: "never" | { delayMs: number };
  /** How many creates this applies to. Default 1. */
  times?: number;
}

export class LatePlan {
  private readonly queue: Array<Required<Omit<LateCommit, "times">> & { remaining: number }> = [];

  add(c: LateCommit): void {
    this.queue.push({
      visibleAfterMs: c.visibleAfterMs ?? 0,
      answer: c.answer ?? "never",
      remaining: c.times ?? 1,
    });
  }

  take(): { visibleAfterMs: number; answer: "never" | { delayMs: number } } | undefined {
    const head = this.queue[0];
    if (!head) return undefined;
    head.remaining--;
    if (head.remaining <= 0) this.queue.shift();
    return { visibleAfterMs: head.visibleAfterMs, answer: head.answer };
  }

  clear(): void {
    this.queue.length = 0;
  }
}

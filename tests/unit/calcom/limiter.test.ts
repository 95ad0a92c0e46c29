import { describe, expect, it } from "vitest";
import { SlidingWindowLimiter } from "../../../src/calcom/limiter.js";

/** Virtual time: a sleeping pump moves the clock forward instead of waiting. */
function virtualClock(start = 0) {
  let t = start;
  return {
    now: () => t,
    // Lets the callers already granted run (microtasks) before time moves on.
    sleep: (ms: number) =>
      new Promise<void>((resolve) =>
        setImmediate(() => {
          t += ms;
          resolve();
        }),
      ),
    advance: (ms: number) => {
      t += ms;
    },
  };
}

function maxInAnyWindow(times: number[], windowMs: number): number {
  let best = 0;
  for (let i = 0; i < times.length; i++) {
    const inWindow = times.filter(
      (t) => t >= (times[i] as number) && t < (times[i] as number) + windowMs,
    ).length;
    best = Math.max(best, inWindow);
  }
  return best;
}

describe("the Cal.com request budget", () => {
  it("never lets more than `limit` requests start in any window, and serves every caller", async () => {
    const clock = virtualClock();
    const limiter = new SlidingWindowLimiter({ limit: 5, windowMs: 60_000, ...clock });
    const granted: number[] = [];
    await Promise.all(
      Array.from({ length: 23 }, () => limiter.acquire().then(() => granted.push(clock.now()))),
    );
    expect(granted).toHaveLength(23);
    expect(maxInAnyWindow(granted, 60_000)).toBe(5);
    // Sliding, not bucketed: the 6th starts exactly one window after the 1st.
    expect((granted[5] as number) - (granted[0] as number)).toBe(60_000);
  });

  it("grants in arrival order", async () => {
    const clock = virtualClock();
    const limiter = new SlidingWindowLimiter({ limit: 2, windowMs: 1_000, ...clock });
    const order: number[] = [];
    await Promise.all([0, 1, 2, 3, 4].map((i) => limiter.acquire().then(() => order.push(i))));
    expect(order).toEqual([0, 1, 2, 3, 4]);
  });

  it("spreads requests that keep arriving over time without exceeding the budget", async () => {
    const clock = virtualClock();
    const limiter = new SlidingWindowLimiter({ limit: 3, windowMs: 10_000, ...clock });
    const granted: number[] = [];
    for (let i = 0; i < 12; i++) {
      clock.advance(1_500);
      await limiter.acquire();
      granted.push(clock.now());
    }
    expect(maxInAnyWindow(granted, 10_000)).toBeLessThanOrEqual(3);
  });

  it("holds everything back while Cal.com asked for a pause", async () => {
    const clock = virtualClock(1_000);
    const limiter = new SlidingWindowLimiter({ limit: 100, windowMs: 60_000, ...clock });
    limiter.pauseUntil(31_000);
    expect(limiter.pauseRemaining()).toBe(30_000);
    await limiter.acquire();
    expect(clock.now()).toBe(31_000);
    expect(limiter.pauseRemaining()).toBe(0);
  });

  it("refuses a nonsensical budget", () => {
    const clock = virtualClock();
    expect(() => new SlidingWindowLimiter({ limit: 0, windowMs: 1, ...clock })).toThrow();
  });
});

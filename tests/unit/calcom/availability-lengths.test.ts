import { describe, expect, it, vi } from "vitest";
import { AvailabilityCache } from "../../../src/calcom/availability-cache.js";
import { createLogger } from "../../../src/log.js";
import { ManualClock, MONDAY_0600 } from "../../integration/calcom/helpers.js";

const H = 3_600_000;
const at = (t: number) => new Date(t).toISOString();

function setup() {
  const clock = new ManualClock(MONDAY_0600);
  const asked: Array<number | undefined> = [];
  const cache = new AvailabilityCache({
    fetchSlots: (_start, _end, _uid, length) => {
      asked.push(length);
      // Cal.com's answer per length: every hour from 09:00 for 60, every half hour for 30.
      const step = length === 30 ? H / 2 : H;
      return Promise.resolve([0, 1, 2, 3].map((i) => at(MONDAY_0600 + 3 * H + i * step)));
    },
    clock,
    ttlMs: 300_000,
    windowDays: 14,
    durationMinutes: 60,
    log: createLogger({ level: "silent" }),
  });
  return { cache, asked, clock };
}

describe("the availability cache, per meeting length", () => {
  it("keeps one window per length; the default length is asked without a duration", async () => {
    const { cache, asked } = setup();
    const sixty = await cache.get();
    const thirty = await cache.get({ lengthMinutes: 30 });
    await cache.get({ lengthMinutes: 60 });
    await cache.get({ lengthMinutes: 30 });
    expect(asked).toEqual([undefined, 30]);
    expect(sixty[0]).toEqual({ startUtc: at(MONDAY_0600 + 3 * H), endUtc: at(MONDAY_0600 + 4 * H) });
    expect(thirty[1]).toEqual({ startUtc: at(MONDAY_0600 + 3.5 * H), endUtc: at(MONDAY_0600 + 4 * H) });
    expect(cache.isFresh({ lengthMinutes: 30 })).toBe(true);
    expect(cache.isFresh({ lengthMinutes: 90 })).toBe(false);
  });

  it("a booking takes overlapping starts out of every length's window; a cancel invalidates them all", async () => {
    const { cache, asked } = setup();
    await cache.get();
    await cache.get({ lengthMinutes: 30 });
    // A 60-minute booking at 09:00: the 30-minute starts 09:00 and 09:30 overlap it, 10:00 does not.
    cache.markBooked(at(MONDAY_0600 + 3 * H), at(MONDAY_0600 + 4 * H));
    const thirty = (await cache.get({ lengthMinutes: 30 })).map((s) => s.startUtc);
    expect(thirty).toEqual([at(MONDAY_0600 + 4 * H), at(MONDAY_0600 + 4.5 * H)]);
    expect((await cache.get()).map((s) => s.startUtc)[0]).toBe(at(MONDAY_0600 + 4 * H));
    cache.invalidate();
    expect(cache.isFresh()).toBe(false);
    expect(cache.isFresh({ lengthMinutes: 30 })).toBe(false);
    expect(asked).toEqual([undefined, 30]);
  });
});

describe("the background refresh after bookings", () => {
  it("a burst of bookings costs one request a moment later; bookings that keep coming cost at most one per 10 s", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    try {
      const { cache, asked, clock } = setup();
      await cache.get();
      expect(asked).toHaveLength(1);
      // Three bookings within a second: one refresh, two seconds later.
      for (let i = 0; i < 3; i++) cache.refreshSoon();
      await vi.advanceTimersByTimeAsync(1_999);
      expect(asked).toHaveLength(1);
      await vi.advanceTimersByTimeAsync(1);
      expect(asked).toHaveLength(2);
      // Another booking right after: not before ten seconds since the last refresh.
      clock.advance(3_000);
      cache.refreshSoon();
      await vi.advanceTimersByTimeAsync(6_999);
      expect(asked).toHaveLength(2);
      await vi.advanceTimersByTimeAsync(1);
      expect(asked).toHaveLength(3);
    } finally {
      vi.useRealTimers();
    }
  });
});

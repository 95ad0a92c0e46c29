import { describe, expect, it } from "vitest";
import { AvailabilityCache } from "../../../src/calcom/availability-cache.js";
import { createLogger } from "../../../src/log.js";
import { ManualClock, MONDAY_0600 } from "../../integration/calcom/helpers.js";

const H = 3_600_000;

function setup(ttlMs = 300_000) {
  const clock = new ManualClock(MONDAY_0600);
  const calls: Array<{ start: string; end: string; reschedule?: string | undefined }> = [];
  const pending: Array<(starts: string[]) => void> = [];
  let manual = false;
  const starts = [MONDAY_0600 + 3 * H, MONDAY_0600 + 4 * H].map((t) => new Date(t).toISOString());
  const cache = new AvailabilityCache({
    fetchSlots: (start, end, reschedule) => {
      calls.push({ start, end, reschedule });
      if (manual) return new Promise((resolve) => pending.push(resolve));
      return Promise.resolve(starts);
    },
    clock,
    ttlMs,
    windowDays: 14,
    durationMinutes: 60,
    log: createLogger({ level: "silent" }),
  });
  return {
    clock,
    calls,
    cache,
    starts,
    holdRequests: () => {
      manual = true;
    },
    answer: (s: string[]) => pending.shift()?.(s),
  };
}

describe("the availability cache", () => {
  it("asks Cal.com once for the whole window and serves later calls from memory", async () => {
    const t = setup();
    const first = await t.cache.get();
    await t.cache.get();
    await t.cache.get();
    expect(t.calls).toEqual([
      { start: "2026-03-02T06:00:00.000Z", end: "2026-03-16T06:00:00.000Z", reschedule: undefined },
    ]);
    expect(first).toEqual([
      { startUtc: "2026-03-02T09:00:00.000Z", endUtc: "2026-03-02T10:00:00.000Z" },
      { startUtc: "2026-03-02T10:00:00.000Z", endUtc: "2026-03-02T11:00:00.000Z" },
    ]);
  });

  it("shares one request between concurrent misses", async () => {
    const t = setup();
    t.holdRequests();
    const all = Promise.all([t.cache.get(), t.cache.get(), t.cache.get()]);
    expect(t.calls).toHaveLength(1);
    t.answer(t.starts);
    const results = await all;
    expect(results.every((r) => r.length === 2)).toBe(true);
  });

  it("asks again once the TTL has passed, on the injected clock", async () => {
    const t = setup(300_000);
    await t.cache.get();
    t.clock.advance(299_999);
    await t.cache.get();
    expect(t.calls).toHaveLength(1);
    t.clock.advance(1);
    await t.cache.get();
    expect(t.calls).toHaveLength(2);
  });

  it("drops slots that have started since they were cached", async () => {
    const t = setup();
    await t.cache.get();
    t.clock.advance(3 * H);
    expect(await t.cache.get()).toEqual([
      { startUtc: "2026-03-02T10:00:00.000Z", endUtc: "2026-03-02T11:00:00.000Z" },
    ]);
  });

  it("forgets everything on invalidate, and a request begun before it never refills the cache", async () => {
    const t = setup();
    t.holdRequests();
    const stale = t.cache.get();
    t.cache.invalidate();
    const fresh = t.cache.get();
    expect(t.calls).toHaveLength(2);
    t.answer(t.starts); // the stale answer
    t.answer([t.starts[1] as string]);
    await stale;
    expect(await fresh).toHaveLength(1);
    expect(await t.cache.get()).toHaveLength(1);
    expect(t.calls).toHaveLength(2);
  });

  it("takes a booked time (and any start overlapping it) out of the cache without asking Cal.com again", async () => {
    const t = setup();
    const half = new Date(MONDAY_0600 + 3.5 * H).toISOString();
    await t.cache.get();
    t.cache.markBooked(half, new Date(MONDAY_0600 + 4.5 * H).toISOString());
    expect(await t.cache.get()).toEqual([]);
    t.cache.markBooked(t.starts[0] as string, t.starts[1] as string);
    expect(t.cache.isFresh()).toBe(true);
    expect(t.calls).toHaveLength(1);
  });

  it("keeps a time booked while Cal.com's answer was on its way out of that answer", async () => {
    const t = setup();
    t.holdRequests();
    const pending = t.cache.get();
    t.clock.advance(100);
    t.cache.markBooked(t.starts[0] as string, t.starts[1] as string);
    t.answer(t.starts);
    expect((await pending).map((s) => s.startUtc)).toEqual([t.starts[1]]);
    expect((await t.cache.get()).map((s) => s.startUtc)).toEqual([t.starts[1]]);
    expect(t.calls).toHaveLength(1);
  });

  it("bypasses the cache for a reschedule (the booking's own time must show as free)", async () => {
    const t = setup();
    await t.cache.get();
    await t.cache.get({ bookingUidToReschedule: "old-uid" });
    expect(t.calls.map((c) => c.reschedule)).toEqual([undefined, "old-uid"]);
  });

  it("prefetch warms the cache once, and says when it is ready", async () => {
    const t = setup();
    t.holdRequests();
    expect(t.cache.isFresh()).toBe(false);
    t.cache.prefetch();
    t.cache.prefetch();
    expect(t.calls).toHaveLength(1);
    const waiting = t.cache.get();
    expect(t.calls).toHaveLength(1);
    t.answer(t.starts);
    await waiting;
    expect(t.cache.isFresh()).toBe(true);
    t.cache.prefetch();
    expect(t.calls).toHaveLength(1);
  });

  it("prefetch never throws when Cal.com fails", async () => {
    const clock = new ManualClock(MONDAY_0600);
    const cache = new AvailabilityCache({
      fetchSlots: () => Promise.reject(new Error("down")),
      clock,
      ttlMs: 1000,
      windowDays: 1,
      durationMinutes: 60,
      log: createLogger({ level: "silent" }),
    });
    cache.prefetch();
    await new Promise((r) => setImmediate(r));
    await expect(cache.get()).rejects.toThrow("down");
  });
});

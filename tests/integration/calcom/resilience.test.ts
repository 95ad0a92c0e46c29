import { afterEach, describe, expect, it } from "vitest";
import { CalcomError } from "../../../src/calcom/index.js";
import { type Harness, startHarness } from "./helpers.js";

let h: Harness;
afterEach(async () => {
  await h?.close();
});

const slotsFailure = () =>
  h.bookings.availableSlots().then(
    () => undefined,
    (e: unknown) => e as CalcomError,
  );

describe("reads survive a flaky Cal.com", () => {
  it("retries a 5xx with growing, jittered backoff and succeeds", async () => {
    h = await startHarness({ fetch: { backoffBaseMs: 100, backoffMaxMs: 10_000 } });
    h.fake.inject("getSlots", { type: "status", status: 503 }, 2);
    const slots = await h.bookings.availableSlots();
    expect(slots.length).toBeGreaterThan(0);
    expect(h.fake.counts.getSlots).toBe(3);
    // random() = 0.5 → 75% of 100·2^(n-1)
    expect(h.sleeps).toEqual([75, 150]);
  });

  it("retries a bare 500 (no envelope) and an HTML 502 from a proxy", async () => {
    h = await startHarness();
    h.fake.inject("getSlots", { type: "status", status: 500, envelope: false });
    h.fake.inject("getSlots", { type: "status", status: 502, envelope: false });
    expect((await h.bookings.availableSlots()).length).toBeGreaterThan(0);
    expect(h.fake.counts.getSlots).toBe(3);
  });

  it("gives up after three tries with kind 'unavailable'", async () => {
    h = await startHarness();
    h.fake.inject("getSlots", { type: "status", status: 500 }, 5);
    const e = await slotsFailure();
    expect(e).toBeInstanceOf(CalcomError);
    expect(e?.kind).toBe("unavailable");
    expect(e?.status).toBe(500);
    expect(h.fake.counts.getSlots).toBe(3);
  });

  it("retries a dropped connection and a timeout", async () => {
    h = await startHarness({ fetch: { timeoutMs: 150 } });
    h.fake.inject("getSlots", { type: "drop" });
    h.fake.inject("getSlots", { type: "hang" });
    expect((await h.bookings.availableSlots()).length).toBeGreaterThan(0);
    expect(h.fake.counts.getSlots).toBe(3);
    expect(h.logs.join("")).toContain('"code":"timeout"');
  });

  it("waits as long as X-RateLimit-Reset-Default says (seconds) after a 429", async () => {
    h = await startHarness();
    h.fake.inject("getSlots", { type: "rate_limit", resetSeconds: 7 });
    await h.bookings.availableSlots();
    expect(h.sleeps).toEqual([7_000]);
    expect(h.fake.counts.getSlots).toBe(2);
  });

  it("honours Retry-After when a server sends one", async () => {
    h = await startHarness();
    h.fake.inject("getSlots", { type: "rate_limit", resetSeconds: 1, retryAfterSeconds: 3 });
    await h.bookings.availableSlots();
    expect(h.sleeps).toEqual([3_000]);
  });

  it("fails fast as rate_limited when Cal.com blocks for longer than it is worth waiting, and sends nothing meanwhile", async () => {
    h = await startHarness({ fetch: { maxRateLimitWaitMs: 10_000 } });
    h.fake.inject("getSlots", { type: "rate_limit", resetSeconds: 60 });
    const e = await slotsFailure();
    expect(e?.kind).toBe("rate_limited");
    expect(e?.retryAfterMs).toBe(60_000);
    const again = await slotsFailure();
    expect(again?.kind).toBe("rate_limited");
    expect(h.fake.counts.getSlots).toBe(1);
    h.clock.advance(60_000);
    expect((await h.bookings.availableSlots()).length).toBeGreaterThan(0);
  });

  it("does not retry a 4xx", async () => {
    h = await startHarness();
    const e = await h.bookings.getBooking("no-such-uid").then(
      () => undefined,
      (x: unknown) => x as CalcomError,
    );
    expect(e?.kind).toBe("not_found");
    expect(h.fake.counts.getBooking).toBe(1);
  });

  it("reports an answer of the wrong shape as a typed error with a clear log line, and does not retry it", async () => {
    h = await startHarness();
    h.fake.inject("getSlots", {
      type: "body",
      body: { status: "success", data: { "2026-03-02": [{ begin: "x" }] } },
    });
    const e = await slotsFailure();
    expect(e?.kind).toBe("unavailable");
    expect(e?.code).toBe("invalid_response");
    expect(h.fake.counts.getSlots).toBe(1);
    expect(h.logs.join("")).toContain("does not have the documented shape");
  });
});

describe("a refused API key", () => {
  it("is an auth error, not retried, reported once to the caller's callback", async () => {
    h = await startHarness();
    h.fake.setApiKey("cal_live_rotated0000000000");
    h.fake.resetCounters();
    const e1 = await slotsFailure();
    const e2 = await h.bookings.getBooking("x").then(
      () => undefined,
      (e: unknown) => e as CalcomError,
    );
    expect(e1?.kind).toBe("auth");
    expect(e1?.status).toBe(401);
    expect(e2?.kind).toBe("auth");
    expect(h.fake.counts.getSlots).toBe(1);
    expect(h.authFailures).toHaveLength(1);
    expect(h.authFailures[0]?.kind).toBe("auth");
  });

  it("stops start-up with an auth error when the key is wrong from the start", async () => {
    const failed = await startHarness({ apiKey: "cal_live_wrongkey000000000" }).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(CalcomError);
    expect((failed as CalcomError).kind).toBe("auth");
    h = await startHarness();
  });

  it("never logs the key", async () => {
    h = await startHarness();
    await h.bookings.availableSlots();
    await h.bookings.getBooking("nope").catch(() => undefined);
    const all = h.logs.join("");
    expect(all).not.toContain(h.fake.apiKey);
    expect(all.toLowerCase()).not.toContain("bearer");
  });
});

describe("the client-side budget", () => {
  it("never sends more than the budget in any window, queueing the rest (real time, small budget)", async () => {
    h = await startHarness({
      realTime: true,
      fetch: { rateLimit: { limit: 3, windowMs: 250 } },
      fake: { rateLimit: false },
    });
    h.fake.resetCounters();
    const results = await Promise.allSettled(
      Array.from({ length: 9 }, (_, i) => h.bookings.getBooking(`uid-${i}`)),
    );
    expect(
      results.every((r) => r.status === "rejected" && (r.reason as CalcomError).kind === "not_found"),
    ).toBe(true);
    const times = h.fake.requestsOf("getBooking").map((r) => r.at);
    expect(times).toHaveLength(9);
    // Arrival times carry a few ms of network jitter; a broken limiter would send all nine at once.
    for (let i = 0; i + 3 < times.length; i++) {
      expect((times[i + 3] as number) - (times[i] as number)).toBeGreaterThanOrEqual(125);
    }
  });
});

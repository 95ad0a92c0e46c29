import { afterEach, describe, expect, it } from "vitest";
import type { CalcomError } from "../../../src/calcom/index.js";
import { BookingAttemptsRepo } from "../../../src/db/booking-attempts.js";
import { bookingRequest, type Harness, outcomeOf, startHarness, waitFor } from "./helpers.js";

let h: Harness;
afterEach(async () => {
  await h?.close();
});

const request = bookingRequest;

const bookingsWithRef = (ref: string) =>
  [...h.fake.state.bookings.values()].filter((b) => b.metadata.bookingReference === ref);
const attempt = (ref: string) => new BookingAttemptsRepo(h.db, () => "").get(ref);

/** Past the whole window of lookups after the last try; each pass looks an open write up once. */
async function throughWindow(): Promise<void> {
  h.clock.advance(121_000);
  for (let i = 0; i < 5; i++) await h.bookings.settleOpenWrites();
}

describe("a booking is never duplicated, whatever happens to the answer", () => {
  it.each([
    ["the connection is dropped after Cal.com made it", { type: "drop", afterCommit: true }],
    ["the answer never comes (past the client timeout)", { type: "hang", afterCommit: true }],
    ["a gateway answers 502 after Cal.com made it", { type: "status", status: 502, afterCommit: true }],
    [
      "the 201 carries a body that is not a booking",
      { type: "body", status: 201, body: { status: "success" }, afterCommit: true },
    ],
  ] as const)("%s: the bot finds it and returns it, with one POST", async (_what, fault) => {
    h = await startHarness({ fetch: { timeoutMs: 200 } });
    h.fake.inject("createBooking", fault);
    const b = await h.bookings.createBooking(request());
    expect(h.fake.counts.createBooking).toBe(1);
    expect(bookingsWithRef("ref-A")).toHaveLength(1);
    expect(b.uid).toBe(bookingsWithRef("ref-A")[0]?.uid);
    expect(h.bookings.storedBooking(b.uid)).toMatchObject({ telegramId: 7, status: "accepted" });
    expect(attempt("ref-A")).toMatchObject({ state: "succeeded", uid: b.uid });
    expect(h.fake.counts.listBookings).toBeGreaterThanOrEqual(1);
  });

  it.each([
    ["the connection drops before Cal.com saw it", { type: "drop" }],
    ["Cal.com answers 500 without making it", { type: "status", status: 500 }],
  ] as const)(
    "%s: it stays open (no POST while it may still commit), and is sent once more after a window of lookups",
    async (_what, fault) => {
      h = await startHarness();
      h.fake.inject("createBooking", fault);
      expect(await outcomeOf(h.bookings.createBooking(request()))).toBe("still_open");
      expect(h.fake.counts.createBooking).toBe(1);
      expect(attempt("ref-A")?.state).toBe("sent");
      await throughWindow();
      expect(h.fake.counts.createBooking).toBe(2);
      expect(bookingsWithRef("ref-A")).toHaveLength(1);
      expect(attempt("ref-A")?.state).toBe("succeeded");
      // every look-up of the window happened between the two POSTs
      const ops = h.fake.requests.map((r) => r.op).filter((op) => op !== "getEventType");
      expect(ops).toEqual([
        "createBooking",
        "listBookings",
        ...Array(4).fill("listBookings"),
        "createBooking",
      ]);
    },
  );

  it("when it stays unknown after the re-send too, the member is told it was not made; the same reference may then book", async () => {
    h = await startHarness();
    h.fake.inject("createBooking", { type: "drop" }, 2);
    expect(await outcomeOf(h.bookings.createBooking(request()))).toBe("still_open");
    await throughWindow();
    expect(h.fake.counts.createBooking).toBe(2);
    expect(attempt("ref-A")?.state).toBe("sent");
    await throughWindow();
    expect(attempt("ref-A")).toMatchObject({ state: "failed", errorKind: "not_applied" });
    expect(h.fake.counts.createBooking).toBe(2);
    const b = await h.bookings.createBooking(request());
    expect(bookingsWithRef("ref-A")).toHaveLength(1);
    expect(h.fake.counts.createBooking).toBe(3);
    expect(attempt("ref-A")).toMatchObject({ state: "succeeded", uid: b.uid });
  });

  it("when the look-up itself fails, the same reference later finds the booking the first POST made", async () => {
    h = await startHarness();
    // First POST: made, but the answer is a 503. Look-up: Cal.com's list is briefly failing too
    // (so the bot cannot tell), then recovers before the bot retries with the same reference.
    h.fake.inject("createBooking", { type: "status", status: 503, afterCommit: true });
    h.fake.inject("listBookings", { type: "status", status: 503 }, 3);
    expect(await outcomeOf(h.bookings.createBooking(request()))).toBe("still_open");
    const b = await h.bookings.createBooking(request());
    expect(bookingsWithRef("ref-A")).toHaveLength(1);
    expect(b.uid).toBe(bookingsWithRef("ref-A")[0]?.uid);
    expect(h.fake.counts.createBooking).toBe(1);
  });
});

describe("a lagging look-up", () => {
  it("a look-up that lags behind the write once is looked up again before any re-send: one POST", async () => {
    h = await startHarness();
    h.fake.inject("createBooking", { type: "drop", afterCommit: true });
    // Cal.com's list lags behind its writes once (e.g. a read replica): the look-up sees nothing.
    h.fake.inject("listBookings", { type: "body", body: { status: "success", data: [] } });
    expect(await outcomeOf(h.bookings.createBooking(request()))).toBe("still_open");
    await throughWindow();
    expect(h.fake.counts.createBooking).toBe(1);
    expect(bookingsWithRef("ref-A")).toHaveLength(1);
    expect(attempt("ref-A")?.state).toBe("succeeded");
  });

  it("a re-send refused as 'slot taken' because the first try landed after all is looked up, and returns the first", async () => {
    h = await startHarness();
    h.fake.inject("createBooking", { type: "drop", afterCommit: true });
    // The list lags for the whole window (five look-ups), then catches up.
    h.fake.inject("listBookings", { type: "body", body: { status: "success", data: [] } }, 5);
    expect(await outcomeOf(h.bookings.createBooking(request()))).toBe("still_open");
    await throughWindow();
    expect(h.fake.counts.createBooking).toBe(2);
    expect(bookingsWithRef("ref-A")).toHaveLength(1);
    expect(attempt("ref-A")?.state).toBe("succeeded");
  });
});

describe("the same reference never sends a second POST", () => {
  it("two concurrent taps on Confirm make one booking", async () => {
    h = await startHarness();
    h.fake.setLatency(80, "createBooking");
    const [a, b] = await Promise.all([
      h.bookings.createBooking(request()),
      h.bookings.createBooking(request()),
    ]);
    expect(a.uid).toBe(b.uid);
    expect(h.fake.counts.createBooking).toBe(1);
  });

  it("a tap after the booking was made returns the same booking without asking Cal.com", async () => {
    h = await startHarness();
    const first = await h.bookings.createBooking(request());
    h.fake.resetCounters();
    const again = await h.bookings.createBooking(request());
    expect(again).toMatchObject({ uid: first.uid, startUtc: first.startUtc, status: "accepted" });
    expect(h.fake.requests).toHaveLength(0);
  });

  it("a refused booking replays its refusal without sending again", async () => {
    h = await startHarness();
    h.fake.state.addBooking({ start: Date.parse("2026-03-02T11:00:00Z") });
    const e1 = await h.bookings.createBooking(request()).then(
      () => undefined,
      (x: unknown) => x as CalcomError,
    );
    expect(e1?.kind).toBe("slot_unavailable");
    const e2 = await h.bookings.createBooking(request()).then(
      () => undefined,
      (x: unknown) => x as CalcomError,
    );
    expect(e2?.kind).toBe("slot_unavailable");
    expect(h.fake.counts.createBooking).toBe(1);
    expect(attempt("ref-A")).toMatchObject({ state: "failed", errorKind: "slot_unavailable" });
  });

  it("refuses a reference reused for another slot", async () => {
    h = await startHarness();
    await h.bookings.createBooking(request());
    const e = await h.bookings.createBooking(request({ startUtc: "2026-03-02T12:00:00Z" })).then(
      () => undefined,
      (x: unknown) => x as CalcomError,
    );
    expect(e?.kind).toBe("invalid_input");
    expect(h.fake.counts.createBooking).toBe(1);
  });
});

describe("reschedule and cancel whose answer is lost", () => {
  it("a reschedule applied but unanswered is found through the old booking, not sent twice", async () => {
    h = await startHarness({ fetch: { timeoutMs: 200 } });
    const b = await h.bookings.createBooking(request());
    h.fake.inject("rescheduleBooking", { type: "hang", afterCommit: true });
    const moved = await h.bookings.rescheduleBooking({
      uid: b.uid,
      telegramId: 7,
      newStartUtc: "2026-03-03T09:00:00Z",
    });
    expect(h.fake.counts.rescheduleBooking).toBe(1);
    expect(moved.rescheduledFromUid).toBe(b.uid);
    expect(moved.startUtc).toBe("2026-03-03T09:00:00.000Z");
    const active = [...h.fake.state.bookings.values()].filter((x) => x.status === "accepted");
    expect(active.map((x) => x.uid)).toEqual([moved.uid]);
    expect(h.bookings.upcomingBookingsOf(7).map((x) => x.uid)).toEqual([moved.uid]);
  });

  it("a reschedule lost before Cal.com saw it is sent once more", async () => {
    h = await startHarness();
    const b = await h.bookings.createBooking(request());
    h.fake.inject("rescheduleBooking", { type: "drop" });
    const move = h.bookings.rescheduleBooking({
      uid: b.uid,
      telegramId: 7,
      newStartUtc: "2026-03-03T09:00:00Z",
    });
    expect(await outcomeOf(move)).toBe("still_open");
    await throughWindow();
    expect(h.fake.counts.rescheduleBooking).toBe(2);
    expect(h.bookings.upcomingBookingsOf(7).map((x) => x.rescheduledFromUid)).toEqual([b.uid]);
  });

  it("a cancel applied but unanswered counts as done", async () => {
    h = await startHarness({ fetch: { timeoutMs: 200 } });
    const b = await h.bookings.createBooking(request());
    h.fake.inject("cancelBooking", { type: "drop", afterCommit: true });
    const c = await h.bookings.cancelBooking({ uid: b.uid, telegramId: 7, reason: "заболела" });
    expect(c.status).toBe("cancelled");
    expect(h.fake.counts.cancelBooking).toBe(1);
    expect(h.bookings.upcomingBookingsOf(7)).toEqual([]);
  });

  it("cancelling a booking the host already cancelled in Cal.com succeeds and updates the local row", async () => {
    h = await startHarness();
    const b = await h.bookings.createBooking(request());
    const fakeBooking = h.fake.state.bookings.get(b.uid);
    if (fakeBooking) fakeBooking.status = "cancelled";
    const c = await h.bookings.cancelBooking({ uid: b.uid, telegramId: 7, reason: "x" });
    expect(c.status).toBe("cancelled");
    expect(h.bookings.storedBooking(b.uid)?.status).toBe("cancelled");
  });

  it("nobody can move or cancel another user's booking (forged buttons)", async () => {
    h = await startHarness();
    const b = await h.bookings.createBooking(request());
    h.fake.resetCounters();
    const e1 = await h.bookings
      .cancelBooking({ uid: b.uid, telegramId: 8, reason: "x" })
      .catch((x: unknown) => x);
    const e2 = await h.bookings
      .rescheduleBooking({ uid: b.uid, telegramId: 8, newStartUtc: "2026-03-03T09:00:00Z" })
      .catch((x: unknown) => x);
    expect((e1 as CalcomError).kind).toBe("not_found");
    expect((e2 as CalcomError).kind).toBe("not_found");
    expect(h.fake.requests).toHaveLength(0);
  });
});

describe("slots and bookings stay consistent", () => {
  it("a booked slot disappears from the list at once (taken out of the cache, no new request)", async () => {
    h = await startHarness();
    const before = await h.bookings.availableSlots();
    expect(before.map((s) => s.startUtc)).toContain("2026-03-02T11:00:00.000Z");
    await h.bookings.createBooking(request());
    const after = await h.bookings.availableSlots();
    expect(after.map((s) => s.startUtc)).not.toContain("2026-03-02T11:00:00.000Z");
    expect(after).toHaveLength(before.length - 1);
    expect(h.fake.counts.getSlots).toBe(1);
  });

  it("a reschedule's slot list shows the booking's own time as free", async () => {
    h = await startHarness();
    const b = await h.bookings.createBooking(request());
    const slots = await h.bookings.availableSlots({ bookingUidToReschedule: b.uid });
    expect(slots.map((s) => s.startUtc)).toContain(b.startUtc);
    expect(h.fake.requestsOf("getSlots").at(-1)?.query.bookingUidToReschedule).toBe(b.uid);
  });

  it("prefetch fills the cache in the background", async () => {
    h = await startHarness();
    expect(h.bookings.slotsReady()).toBe(false);
    h.bookings.prefetch();
    await waitFor(() => h.bookings.slotsReady(), "slots to be cached");
    await h.bookings.availableSlots();
    expect(h.fake.counts.getSlots).toBe(1);
  });
});

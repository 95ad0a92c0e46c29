/**
 * Where the slow-write protocol meets the other Cal.com features: the background sync of the
 * sponsor's changes, and lists read item by item. Each story is a way a member could be told two
 * contradicting things, or booked twice.
 */
import { afterEach, describe, expect, it } from "vitest";
import { BookingAttemptsRepo } from "../../../src/db/booking-attempts.js";
import { bookingRequest, type Harness, outcomeOf, startHarness } from "./helpers.js";

let h: Harness;
afterEach(async () => {
  await h?.close();
});

const MEMBER = 7;
const request = bookingRequest;
const attempt = (ref: string) => new BookingAttemptsRepo(h.db, () => "").get(ref);
/** The notice kinds queued for the member, oldest first. */
const memberNotices = () =>
  (
    h.db.prepare("SELECT kind FROM outbox WHERE chat_id = ? ORDER BY id").all(MEMBER) as { kind: string }[]
  ).map((r) => r.kind);

describe("a member's own write left open meets the sync pass", () => {
  it("a cancel Cal.com applied but could not confirm is not told as the sponsor's: one 'you cancelled'", async () => {
    h = await startHarness({ fetch: { timeoutMs: 200 } });
    const b = await h.bookings.createBooking(request());
    // The cancel lands, its answer is lost, and the look-up right after cannot reach Cal.com.
    h.fake.inject("cancelBooking", { type: "drop", afterCommit: true });
    h.fake.inject("getBooking", { type: "status", status: 503 }, 10);
    const c = h.bookings.cancelBooking({ uid: b.uid, telegramId: MEMBER, reason: "заболела" });
    expect(await outcomeOf(c)).toBe("still_open");
    h.fake.clearFaults();

    // The sync reads Cal.com's list meanwhile: the booking is cancelled there (by the member).
    await h.bookings.syncWithCalendar();
    h.clock.advance(16_000);
    await h.bookings.settleOpenWrites();

    const cancel = h.db.prepare("SELECT state FROM booking_attempts WHERE kind = 'cancel'").get();
    expect(cancel).toEqual({ state: "succeeded" });
    expect(memberNotices().filter((k) => k !== "booked")).toEqual(["cancelled"]);
  });
});

describe("a look-up that meets an item it cannot read", () => {
  it("cannot tell, so the create stays open and is never sent again: one POST, and booked once the list reads", async () => {
    h = await startHarness({ fetch: { timeoutMs: 200 } });
    h.fake.inject("createBooking", { type: "drop", afterCommit: true });
    // Cal.com shows the new booking in a shape this bot cannot read (no start), for the whole window.
    const odd = { uid: "odd-1", status: "accepted", attendees: [{ email: "olga@mail.ru" }] };
    h.fake.inject("listBookings", { type: "body", body: { status: "success", data: [odd] } }, 6);
    expect(await outcomeOf(h.bookings.createBooking(request()))).toBe("still_open");
    for (let i = 0; i < 12 && attempt("ref-A")?.state === "sent"; i++) {
      h.clock.advance(31_000);
      await h.bookings.settleOpenWrites();
    }
    expect(h.fake.counts.createBooking).toBe(1);
    expect(attempt("ref-A")?.state).toBe("succeeded");
    expect(memberNotices()).toEqual(["booked"]);
  });
});

describe("a create left open on an event type that requires confirmation", () => {
  it("found pending by a later look-up: the member hears the request was sent, not that they are booked", async () => {
    h = await startHarness({
      fake: { eventTypes: [{ requiresConfirmation: true }] },
      fetch: { timeoutMs: 200 },
    });
    h.fake.commitLate({ visibleAfterMs: 20_000, answer: "never" });
    expect(await outcomeOf(h.bookings.createBooking(request()))).toBe("still_open");
    h.clock.advance(31_000);
    await h.bookings.settleOpenWrites();
    expect(attempt("ref-A")?.state).toBe("succeeded");
    expect(h.bookings.upcomingBookingsOf(MEMBER).map((b) => b.status)).toEqual(["pending"]);
    expect(memberNotices()).toEqual(["requested"]);
  });
});

describe("a move left open while the sponsor moves the same meeting in Cal.com", () => {
  it("the sponsor's move is not taken for the member's: the member is told their move was not made, and nothing of a move of theirs", async () => {
    h = await startHarness();
    const b = await h.bookings.createBooking(request());
    h.fake.inject("rescheduleBooking", { type: "drop" }); // the member's move never reaches Cal.com
    const move = h.bookings.rescheduleBooking({
      uid: b.uid,
      telegramId: MEMBER,
      newStartUtc: "2026-03-03T09:00:00Z",
    });
    expect(await outcomeOf(move)).toBe("still_open");
    const hosts = h.fake.host.reschedule(b.uid, "2026-03-04T10:00:00.000Z");
    h.clock.advance(16_000);
    await h.bookings.settleOpenWrites();
    expect(memberNotices()).not.toContain("moved");
    h.clock.advance(121_000);
    for (let i = 0; i < 5; i++) await h.bookings.settleOpenWrites();
    expect(memberNotices()).toEqual(["booked", "notApplied"]);
    await h.bookings.syncWithCalendar();
    expect(memberNotices()).toEqual(["booked", "notApplied", "hostMoved"]);
    expect(h.bookings.upcomingBookingsOf(MEMBER).map((x) => x.uid)).toEqual([hosts.uid]);
  });
});

describe("a create left open that the sponsor decides on before the look-up finds it", () => {
  it("declined meanwhile: the member hears the request went out and then that it was declined — never that they are booked", async () => {
    h = await startHarness({
      fake: { eventTypes: [{ requiresConfirmation: true }] },
      fetch: { timeoutMs: 200 },
    });
    h.fake.commitLate({ visibleAfterMs: 10_000, answer: "never" });
    expect(await outcomeOf(h.bookings.createBooking(request()))).toBe("still_open");
    const made = [...h.fake.state.bookings.values()].find((b) => b.metadata.bookingReference === "ref-A");
    if (!made) throw new Error("the fake holds no booking of ref-A");
    h.fake.host.decline(made.uid, "Not that week");
    h.clock.advance(16_000);
    await h.bookings.settleOpenWrites();
    await h.bookings.syncWithCalendar();
    expect(memberNotices()).toEqual(["requested", "declined"]);
  });
});

import { afterEach, describe, expect, it } from "vitest";
import { BookingAttemptsRepo, type NewAttempt } from "../../../src/db/booking-attempts.js";
import { freshDb, type Harness, startHarness } from "./helpers.js";

let h: Harness;
afterEach(async () => {
  await h?.close();
});

const START = Date.parse("2026-03-02T13:00:00Z");
// The crash happened ten minutes before the harness's clock (06:00): past the window of lookups.
const journalOf = (db: Harness["db"], at = "2026-03-02T05:50:00.000Z") =>
  new BookingAttemptsRepo(db, () => at);

/** What a process leaves behind when it dies after sending a create and before reading the answer. */
function crashedCreate(
  db: Harness["db"],
  reference: string,
  email = "ivan@mail.ru",
  o: { lengthMinutes?: number; at?: string } = {},
): void {
  const { lengthMinutes } = o;
  const j = journalOf(db, o.at);
  const a: NewAttempt = {
    reference,
    kind: "create",
    telegramId: 99,
    startUtc: new Date(START).toISOString(),
    targetUid: undefined,
    attendeeName: "Иван",
    attendeeEmail: email,
    timeZone: "Asia/Omsk",
    language: "ru",
    reason: undefined,
    messageId: undefined,
    lengthMinutes,
  };
  j.record(a);
  j.markTry(reference);
}

describe("reconciling writes a crash left unanswered", () => {
  it("a booking Cal.com did make is recorded, and a retry of that reference returns it without a POST", async () => {
    const db = freshDb();
    crashedCreate(db, "ref-crash");
    h = await startHarness({ db });
    const made = h.fake.state.addBooking({
      start: START,
      attendee: { name: "Иван", email: "ivan@mail.ru", timeZone: "Asia/Omsk", language: "ru" },
      metadata: { bookingReference: "ref-crash", source: "telecalbot" },
    });
    const report = await h.bookings.reconcilePendingAttempts();
    expect(report.applied.map((x) => x.booking.uid)).toEqual([made.uid]);
    expect(report.applied[0]?.attempt.telegramId).toBe(99);
    expect(h.bookings.upcomingBookingsOf(99).map((b) => b.uid)).toEqual([made.uid]);
    const again = await h.bookings.createBooking({
      reference: "ref-crash",
      telegramId: 99,
      startUtc: "2026-03-02T13:00:00Z",
      name: "Иван",
      email: "ivan@mail.ru",
      timeZone: "Asia/Omsk",
      language: "ru",
    });
    expect(again.uid).toBe(made.uid);
    expect(h.fake.counts.createBooking).toBe(0);
  });

  it("a 90-minute booking (of several lengths) is found by its own length, not the default one", async () => {
    const db = freshDb();
    crashedCreate(db, "ref-long", "ivan@mail.ru", { lengthMinutes: 90 });
    h = await startHarness({
      db,
      fake: { eventTypes: [{ lengthInMinutes: 60, lengthInMinutesOptions: [30, 60, 90] }] },
    });
    const made = h.fake.state.addBooking({
      start: START,
      end: START + 90 * 60_000,
      attendee: { name: "Иван", email: "ivan@mail.ru", timeZone: "Asia/Omsk", language: "ru" },
      metadata: { bookingReference: "ref-long", source: "telecalbot" },
    });
    const report = await h.bookings.reconcilePendingAttempts();
    expect(report.applied.map((x) => x.booking.uid)).toEqual([made.uid]);
    expect(h.fake.counts.createBooking).toBe(0);
  });

  it("ignores someone else's booking at the same time, and a booking with another reference", async () => {
    const db = freshDb();
    crashedCreate(db, "ref-crash");
    h = await startHarness({ db });
    h.fake.state.addBooking({
      start: START,
      attendee: { name: "Пётр", email: "petr@mail.ru", timeZone: "UTC", language: "ru" },
      metadata: { bookingReference: "ref-crash" },
    });
    const report = await h.bookings.reconcilePendingAttempts();
    expect(report.applied).toEqual([]);
    expect(report.notApplied.map((a) => a.reference)).toEqual(["ref-crash"]);
  });

  it("a booking Cal.com never made is marked so, and the same reference may then be booked", async () => {
    const db = freshDb();
    crashedCreate(db, "ref-lost");
    h = await startHarness({ db });
    const report = await h.bookings.reconcilePendingAttempts();
    expect(report.notApplied.map((a) => a.reference)).toEqual(["ref-lost"]);
    expect(journalOf(db).get("ref-lost")).toMatchObject({ state: "failed", errorKind: "not_applied" });
    const b = await h.bookings.createBooking({
      reference: "ref-lost",
      telegramId: 99,
      startUtc: "2026-03-02T13:00:00Z",
      name: "Иван",
      email: "ivan@mail.ru",
      timeZone: "Asia/Omsk",
      language: "ru",
    });
    expect(b.status).toBe("accepted");
    expect(h.fake.counts.createBooking).toBe(1);
  });

  it("leaves the attempt pending when Cal.com cannot be asked, and settles it on a later run", async () => {
    const db = freshDb();
    crashedCreate(db, "ref-later");
    h = await startHarness({ db });
    h.fake.inject("listBookings", { type: "status", status: 503 }, 3);
    const first = await h.bookings.reconcilePendingAttempts();
    expect(first.unknown.map((a) => a.reference)).toEqual(["ref-later"]);
    expect(journalOf(db).get("ref-later")?.state).toBe("sent");
    const second = await h.bookings.reconcilePendingAttempts();
    expect(second.notApplied.map((a) => a.reference)).toEqual(["ref-later"]);
    const third = await h.bookings.reconcilePendingAttempts();
    expect(third).toEqual({ applied: [], notApplied: [], unknown: [], stillOpen: [] });
  });

  it("a create tried moments before the crash is kept open (it may still commit), not re-sent; after the window it is sent once", async () => {
    const db = freshDb();
    crashedCreate(db, "ref-recent", "ivan@mail.ru", { at: "2026-03-02T05:59:30.000Z" });
    h = await startHarness({ db });
    const report = await h.bookings.reconcilePendingAttempts();
    expect(report.stillOpen.map((a) => a.reference)).toEqual(["ref-recent"]);
    expect(journalOf(db).get("ref-recent")?.state).toBe("sent");
    expect(h.fake.counts.createBooking).toBe(0);
    h.clock.advance(121_000);
    for (let i = 0; i < 5; i++) await h.bookings.settleOpenWrites();
    expect(h.fake.counts.createBooking).toBe(1);
    expect(journalOf(db).get("ref-recent")?.state).toBe("succeeded");
    expect(h.bookings.upcomingBookingsOf(99)).toHaveLength(1);
  });

  it("settles a reschedule and a cancel that were applied before the crash", async () => {
    const db = freshDb();
    h = await startHarness({ db });
    const a = await h.bookings.createBooking({
      reference: "ref-1",
      telegramId: 99,
      startUtc: "2026-03-02T13:00:00Z",
      name: "Иван",
      email: "ivan@mail.ru",
      timeZone: "Asia/Omsk",
      language: "ru",
    });
    const b = await h.bookings.createBooking({
      reference: "ref-2",
      telegramId: 99,
      startUtc: "2026-03-02T15:00:00Z",
      name: "Иван",
      email: "ivan@mail.ru",
      timeZone: "Asia/Omsk",
      language: "ru",
    });
    const j = journalOf(db);
    const base = {
      messageId: undefined,
      telegramId: 99,
      attendeeName: "Иван",
      attendeeEmail: "ivan@mail.ru",
      timeZone: "Asia/Omsk",
      language: "ru",
    };
    j.record({
      ...base,
      reference: "mv",
      kind: "reschedule",
      startUtc: "2026-03-03T10:00:00.000Z",
      targetUid: a.uid,
      reason: undefined,
    });
    j.markTry("mv");
    j.record({
      ...base,
      reference: "cx",
      kind: "cancel",
      startUtc: b.startUtc,
      targetUid: b.uid,
      reason: "x",
    });
    j.markTry("cx");
    // What Cal.com did with those requests before the bot died:
    const old = h.fake.state.bookings.get(a.uid);
    const moved = h.fake.state.addBooking({
      start: Date.parse("2026-03-03T10:00:00Z"),
      attendee: old?.attendee,
      rescheduledFromUid: a.uid,
    });
    if (old) {
      old.status = "cancelled";
      old.rescheduledToUid = moved.uid;
    }
    const cancelled = h.fake.state.bookings.get(b.uid);
    if (cancelled) cancelled.status = "cancelled";

    const report = await h.bookings.reconcilePendingAttempts();
    expect(report.applied.map((x) => x.booking.uid).sort()).toEqual([moved.uid, b.uid].sort());
    expect(h.bookings.upcomingBookingsOf(99).map((x) => x.uid)).toEqual([moved.uid]);
    expect(h.bookings.storedBooking(moved.uid)?.rescheduledFromUid).toBe(a.uid);
  });
});

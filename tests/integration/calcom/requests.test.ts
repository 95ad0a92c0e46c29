import { afterEach, describe, expect, it } from "vitest";
import { createCalcomApi } from "../../../src/calcom/index.js";
import { createLogger } from "../../../src/log.js";
import { type Harness, startHarness } from "./helpers.js";

let h: Harness;
afterEach(async () => {
  await h?.close();
});

const book = (over: Partial<Parameters<Harness["bookings"]["createBooking"]>[0]> = {}) => ({
  reference: "ref-1",
  telegramId: 111,
  startUtc: "2026-03-02T10:00:00Z",
  name: "Анна",
  timeZone: "Europe/Moscow",
  language: "ru",
  ...over,
});

describe("what Cal.com receives", () => {
  it("looks the event type up by id with the event-types version and a Bearer key", async () => {
    h = await startHarness();
    const [req] = h.fake.requestsOf("getEventType");
    expect(req?.path).toBe(`/v2/event-types/${h.fake.eventTypeId}`);
    expect(req?.headers["cal-api-version"]).toBe("2024-06-14");
    expect(req?.headers.authorization).toBe("valid");
    expect(h.bookings.eventType).toMatchObject({ id: h.fake.eventTypeId, slug: "step", lengthInMinutes: 60 });
  });

  it("looks the event type up by username and slug when no id is configured", async () => {
    h = await startHarness({ byUsername: true });
    const [req] = h.fake.requestsOf("listEventTypes");
    expect(req?.query).toEqual({ username: h.fake.username, eventSlug: "step" });
    expect(req?.headers["cal-api-version"]).toBe("2024-06-14");
    expect(h.bookings.eventType.title).toBe("Step meeting");
  });

  it("asks for slots of the whole window in UTC with the slots version", async () => {
    h = await startHarness();
    const slots = await h.bookings.availableSlots();
    const [req] = h.fake.requestsOf("getSlots");
    expect(req?.headers["cal-api-version"]).toBe("2024-09-04");
    expect(req?.query).toEqual({
      eventTypeId: String(h.fake.eventTypeId),
      start: "2026-03-02T06:00:00.000Z",
      end: "2026-03-16T06:00:00.000Z",
    });
    // Mon–Fri 09–17 UTC, one hour each, notice 60 min: the first free slot is 09:00 today.
    expect(slots[0]).toEqual({ startUtc: "2026-03-02T09:00:00.000Z", endUtc: "2026-03-02T10:00:00.000Z" });
    expect(slots).toHaveLength(10 * 8);
  });

  it("creates a booking with name, email, zone, language and an opaque reference — nothing about Telegram", async () => {
    h = await startHarness();
    const b = await h.bookings.createBooking(book({ email: "anna@mail.ru" }));
    const [req] = h.fake.requestsOf("createBooking");
    expect(req?.headers["cal-api-version"]).toBe("2026-02-25");
    expect(req?.headers["content-type"]).toBe("application/json");
    expect(req?.body).toEqual({
      start: "2026-03-02T10:00:00.000Z",
      eventTypeId: h.fake.eventTypeId,
      attendee: { name: "Анна", email: "anna@mail.ru", timeZone: "Europe/Moscow", language: "ru" },
      metadata: { bookingReference: "ref-1", source: "telecalbot" },
    });
    expect(JSON.stringify(req?.body)).not.toContain("111");
    expect(b).toMatchObject({ status: "accepted", startUtc: "2026-03-02T10:00:00.000Z", reference: "ref-1" });
    expect(h.bookings.upcomingBookingsOf(111)).toMatchObject([
      { uid: b.uid, status: "accepted", reference: "ref-1" },
    ]);
  });

  it("uses the plus-addressed fallback mailbox when the user gives no email", async () => {
    h = await startHarness({ fallbackEmail: "owner@mail.ru" });
    await h.bookings.createBooking(book());
    const [req] = h.fake.requestsOf("createBooking");
    const email = (req?.body as { attendee: { email: string } } | undefined)?.attendee.email;
    expect(email).toMatch(/^owner\+[a-z0-9]{6}@mail\.ru$/);
    expect(email).toBe(h.bookings.fallbackEmailFor(111));
  });

  it("gets, cancels and reschedules with the bookings version and documented bodies", async () => {
    h = await startHarness({ bookingsApiVersion: "2024-08-13" });
    const b = await h.bookings.createBooking(book({ email: "anna@mail.ru" }));
    const got = await h.bookings.getBooking(b.uid);
    expect(got.uid).toBe(b.uid);
    const moved = await h.bookings.rescheduleBooking({
      uid: b.uid,
      telegramId: 111,
      newStartUtc: "2026-03-03T12:00:00Z",
      reason: "занята",
    });
    expect(moved.uid).not.toBe(b.uid);
    expect(moved.rescheduledFromUid).toBe(b.uid);
    const cancelled = await h.bookings.cancelBooking({ uid: moved.uid, telegramId: 111, reason: "не смогу" });
    expect(cancelled.status).toBe("cancelled");
    const [r] = h.fake.requestsOf("rescheduleBooking");
    expect(r?.path).toBe(`/v2/bookings/${b.uid}/reschedule`);
    // rescheduledBy = the sponsor (the key's owner, from /me): their sponsee's move needs no confirmation.
    expect(r?.body).toEqual({
      start: "2026-03-03T12:00:00.000Z",
      reschedulingReason: "занята",
      rescheduledBy: "sponsor@mail.ru",
    });
    const [c] = h.fake.requestsOf("cancelBooking");
    expect(c?.body).toEqual({ cancellationReason: "не смогу" });
    for (const op of ["getBooking", "rescheduleBooking", "cancelBooking"] as const) {
      expect(h.fake.requestsOf(op)[0]?.headers["cal-api-version"]).toBe("2024-08-13");
    }
    expect(h.bookings.storedBooking(b.uid)?.status).toBe("cancelled");
    expect(h.bookings.storedBooking(moved.uid)).toMatchObject({
      status: "cancelled",
      rescheduledFromUid: b.uid,
    });
  });

  it("lists a user's upcoming bookings by attendee email and re-checks them", async () => {
    h = await startHarness();
    await h.bookings.createBooking(book({ email: "anna@mail.ru" }));
    h.fake.state.addBooking({
      start: Date.parse("2026-03-04T09:00:00Z"),
      attendee: { name: "Boris", email: "boris@mail.ru", timeZone: "UTC", language: "en" },
    });
    const list = await h.bookings.listUpcomingBookings("anna@mail.ru");
    expect(list.map((b) => b.attendee?.email)).toEqual(["anna@mail.ru"]);
    const [req] = h.fake.requestsOf("listBookings");
    expect(req?.query).toMatchObject({ attendeeEmail: "anna@mail.ru", status: "upcoming", sortStart: "asc" });
    expect(req?.headers["cal-api-version"]).toBe("2026-02-25");
  });

  it("sends no cal-api-version to /v2/me", async () => {
    h = await startHarness();
    const { api, http } = createCalcomApi({
      config: h.config,
      clock: h.clock,
      log: createLogger({ level: "silent" }),
    });
    const me = await api.me();
    await http.close();
    expect(me.username).toBe("sponsor");
    const [req] = h.fake.requestsOf("getMe");
    expect(req?.headers["cal-api-version"]).toBeUndefined();
    expect(req?.headers.authorization).toBe("valid");
  });
});

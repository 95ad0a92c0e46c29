import { request } from "undici";
import { afterEach, describe, expect, it } from "vitest";
import { type FakeCalcom, type FakeCalcomOptions, startFakeCalcom } from "../../../fakes/calcom/index.js";
import { ManualClock, MONDAY_0600 } from "./helpers.js";

// Each behaviour asserted here is the one docs/CALCOM-BEHAVIOUR.md derives from calcom/cal.com.

let fake: FakeCalcom;
let clock: ManualClock;
afterEach(async () => {
  await fake?.close();
});

const V = { slots: "2024-09-04", bookings: "2026-02-25", old: "2024-08-13", eventTypes: "2024-06-14" };
type Json = Record<string, unknown> & { data?: unknown };

async function start(o: FakeCalcomOptions = {}) {
  clock = new ManualClock(MONDAY_0600);
  fake = await startFakeCalcom({ now: clock.now, rateLimit: false, ...o });
  return fake;
}

async function call(
  method: "GET" | "POST",
  path: string,
  o: { version?: string | null; body?: unknown; timeoutMs?: number } = {},
): Promise<{ status: number; body: Json; text: string; ms: number }> {
  const headers: Record<string, string> = { authorization: `Bearer ${fake.apiKey}` };
  const version = o.version === undefined ? (path.startsWith("/slots") ? V.slots : V.bookings) : o.version;
  if (version) headers["cal-api-version"] = version;
  if (o.body !== undefined) headers["content-type"] = "application/json";
  const t0 = Date.now();
  const res = await request(`${fake.url}${path}`, {
    method,
    headers,
    // A fresh connection each time, so a port that stops listening is seen as refused.
    reset: true,
    body: o.body === undefined ? undefined : JSON.stringify(o.body),
    ...(o.timeoutMs ? { signal: AbortSignal.timeout(o.timeoutMs) } : {}),
  });
  const text = await res.body.text();
  let body: Json;
  try {
    body = JSON.parse(text);
  } catch {
    body = {};
  }
  return { status: res.statusCode, body, text, ms: Date.now() - t0 };
}

const at = (iso: string) => `2026-03-0${iso}Z`;
const booking = (over: Record<string, unknown> = {}) => ({
  start: at("2T10:00:00"),
  eventTypeId: fake.eventTypeId,
  attendee: { name: "A", email: "a@mail.ru", timeZone: "Europe/Moscow", language: "ru" },
  ...over,
});
const data = <T = Record<string, unknown>>(r: { body: Json }) => r.body.data as T;
const create = async (over: Record<string, unknown> = {}) => {
  const r = await call("POST", "/bookings", { body: booking(over) });
  expect(r.status, r.text).toBe(201);
  return data<{ uid: string; status: string } & Record<string, unknown>>(r);
};

describe("confirmation-required event types", () => {
  it("create answers pending; confirm → accepted, twice → 400 TRPCError; decline → rejected", async () => {
    await start({ eventTypes: [{ requiresConfirmation: true }] });
    const et = data(await call("GET", `/event-types/${fake.eventTypeId}`, { version: V.eventTypes }));
    expect(et.confirmationPolicy).toEqual({ type: "always", blockUnconfirmedBookingsInBooker: false });
    expect(et).not.toHaveProperty("requiresConfirmation");
    const a = await create();
    expect(a.status).toBe("pending");
    // Unconfirmed bookings do not hold the slot unless blockUnconfirmedBookingsInBooker is on.
    const b = await create({ attendee: { name: "B", email: "b@mail.ru", timeZone: "UTC" } });
    expect(b.status).toBe("pending");

    const ok = await call("POST", `/bookings/${a.uid}/confirm`);
    expect(ok.status).toBe(200);
    expect(data(ok)).toMatchObject({ uid: a.uid, status: "accepted" });
    const again = await call("POST", `/bookings/${a.uid}/confirm`);
    expect(again.status).toBe(400);
    expect(again.body.error).toEqual({ code: "TRPCError", message: "Booking already confirmed" });
    const declineAccepted = await call("POST", `/bookings/${a.uid}/decline`, { body: {} });
    expect(declineAccepted.status).toBe(400);

    const no = await call("POST", `/bookings/${b.uid}/decline`, { body: { reason: "busy" } });
    expect(no.status).toBe(200);
    expect(data(no)).toMatchObject({ status: "rejected" });
    expect(JSON.stringify(no.body)).not.toContain("busy"); // rejectionReason is in no output

    const unknown = await call("POST", "/bookings/nope/confirm");
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toMatchObject({
      code: "NotFoundException",
      message: "Booking with uid=nope was not found in the database",
    });
    const oldController = await call("POST", `/bookings/${b.uid}/confirm`, { version: null });
    expect(oldController.status).toBe(404);
    expect(oldController.body.error).toMatchObject({ message: `Cannot POST /v2/bookings/${b.uid}/confirm` });
  });

  it("blockUnconfirmedBookingsInBooker keeps the slot; a 'time' policy confirms far-ahead bookings at once", async () => {
    await start({
      eventTypes: [
        { confirmationPolicy: { type: "always", blockUnconfirmedBookingsInBooker: true } },
        { confirmationPolicy: { type: "time", noticeThreshold: { unit: "hours", count: 24 } } },
      ],
    });
    await create();
    const taken = await call("POST", "/bookings", {
      body: booking({ attendee: { name: "B", email: "b@mail.ru", timeZone: "UTC" } }),
    });
    expect(taken.status).toBe(400);
    const second = fake.state.eventTypes[1]?.id as number;
    expect((await create({ eventTypeId: second, start: at("2T12:00:00") })).status).toBe("pending");
    expect((await create({ eventTypeId: second, start: at("5T12:00:00") })).status).toBe("accepted");
  });

  it("the organizer's reschedule is accepted without confirmation; another user's stays pending", async () => {
    await start({ eventTypes: [{ requiresConfirmation: true }], otherUsers: ["assistant@mail.ru"] });
    const a = await create();
    const byKey = await call("POST", `/bookings/${a.uid}/reschedule`, { body: { start: at("2T12:00:00") } });
    expect(byKey.status).toBe(201);
    expect(data(byKey)).toMatchObject({ status: "accepted", rescheduledFromUid: a.uid });
    const next = data<{ uid: string }>(byKey).uid;
    const byHost = await call("POST", `/bookings/${next}/reschedule`, {
      body: { start: at("2T13:00:00"), rescheduledBy: "sponsor@mail.ru" },
    });
    expect(data(byHost)).toMatchObject({ status: "accepted", rescheduledByEmail: "sponsor@mail.ru" });
    const byOther = await call("POST", `/bookings/${data<{ uid: string }>(byHost).uid}/reschedule`, {
      body: { start: at("2T14:00:00"), rescheduledBy: "assistant@mail.ru" },
    });
    expect(data(byOther)).toMatchObject({ status: "pending", rescheduledByEmail: "assistant@mail.ru" });
  });

  it("earlier builds: without rescheduledBy nobody is the organizer (pending); the host's email is", async () => {
    await start({ eventTypes: [{ requiresConfirmation: true }], rescheduleByKeyOwner: false });
    const a = await create();
    const bare = await call("POST", `/bookings/${a.uid}/reschedule`, { body: { start: at("2T12:00:00") } });
    expect(data(bare)).toMatchObject({ status: "pending" });
    const byHost = await call("POST", `/bookings/${data<{ uid: string }>(bare).uid}/reschedule`, {
      body: { start: at("2T13:00:00"), rescheduledBy: "sponsor@mail.ru" },
    });
    expect(data(byHost)).toMatchObject({ status: "accepted" });
  });
});

describe("several durations", () => {
  it("offers lengthInMinutesOptions, slots per duration, creates per lengthInMinutes, refuses others", async () => {
    await start({ eventTypes: [{ lengthInMinutes: 30, lengthInMinutesOptions: [30, 60, 90] }, {}] });
    const et = data(await call("GET", `/event-types/${fake.eventTypeId}`, { version: V.eventTypes }));
    expect(et.lengthInMinutesOptions).toEqual([30, 60, 90]);
    const plain = data(
      await call("GET", `/event-types/${fake.state.eventTypes[1]?.id}`, { version: V.eventTypes }),
    );
    expect(plain).not.toHaveProperty("lengthInMinutesOptions");

    const q = `/slots?eventTypeId=${fake.eventTypeId}&start=2026-03-02&end=2026-03-02&format=range`;
    const def = data<Record<string, Array<{ start: string; end: string }>>>(await call("GET", q))[
      "2026-03-02"
    ];
    expect(def?.[0]).toEqual({ start: "2026-03-02T09:00:00.000Z", end: "2026-03-02T09:30:00.000Z" });
    const ninety = data<Record<string, Array<{ start: string; end: string }>>>(
      await call("GET", `${q}&duration=90`),
    )["2026-03-02"];
    expect(ninety?.slice(0, 2)).toEqual([
      { start: "2026-03-02T09:00:00.000Z", end: "2026-03-02T10:30:00.000Z" },
      { start: "2026-03-02T10:30:00.000Z", end: "2026-03-02T12:00:00.000Z" },
    ]);
    // duration is not checked against the options: slots come back, the create refuses
    expect((await call("GET", `${q}&duration=45`)).status).toBe(200);

    const long = await create({ lengthInMinutes: 90 });
    expect(long).toMatchObject({ duration: 90, end: "2026-03-02T11:30:00.000Z" });
    const bad = await call("POST", "/bookings", {
      body: booking({ start: at("3T10:00:00"), lengthInMinutes: 45 }),
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({
      code: "BadRequestException",
      message:
        "Provided 'lengthInMinutes' is not one of the possible lengths for the event type. The possible lengths are: 30, 60, 90",
    });
    const none = await call("POST", "/bookings", {
      body: booking({
        eventTypeId: fake.state.eventTypes[1]?.id,
        start: at("3T10:00:00"),
        lengthInMinutes: 60,
      }),
    });
    expect(none.status).toBe(400);
    expect(JSON.stringify(none.body)).toContain("does not have multiple possible lengths");
    // A reschedule keeps the event type's default length, not the booking's.
    const moved = await call("POST", `/bookings/${long.uid}/reschedule`, {
      body: { start: at("3T12:00:00") },
    });
    expect(data(moved)).toMatchObject({ duration: 30 });
  });
});

describe("settings a bot cannot serve", () => {
  it("bookingFields: system fields plus custom ones; a missing required one is a 400 in Cal.com's words", async () => {
    await start({
      eventTypes: [
        {
          bookingFields: [
            { slug: "company", type: "text", required: true, label: "Company" },
            { slug: "size", type: "select", required: false, options: ["s", "m"] },
          ],
        },
      ],
    });
    const et = data<{ bookingFields: Array<Record<string, unknown>> }>(
      await call("GET", `/event-types/${fake.eventTypeId}`, { version: V.eventTypes }),
    );
    expect(et.bookingFields.map((f) => f.slug)).toEqual([
      "name",
      "email",
      "location",
      "company",
      "size",
      "title",
      "notes",
      "guests",
      "rescheduleReason",
    ]);
    expect(et.bookingFields[3]).toMatchObject({
      isDefault: false,
      type: "text",
      required: true,
      hidden: false,
    });
    expect(et.bookingFields[5]).toMatchObject({ slug: "title", required: true, hidden: true });

    const missing = await call("POST", "/bookings", { body: booking() });
    expect(missing.status).toBe(400);
    expect(missing.body.error).toMatchObject({
      code: "BadRequestException",
      message: `Missing required booking field response: company - it is required by the event type booking fields, but missing in the bookingFieldsResponses. You can fetch the event type with ID ${fake.eventTypeId} to see the required fields.`,
    });
    const wrongType = await call("POST", "/bookings", {
      body: booking({ bookingFieldsResponses: { company: 5 } }),
    });
    expect(wrongType.status).toBe(400);
    const badOption = await call("POST", "/bookings", {
      body: booking({ bookingFieldsResponses: { company: "X", size: "xl" } }),
    });
    expect((badOption.body.error as { message: string }).message).toBe(
      "Invalid option 'xl' for booking field 'size'. Allowed options are: s, m.",
    );
    const made = await create({ bookingFieldsResponses: { company: "X", size: "m" } });
    expect(made.bookingFieldsResponses).toMatchObject({
      company: "X",
      size: "m",
      name: "A",
      email: "a@mail.ru",
    });
  });

  it("requiresBookerEmailVerification: a bare 400 email_verification_required without the mailed code", async () => {
    await start({ eventTypes: [{ requiresBookerEmailVerification: true }] });
    const r = await call("POST", "/bookings", { body: booking() });
    expect(r.status).toBe(400);
    expect(r.body).toEqual({ statusCode: 400, message: "email_verification_required" });
    const wrong = await call("POST", "/bookings", { body: booking({ emailVerificationCode: "x" }) });
    expect(wrong.body).toEqual({ statusCode: 400, message: "invalid_verification_code" });
    await create({ emailVerificationCode: fake.emailVerificationCode("a@mail.ru") });
  });

  it("seats: one booking per slot holds every seat, seatUid on create, 409 when full, seated shapes", async () => {
    await start({
      eventTypes: [{ seats: { seatsPerTimeSlot: 2, showAttendeeInfo: false, showAvailabilityCount: true } }],
    });
    const et = data(await call("GET", `/event-types/${fake.eventTypeId}`, { version: V.eventTypes }));
    expect(et.seats).toEqual({ seatsPerTimeSlot: 2, showAttendeeInfo: false, showAvailabilityCount: true });
    const first = await create();
    const second = await create({ attendee: { name: "B", email: "b@mail.ru", timeZone: "UTC" } });
    expect(second.uid).toBe(first.uid);
    expect(typeof second.seatUid).toBe("string");
    expect(second.attendees).toHaveLength(2);
    expect((second.attendees as Array<Record<string, unknown>>)[1]).toMatchObject({
      email: "b@mail.ru",
      seatUid: second.seatUid,
      bookingFieldsResponses: { name: "B" },
    });
    expect(second).not.toHaveProperty("bookingFieldsResponses");
    const full = await call("POST", "/bookings", {
      body: booking({ attendee: { name: "C", email: "c@mail.ru", timeZone: "UTC" } }),
    });
    expect(full.status).toBe(409);
    expect(full.body.error).toMatchObject({
      code: "ConflictException",
      message: "No more seats left at this seated booking.",
    });
    const slots = data<Record<string, Array<Record<string, unknown>>>>(
      await call("GET", `/slots?eventTypeId=${fake.eventTypeId}&start=2026-03-02&end=2026-03-02`),
    )["2026-03-02"];
    expect(slots?.[0]).toEqual({
      start: "2026-03-02T09:00:00.000Z",
      seatsBooked: 0,
      seatsRemaining: 2,
      seatsTotal: 2,
    });
    expect(slots?.find((s) => s.start === "2026-03-02T10:00:00.000Z")).toBeUndefined();
    const noSeat = await call("POST", `/bookings/${first.uid}/reschedule`, {
      body: { start: at("2T12:00:00") },
    });
    expect(noSeat.status).toBe(400);
  });

  it("recurrence: create answers an array sharing recurringBookingUid; GET by that uid lists them", async () => {
    await start({ eventTypes: [{ recurrence: { interval: 1, occurrences: 3, frequency: "weekly" } }] });
    const et = data(await call("GET", `/event-types/${fake.eventTypeId}`, { version: V.eventTypes }));
    expect(et.recurrence).toEqual({ interval: 1, occurrences: 3, frequency: "weekly" });
    const r = await call("POST", "/bookings", { body: booking({ recurrenceCount: 2 }) });
    expect(r.status).toBe(201);
    const made = data<Array<{ uid: string; start: string; recurringBookingUid: string }>>(r);
    expect(made.map((b) => b.start)).toEqual(["2026-03-02T10:00:00.000Z", "2026-03-09T10:00:00.000Z"]);
    expect(made[0]?.recurringBookingUid).toBe(made[1]?.recurringBookingUid);
    const series = await call("GET", `/bookings/${made[0]?.recurringBookingUid}`);
    expect(data<unknown[]>(series)).toHaveLength(2);
    const tooMany = await call("POST", "/bookings", {
      body: booking({ start: at("3T10:00:00"), recurrenceCount: 4 }),
    });
    expect(tooMany.status).toBe(400);
  });

  it("disableCancelling: shown; the host's key may still cancel (legacy builds refuse, bare 400)", async () => {
    await start({ eventTypes: [{ disableCancelling: true, disableRescheduling: true }] });
    const et = data(await call("GET", `/event-types/${fake.eventTypeId}`, { version: V.eventTypes }));
    expect(et).toMatchObject({
      disableCancelling: { disabled: true },
      disableRescheduling: { disabled: true },
    });
    const a = await create();
    expect(
      (await call("POST", `/bookings/${a.uid}/cancel`, { body: { cancellationReason: "r" } })).status,
    ).toBe(200);
    await fake.close();
    await start({ eventTypes: [{ disableCancelling: true }], legacyDisableCancelling: true });
    const b = await create();
    const refused = await call("POST", `/bookings/${b.uid}/cancel`, { body: { cancellationReason: "r" } });
    expect(refused.status).toBe(400);
    expect(refused.body).toEqual({
      statusCode: 400,
      message: "This event type does not allow cancellations",
    });
  });

  it("disableRescheduling.minutesBefore: another user is refused 403 inside the notice, the organizer is not", async () => {
    await start({ eventTypes: [{ minimumRescheduleNotice: 24 * 60 }], otherUsers: ["assistant@mail.ru"] });
    const et = data(await call("GET", `/event-types/${fake.eventTypeId}`, { version: V.eventTypes }));
    expect(et.disableRescheduling).toEqual({ disabled: false, minutesBefore: 1440 });
    const a = await create();
    const other = await call("POST", `/bookings/${a.uid}/reschedule`, {
      body: { start: at("2T12:00:00"), rescheduledBy: "assistant@mail.ru" },
    });
    expect(other.status).toBe(403);
    expect(other.body).toMatchObject({
      message: "Rescheduling is not allowed within the minimum notice period before the event",
    });
    expect(
      (await call("POST", `/bookings/${a.uid}/reschedule`, { body: { start: at("2T12:00:00") } })).status,
    ).toBe(201);
  });

  it("cancel: the host must give a reason; an ended booking cannot be cancelled; twice → 400 envelope", async () => {
    await start();
    const a = await create();
    const noReason = await call("POST", `/bookings/${a.uid}/cancel`, { body: { cancellationReason: " " } });
    expect(noReason.status).toBe(400);
    expect(noReason.body).toEqual({
      statusCode: 400,
      message: "Cancellation reason is required when you are the host",
    });
    const done = await call("POST", `/bookings/${a.uid}/cancel`, { body: { cancellationReason: "ill" } });
    expect(data(done)).toMatchObject({
      status: "cancelled",
      cancellationReason: "ill",
      cancelledByEmail: "",
    });
    const again = await call("POST", `/bookings/${a.uid}/cancel`, { body: { cancellationReason: "ill" } });
    expect(again.body.error).toMatchObject({
      code: "BadRequestException",
      message: `Can't cancel booking with uid=${a.uid} because it has been cancelled already. Please provide uid of a booking that is not cancelled.`,
    });
    const past = fake.state.addBooking({ start: MONDAY_0600 - 3 * 3_600_000 });
    const ended = await call("POST", `/bookings/${past.uid}/cancel`, { body: { cancellationReason: "x" } });
    expect(ended.body).toEqual({
      statusCode: 400,
      message: "Cannot cancel a booking that has already ended",
    });
    expect((await call("POST", "/bookings/nope/cancel", { body: { cancellationReason: "x" } })).status).toBe(
      404,
    );
  });
});

describe("odd and nullable output fields", () => {
  it("per booking: language null, no location, deleted event type; quirks switch them for all", async () => {
    await start();
    const b = fake.state.addBooking({
      start: Date.parse(at("3T10:00:00")),
      location: null,
      eventTypeId: null,
      attendee: { name: "N", email: "n@mail.ru", timeZone: "UTC", language: null },
    });
    const got = data(await call("GET", `/bookings/${b.uid}`));
    expect(got).toMatchObject({ location: null, meetingUrl: null, eventType: null, eventTypeId: null });
    expect((got.attendees as Array<Record<string, unknown>>)[0]?.language).toBeNull();
    expect(got).toMatchObject({ cancellationReason: "", cancelledByEmail: "", rescheduledByEmail: null });

    const a = await create();
    fake.setOutputQuirks({
      attendeeLanguageNull: true,
      eventTypeNull: true,
      location: "absent",
      cancellationFields: "cancelled",
    });
    const q = data(await call("GET", `/bookings/${a.uid}`));
    expect(q.eventType).toBeNull();
    expect(q).not.toHaveProperty("location");
    expect(q).not.toHaveProperty("cancellationReason");
    expect((q.attendees as Array<Record<string, unknown>>)[0]?.language).toBeNull();
  });
});

describe("GET /v2/bookings as get.handler.ts filters and pages", () => {
  it("status semantics, eventTypeId, take/skip with pagination, and the updatedAt count quirk", async () => {
    await start({ eventTypes: [{}, { slug: "other" }] });
    const other = fake.state.eventTypes[1]?.id as number;
    const s = (h: number) => Date.parse(at(`3T${String(h).padStart(2, "0")}:00:00`));
    const accepted = fake.state.addBooking({ start: s(9) });
    const pending = fake.state.addBooking({ start: s(10), status: "pending" });
    const rejected = fake.state.addBooking({ start: s(11), status: "rejected" });
    const cancelled = fake.state.addBooking({ start: s(12), status: "cancelled" });
    const past = fake.state.addBooking({ start: MONDAY_0600 - 86_400_000 });
    const elsewhere = fake.state.addBooking({ start: s(13), eventTypeId: other });
    const uids = (r: { body: Json }) => data<Array<{ uid: string }>>(r).map((b) => b.uid);

    expect(uids(await call("GET", "/bookings?status=upcoming"))).toEqual([
      accepted.uid,
      pending.uid,
      elsewhere.uid,
    ]);
    expect(uids(await call("GET", "/bookings?status=unconfirmed"))).toEqual([pending.uid]);
    expect(uids(await call("GET", "/bookings?status=cancelled"))).toEqual([cancelled.uid, rejected.uid]);
    expect(uids(await call("GET", "/bookings?status=past"))).toEqual([past.uid]);
    expect(
      uids(
        await call(
          "GET",
          `/bookings?status=upcoming,cancelled&eventTypeId=${fake.eventTypeId}&afterStart=${at("2T12:00:00")}`,
        ),
      ),
    ).toEqual([accepted.uid, pending.uid, rejected.uid, cancelled.uid]);

    const page = await call("GET", "/bookings?take=2&skip=2&sortStart=asc");
    expect(uids(page)).toEqual([pending.uid, rejected.uid]);
    expect(page.body.pagination).toEqual({
      returnedItems: 2,
      totalItems: 6,
      itemsPerPage: 2,
      remainingItems: 2,
      currentPage: 2,
      totalPages: 3,
      hasNextPage: true,
      hasPreviousPage: true,
    });
    expect((await call("GET", "/bookings?take=251")).status).toBe(400);
    expect((await call("GET", "/bookings?status=soon")).status).toBe(400);

    clock.advance(60_000);
    fake.host.cancel(accepted.uid, "moved abroad");
    const updated = await call("GET", `/bookings?afterUpdatedAt=${new Date(MONDAY_0600 + 1).toISOString()}`);
    expect(uids(updated)).toEqual([accepted.uid]);
    // The total is counted before the updatedAt filter: it still says 6.
    expect(updated.body.pagination).toMatchObject({ totalItems: 6, returnedItems: 6, hasNextPage: false });
    const empty = await call("GET", "/bookings?attendeeEmail=nobody@mail.ru");
    expect(empty.body.pagination).toMatchObject({ totalItems: 0, currentPage: 0, totalPages: 0 });
  });
});

describe("a create that commits late", () => {
  it("no answer; the booking shows up in lists and lookups only after visibleAfterMs of the fake clock", async () => {
    await start();
    fake.commitLate({ visibleAfterMs: 30_000, answer: "never" });
    await expect(call("POST", "/bookings", { body: booking(), timeoutMs: 150 })).rejects.toThrow();
    const [b] = [...fake.state.bookings.values()];
    expect(b).toBeDefined();
    expect(data<unknown[]>(await call("GET", "/bookings"))).toEqual([]);
    expect((await call("GET", `/bookings/${b?.uid}`)).status).toBe(404);
    clock.advance(30_000);
    expect(data<Array<{ uid: string }>>(await call("GET", "/bookings")).map((x) => x.uid)).toEqual([b?.uid]);
    expect((await call("GET", `/bookings/${b?.uid}`)).status).toBe(200);
  });

  it("or the normal 201 after a real delay longer than the client's patience", async () => {
    await start();
    fake.commitLate({ answer: { delayMs: 250 } });
    const r = await call("POST", "/bookings", { body: booking() });
    expect(r.status).toBe(201);
    expect(r.ms).toBeGreaterThanOrEqual(240);
    expect((await call("POST", "/bookings", { body: booking({ start: at("2T11:00:00") }) })).ms).toBeLessThan(
      240,
    );
  });
});

describe("outages", () => {
  it("refused from start-up, then 503 from the edge, then normal", async () => {
    await start({ outage: "refused" });
    await expect(call("GET", "/me", { version: null })).rejects.toMatchObject({ code: "ECONNREFUSED" });
    await fake.setOutage("503");
    const down = await call("GET", "/me", { version: null });
    expect(down.status).toBe(503);
    expect(down.text).toContain("503 Service Unavailable");
    await fake.setOutage(false);
    expect((await call("GET", "/me", { version: null })).status).toBe(200);
    await fake.setOutage("refused");
    await expect(call("GET", "/me", { version: null })).rejects.toMatchObject({ code: "ECONNREFUSED" });
    await fake.setOutage(false);
    expect((await call("GET", "/me", { version: null })).status).toBe(200);
  });
});

describe("host-side actions", () => {
  it("cancel, reschedule, request reschedule, confirm/decline and delete, seen over HTTP", async () => {
    await start({ eventTypes: [{ requiresConfirmation: true }] });
    const a = await create();
    fake.host.confirm(a.uid);
    expect(data(await call("GET", `/bookings/${a.uid}`))).toMatchObject({ status: "accepted" });

    const moved = fake.host.reschedule(a.uid, at("2T14:00:00"), { reason: "clash" });
    const old = data(await call("GET", `/bookings/${a.uid}`));
    expect(old).toMatchObject({
      status: "cancelled",
      rescheduledToUid: moved.uid,
      rescheduledByEmail: "sponsor@mail.ru",
    });
    expect(data(await call("GET", `/bookings/${moved.uid}`))).toMatchObject({
      status: "accepted",
      rescheduledFromUid: a.uid,
      reschedulingReason: "clash",
    });

    fake.host.requestReschedule(moved.uid, "please pick another day");
    const asked = data(await call("GET", `/bookings/${moved.uid}`));
    expect(asked).toMatchObject({
      status: "cancelled",
      cancellationReason: "please pick another day",
      cancelledByEmail: "",
    });
    expect(asked).not.toHaveProperty("rescheduledToUid");
    const tryMove = await call("POST", `/bookings/${moved.uid}/reschedule`, {
      body: { start: at("3T10:00:00") },
    });
    expect((tryMove.body.error as { message: string }).message).toContain(
      "rescheduled already to booking with uid=undefined",
    );

    const b = await create({ start: at("3T10:00:00") });
    fake.host.decline(b.uid, "no");
    expect(data(await call("GET", `/bookings/${b.uid}`))).toMatchObject({ status: "rejected" });
    const c = await create({ start: at("3T11:00:00") });
    fake.host.cancel(c.uid, "sick");
    expect(data(await call("GET", `/bookings/${c.uid}`))).toMatchObject({
      status: "cancelled",
      cancellationReason: "sick",
      cancelledByEmail: "sponsor@mail.ru",
    });
    fake.host.delete(c.uid);
    expect((await call("GET", `/bookings/${c.uid}`)).status).toBe(404);
    expect(data<Array<{ uid: string }>>(await call("GET", "/bookings")).map((x) => x.uid)).not.toContain(
      c.uid,
    );
  });

  it("request-reschedule over HTTP exists only with cal-api-version 2026-02-25", async () => {
    await start();
    const a = await create();
    const old = await call("POST", `/bookings/${a.uid}/request-reschedule`, { version: V.old, body: {} });
    expect(old.status).toBe(404);
    const r = await call("POST", `/bookings/${a.uid}/request-reschedule`, {
      body: { rescheduleReason: "sorry" },
    });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ status: "success" });
    expect(data(await call("GET", `/bookings/${a.uid}`))).toMatchObject({
      status: "cancelled",
      cancellationReason: "sorry",
    });
    expect((await call("POST", `/bookings/${a.uid}/request-reschedule`, { body: {} })).status).toBe(400);
    expect((await call("POST", "/bookings/nope/request-reschedule", { body: {} })).status).toBe(404);
  });
});

describe("error forms", () => {
  it("Nest exceptions carry details; the event-type output follows the output service", async () => {
    await start();
    const r = await call("GET", "/bookings/nope");
    expect(r.body).toMatchObject({
      status: "error",
      path: "/v2/bookings/nope",
      error: {
        code: "NotFoundException",
        message: "Booking with uid=nope was not found in the database",
        details: {
          message: "Booking with uid=nope was not found in the database",
          error: "Not Found",
          statusCode: 404,
        },
      },
    });
    const et = data(await call("GET", `/event-types/${fake.eventTypeId}`, { version: V.eventTypes }));
    expect(et).toMatchObject({
      confirmationPolicy: { disabled: true },
      seats: { disabled: true },
      recurrence: null,
      bookerActiveBookingsLimit: { disabled: true },
      users: [{ id: 42, username: "sponsor" }],
    });
    expect(et).not.toHaveProperty("bookingLimitsCount");
  });
});

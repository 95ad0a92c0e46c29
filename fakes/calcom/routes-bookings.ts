import { createHash, randomUUID } from "node:crypto";
import { DateTime, IANAZone } from "luxon";
import {
  badRequest,
  conflict,
  type FakeResponse,
  libraryHttpError,
  MESSAGES,
  notFound,
  ok,
  trpcError,
} from "./envelope.js";
import { checkBookingFieldsResponses } from "./fields.js";
import type { RouteContext } from "./routes.js";
import { bookingOutput, pagination } from "./shapes.js";
import { attendeesOf, type FakeCalcomState, newSeat } from "./state.js";
import type { FakeBooking, FakeEventType } from "./types.js";
import {
  asObject,
  checkEmail,
  checkMetadata,
  checkQuery,
  instant,
  isoFilter,
  LANGUAGES,
  optionalString,
  rejectUnknown,
  requireString,
} from "./validate.js";

// Property lists of CreateBookingInput_2024_08_13 (+ CreateRecurringBookingInput_2024_08_13's
// recurrenceCount), CreateBookingAttendee and GET /v2/bookings' query.
const CREATE_KEYS = [
  "start",
  "attendee",
  "bookingFieldsResponses",
  "eventTypeId",
  "eventTypeSlug",
  "username",
  "teamSlug",
  "organizationSlug",
  "guests",
  "meetingUrl",
  "location",
  "metadata",
  "lengthInMinutes",
  "routing",
  "emailVerificationCode",
  "recurrenceCount",
];
const ATTENDEE_KEYS = ["name", "timeZone", "phoneNumber", "language", "email"];
const LIST_KEYS = [
  "status",
  "attendeeEmail",
  "attendeeName",
  "bookingUid",
  "eventTypeIds",
  "eventTypeId",
  "teamsIds",
  "teamId",
  "afterStart",
  "beforeEnd",
  "afterCreatedAt",
  "beforeCreatedAt",
  "afterUpdatedAt",
  "beforeUpdatedAt",
  "sortStart",
  "sortEnd",
  "sortCreated",
  "sortUpdatedAt",
  "take",
  "skip",
];
const STATUSES = ["upcoming", "recurring", "past", "cancelled", "unconfirmed"] as const;
type ListStatus = (typeof STATUSES)[number];

/** The code the fake "mails" for requiresBookerEmailVerification (FakeCalcom.emailVerificationCode). */
export function verificationCode(email: string): string {
  const n = createHash("sha256").update(email.toLowerCase()).digest().readUInt32BE(0) % 1_000_000;
  return String(n).padStart(6, "0");
}

/** Starts of the occurrences (B/services/input.service.ts transformInputCreateRecurringBooking). */
function occurrenceStarts(et: FakeEventType, start: number, zone: string, count: number): number[] {
  const rec = et.recurrence;
  if (!rec) return [start];
  const unit = rec.frequency === "weekly" ? "weeks" : rec.frequency === "monthly" ? "months" : "years";
  const out: number[] = [];
  let t = DateTime.fromMillis(start, { zone });
  for (let i = 0; i < count; i++) {
    out.push(t.toMillis());
    t = t.plus({ [unit]: rec.interval });
  }
  return out;
}

export function createBooking(ctx: RouteContext): FakeResponse {
  const { state } = ctx;
  const body = asObject(ctx.body, "body");
  rejectUnknown(body, CREATE_KEYS);
  const start = instant(requireString(body, "start"), "start");
  const attendeeIn = asObject(body.attendee, "attendee");
  rejectUnknown(attendeeIn, ATTENDEE_KEYS, "attendee.");
  const name = requireString(attendeeIn, "name", "attendee.");
  const timeZone = requireString(attendeeIn, "timeZone", "attendee.");
  if (!IANAZone.isValidZone(timeZone)) throw badRequest("attendee.timeZone must be a valid IANA time zone");
  // transformInputCreateBooking: language: attendee.language || "en"
  const language = optionalString(attendeeIn, "language", "attendee.") ?? "en";
  if (!LANGUAGES.includes(language))
    throw badRequest(`attendee.language must be one of: ${LANGUAGES.join(", ")}`);
  const email = requireString(attendeeIn, "email", "attendee.");
  const phoneNumber = optionalString(attendeeIn, "phoneNumber", "attendee.");
  const metadata = checkMetadata(body.metadata);
  const responses =
    body.bookingFieldsResponses === undefined
      ? {}
      : asObject(body.bookingFieldsResponses, "bookingFieldsResponses");
  const guests = body.guests === undefined ? undefined : body.guests;
  if (guests !== undefined && (!Array.isArray(guests) || !guests.every((g) => typeof g === "string")))
    throw badRequest("guests must be an array of strings");
  if (body.lengthInMinutes !== undefined && typeof body.lengthInMinutes !== "number")
    throw badRequest("lengthInMinutes must be a number");
  if (body.recurrenceCount !== undefined && typeof body.recurrenceCount !== "number")
    throw badRequest("recurrenceCount must be a number");
  if (typeof body.eventTypeId !== "number") throw badRequest("eventTypeId must be a number");
  const et = state.eventType(body.eventTypeId);
  // ErrorsBookingsService_2024_08_13.handleEventTypeToBeBookedNotFound
  if (!et) throw notFound(`Event type with id ${body.eventTypeId} not found.`);

  // BookingsService_2024_08_13.createBooking: booking fields first, then the input transform.
  checkBookingFieldsResponses(et, responses, phoneNumber);
  // InputBookingsService_2024_08_13.validateBookingLengthInMinutes
  const lengthIn = body.lengthInMinutes as number | undefined;
  if (lengthIn !== undefined && lengthIn !== 0) {
    if (!et.lengthInMinutesOptions) throw badRequest(MESSAGES.lengthNotAllowed);
    if (!et.lengthInMinutesOptions.includes(lengthIn))
      throw badRequest(MESSAGES.lengthNotOffered(et.lengthInMinutesOptions));
  }
  const lengthMinutes = lengthIn || et.lengthInMinutes;
  checkEmail(email, ctx.undeliverableDomains);
  // RegularBookingService: requiresBookerEmailVerification → HttpError 400
  if (et.requiresBookerEmailVerification) {
    const code = body.emailVerificationCode;
    if (typeof code !== "string" || code === "") throw libraryHttpError(400, "email_verification_required");
    if (code !== verificationCode(email)) throw libraryHttpError(400, "invalid_verification_code");
  }

  const attendee = { name, email, timeZone, language, ...(phoneNumber ? { phoneNumber } : {}) };
  const late = ctx.late.take();
  const visibleAt = late ? state.now() + late.visibleAfterMs : undefined;
  const base = {
    eventTypeId: et.id,
    attendee,
    metadata,
    ...(Object.keys(responses).length ? { responses: { ...responses } } : {}),
    ...(guests ? { guests: guests as string[] } : {}),
    ...(visibleAt === undefined ? {} : { visibleAt }),
  };
  const answer = (r: FakeResponse): FakeResponse => (late ? { ...r, answer: late.answer } : r);

  if (et.recurrence) {
    // Recurring: one booking per occurrence, an array in data (B/services/bookings.service.ts).
    const count = (body.recurrenceCount as number | undefined) ?? et.recurrence.occurrences;
    if (count > et.recurrence.occurrences) {
      throw badRequest("Provided recurrence count is higher than the event type's recurring event count.");
    }
    const starts = occurrenceStarts(et, start, timeZone, count);
    for (const t of starts) {
      const refusal = state.refusal(et, t, email, { lengthMinutes });
      if (refusal) throw badRequest(refusal);
    }
    const recurringBookingUid = randomUUID();
    const made = starts.map((t) =>
      state.addBooking({
        ...base,
        start: t,
        end: t + lengthMinutes * 60_000,
        status: state.needsConfirmation(et, t) ? "pending" : "accepted",
        recurringBookingUid,
      }),
    );
    return answer(
      ok(
        made.map((b) => bookingOutput(b, state)),
        201,
      ),
    );
  }

  const refusal = state.refusal(et, start, email, { lengthMinutes });
  if (refusal) throw badRequest(refusal);
  const status = state.needsConfirmation(et, start) ? "pending" : "accepted";
  if (et.seats) {
    // One booking holds every seat of a slot; full → ConflictException (createSeatedBooking).
    const seat = newSeat(attendee, { ...responses });
    const existing = state.seatedAt(et, start);
    if (existing?.seats) {
      if (existing.seats.length >= et.seats.seatsPerTimeSlot) throw conflict(MESSAGES.seatsFull);
      existing.seats.push(seat);
      existing.updatedAt = state.now();
      return answer(ok({ ...bookingOutput(existing, state), seatUid: seat.seatUid }, 201));
    }
    const b = state.addBooking({
      ...base,
      start,
      end: start + lengthMinutes * 60_000,
      status,
      seats: [seat],
    });
    return answer(ok({ ...bookingOutput(b, state), seatUid: seat.seatUid }, 201));
  }
  const b = state.addBooking({ ...base, start, end: start + lengthMinutes * 60_000, status });
  return answer(ok(bookingOutput(b, state), 201));
}

/**
 * GET /v2/bookings/{uid} (BookingsService_2024_08_13.getBooking): a booking, or — for a recurring
 * booking's uid — the array of its occurrences; else 404.
 */
export function bookingOrSeries(state: FakeCalcomState, uid: string): unknown {
  const b = state.booking(uid);
  if (b) return bookingOutput(b, state);
  const series = state.recurrence(uid);
  if (series.length) return series.map((x) => bookingOutput(x, state));
  throw notFound(MESSAGES.notFoundInDb(uid));
}

export function getBooking(ctx: RouteContext): FakeResponse {
  return ok(bookingOrSeries(ctx.state, ctx.params.uid as string));
}

/** addStatusesQueryFilters (packages/trpc/server/routers/viewer/bookings/get.handler.ts). */
function hasStatus(b: FakeBooking, s: ListStatus, now: number): boolean {
  const recurring = b.recurringBookingUid !== undefined;
  const live = b.status !== "cancelled" && b.status !== "rejected";
  switch (s) {
    case "upcoming":
      return b.end >= now && (recurring ? b.status === "accepted" : live);
    case "recurring":
      return b.end >= now && recurring && live;
    case "past":
      return b.end <= now && live;
    case "cancelled":
      return !live;
    case "unconfirmed":
      return b.end >= now && b.status === "pending";
  }
}

function sortFor(statuses: readonly ListStatus[], q: Record<string, string>) {
  // getOrderBy (get.handler.ts)
  const sort = q.sortStart ?? q.sortEnd ?? q.sortCreated ?? q.sortUpdatedAt;
  if (statuses.length === 1 && sort === undefined) {
    const s = statuses[0] as ListStatus;
    return { key: "start" as const, dir: s === "past" || s === "cancelled" ? -1 : 1 };
  }
  const dir = (v: string | undefined) => (v === "desc" ? -1 : 1);
  if (q.sortStart) return { key: "start" as const, dir: dir(q.sortStart) };
  if (q.sortEnd) return { key: "end" as const, dir: dir(q.sortEnd) };
  if (q.sortCreated) return { key: "createdAt" as const, dir: dir(q.sortCreated) };
  if (q.sortUpdatedAt) return { key: "updatedAt" as const, dir: dir(q.sortUpdatedAt) };
  return { key: "start" as const, dir: 1 };
}

const intList = (v: string) => v.split(",").map((x) => Number.parseInt(x, 10));

export function listBookings(ctx: RouteContext): FakeResponse {
  const { state } = ctx;
  const q = ctx.query;
  checkQuery(q, LIST_KEYS);
  const now = state.now();
  // GetBookingsInput_2024_08_13
  const statuses = q.status === undefined ? [] : q.status.split(",").map((s) => s.trim());
  for (const s of statuses) {
    if (!(STATUSES as readonly string[]).includes(s))
      throw badRequest("Invalid status. Allowed are upcoming, recurring, past, cancelled, unconfirmed");
  }
  const take = q.take === undefined || q.take === "" ? 100 : Number(q.take);
  const skip = q.skip === undefined || q.skip === "" ? 0 : Number(q.skip);
  if (!Number.isInteger(take))
    throw badRequest("take must be a number conforming to the specified constraints");
  if (take > 250) throw badRequest("take must not be greater than 250");
  if (take < 1) throw badRequest("take must not be less than 1");
  if (!Number.isInteger(skip))
    throw badRequest("skip must be a number conforming to the specified constraints");
  if (skip < 0) throw badRequest("skip must not be less than 0");
  for (const k of ["sortStart", "sortEnd", "sortCreated", "sortUpdatedAt"]) {
    if (q[k] !== undefined && q[k] !== "asc" && q[k] !== "desc")
      throw badRequest(
        `${k === "sortUpdatedAt" ? "SortCreated" : k.replace(/^s/, "S")} must be either "asc" or "desc".`,
      );
  }
  const afterStart = isoFilter(q.afterStart, "fromDate");
  const beforeEnd = isoFilter(q.beforeEnd, "toDate");
  const afterCreated = isoFilter(q.afterCreatedAt, "fromDate");
  const beforeCreated = isoFilter(q.beforeCreatedAt, "toDate");
  const afterUpdated = isoFilter(q.afterUpdatedAt, "fromDate");
  const beforeUpdated = isoFilter(q.beforeUpdatedAt, "toDate");
  const eventTypeIds =
    q.eventTypeIds !== undefined
      ? intList(q.eventTypeIds)
      : q.eventTypeId !== undefined
        ? intList(q.eventTypeId)
        : undefined;
  if (eventTypeIds?.some((n) => Number.isNaN(n))) throw badRequest("eventTypeIds must contain numbers");
  if (eventTypeIds && !eventTypeIds.some((id) => state.eventType(id))) {
    // getEventTypeIdsFromEventTypeIdsFilter
    throw trpcError(400, "The requested event-types do not exist.");
  }
  // The Transform of attendeeEmail: trim, inner whitespace → "+"; matched exactly (SQL "=").
  const attendeeEmail = q.attendeeEmail?.trim().replace(/\s+/g, "+");

  const base = state.visibleBookings().filter(
    (b) =>
      (statuses.length === 0 || statuses.some((s) => hasStatus(b, s as ListStatus, now))) &&
      // The 2024-04-15 fallback (wrong or missing cal-api-version) ignores attendeeEmail.
      (!ctx.versionOk ||
        attendeeEmail === undefined ||
        attendeesOf(b).some((a) => a.email === attendeeEmail)) &&
      (q.attendeeName === undefined || attendeesOf(b).some((a) => a.name === q.attendeeName?.trim())) &&
      (q.bookingUid === undefined || b.uid === q.bookingUid.trim()) &&
      (eventTypeIds === undefined || (b.eventTypeId !== null && eventTypeIds.includes(b.eventTypeId))) &&
      (afterStart === undefined || b.start >= afterStart) &&
      (beforeEnd === undefined || b.end <= beforeEnd),
  );
  // getBookings counts the union before the updated/created filters apply to the page query.
  const totalCount = base.length;
  const { key, dir } = sortFor(statuses as ListStatus[], q);
  const filtered = base
    .filter(
      (b) =>
        (afterUpdated === undefined || b.updatedAt >= afterUpdated) &&
        (beforeUpdated === undefined || b.updatedAt <= beforeUpdated) &&
        (afterCreated === undefined || b.createdAt >= afterCreated) &&
        (beforeCreated === undefined || b.createdAt <= beforeCreated),
    )
    .sort((a, b) => dir * (a[key] - b[key]) || a.id - b.id);
  const page = filtered.slice(skip, skip + take);
  return ok(
    page.map((b) => bookingOutput(b, state)),
    200,
    { pagination: pagination(totalCount, skip, take, state) },
  );
}

import { IANAZone } from "luxon";
import { badRequest, FakeHttpError, type FakeResponse, notFound, ok } from "./envelope.js";
import type { RouteContext } from "./routes.js";
import { bookingOutput, pagination } from "./shapes.js";
import { isActive } from "./state.js";
import type { FakeBooking } from "./types.js";
import {
  asObject,
  checkEmail,
  checkMetadata,
  checkQuery,
  instant,
  LANGUAGES,
  optionalString,
  rejectUnknown,
  requireString,
} from "./validate.js";

// Property lists of CreateBookingInput_2024_08_13, CreateBookingAttendee, CancelBookingInput_2024_08_13
// (+ the seated variant), RescheduleBookingInput_2024_08_13 (+ seated) and GET /v2/bookings' query.
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
];
const ATTENDEE_KEYS = ["name", "timeZone", "phoneNumber", "language", "email"];
const CANCEL_KEYS = ["cancellationReason", "cancelSubsequentBookings", "seatUid"];
const RESCHEDULE_KEYS = ["start", "rescheduledBy", "reschedulingReason", "emailVerificationCode", "seatUid"];
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

function booking(ctx: RouteContext): FakeBooking {
  const uid = ctx.params.uid as string;
  const b = ctx.state.bookings.get(uid);
  if (!b) throw notFound(`Booking with uid=${uid} was not found in the database`);
  return b;
}

export function createBooking(ctx: RouteContext): FakeResponse {
  const body = asObject(ctx.body, "body");
  rejectUnknown(body, CREATE_KEYS);
  const start = instant(requireString(body, "start"), "start");
  const attendee = asObject(body.attendee, "attendee");
  rejectUnknown(attendee, ATTENDEE_KEYS, "attendee.");
  const name = requireString(attendee, "name", "attendee.");
  const timeZone = requireString(attendee, "timeZone", "attendee.");
  if (!IANAZone.isValidZone(timeZone)) throw badRequest("attendee.timeZone must be a valid IANA time zone");
  const language = optionalString(attendee, "language", "attendee.") ?? "en";
  if (!LANGUAGES.includes(language))
    throw badRequest(`attendee.language must be one of: ${LANGUAGES.join(", ")}`);
  const email = requireString(attendee, "email", "attendee.");
  const metadata = checkMetadata(body.metadata);
  if (typeof body.eventTypeId !== "number") throw badRequest("eventTypeId must be a number");
  const et = ctx.state.eventType(body.eventTypeId);
  if (!et) throw notFound(`Event type with id ${body.eventTypeId} not found.`);
  checkEmail(email, ctx.undeliverableDomains);
  const refusal = ctx.state.refusal(et, start, email);
  if (refusal) throw badRequest(refusal);
  const b = ctx.state.addBooking({
    eventTypeId: et.id,
    start,
    end: start + et.lengthInMinutes * 60_000,
    attendee: { name, email, timeZone, language },
    metadata,
  });
  return ok(bookingOutput(b, ctx.state), 201);
}

export function getBooking(ctx: RouteContext): FakeResponse {
  return ok(bookingOutput(booking(ctx), ctx.state));
}

export function listBookings(ctx: RouteContext): FakeResponse {
  const q = ctx.query;
  checkQuery(q, LIST_KEYS);
  const now = ctx.state.now();
  const statuses = q.status ? q.status.split(",").map((s) => s.trim()) : [];
  const take = q.take === undefined ? 100 : Number(q.take);
  const skip = q.skip === undefined ? 0 : Number(q.skip);
  if (!Number.isInteger(take) || take < 1 || take > 250)
    throw badRequest("take must not be greater than 250");
  if (!Number.isInteger(skip) || skip < 0) throw badRequest("skip must not be less than 0");
  const after = q.afterStart === undefined ? undefined : instant(q.afterStart, "afterStart");
  const before = q.beforeEnd === undefined ? undefined : instant(q.beforeEnd, "beforeEnd");
  const matchesStatus = (b: FakeBooking) =>
    statuses.length === 0 ||
    statuses.some((s) => {
      if (s === "upcoming") return isActive(b) && b.end >= now;
      if (s === "unconfirmed") return b.status === "pending" && b.end >= now;
      if (s === "past") return isActive(b) && b.end < now;
      if (s === "cancelled") return !isActive(b);
      return false;
    });
  let list = [...ctx.state.bookings.values()].filter(
    (b) =>
      matchesStatus(b) &&
      // The 2024-04-15 fallback (wrong or missing cal-api-version) ignores attendeeEmail.
      (!ctx.versionOk ||
        q.attendeeEmail === undefined ||
        b.attendee.email.toLowerCase() === q.attendeeEmail.toLowerCase()) &&
      (q.attendeeName === undefined || b.attendee.name === q.attendeeName) &&
      (q.bookingUid === undefined || b.uid === q.bookingUid) &&
      (q.eventTypeId === undefined || b.eventTypeId === Number(q.eventTypeId)) &&
      (after === undefined || b.start >= after) &&
      (before === undefined || b.end <= before),
  );
  const dir = q.sortStart === "desc" ? -1 : 1;
  list = list.sort((a, b) => dir * (a.start - b.start));
  const page = list.slice(skip, skip + take);
  return ok(
    page.map((b) => bookingOutput(b, ctx.state)),
    200,
    { pagination: pagination(list.length, skip, take, page.length) },
  );
}

export function cancelBooking(ctx: RouteContext): FakeResponse {
  const b = booking(ctx);
  const body = asObject(ctx.body ?? {}, "body");
  rejectUnknown(body, CANCEL_KEYS);
  const reason = optionalString(body, "cancellationReason");
  if (!isActive(b))
    throw badRequest(`Can't cancel booking with uid=${b.uid} because it has been cancelled already.`);
  b.status = "cancelled";
  b.cancellationReason = reason ?? "";
  b.updatedAt = ctx.state.now();
  return ok(bookingOutput(b, ctx.state));
}

export function rescheduleBooking(ctx: RouteContext): FakeResponse {
  const old = booking(ctx);
  const body = asObject(ctx.body, "body");
  rejectUnknown(body, RESCHEDULE_KEYS);
  const start = instant(requireString(body, "start"), "start");
  const reason = optionalString(body, "reschedulingReason");
  if (!isActive(old)) {
    throw badRequest(
      `Can't reschedule booking with uid=${old.uid} because it has been cancelled. Please provide uid of a booking that is not cancelled.`,
    );
  }
  const et = ctx.state.eventType(old.eventTypeId);
  if (!et) throw new FakeHttpError(500, "InternalServerErrorException", "event type vanished");
  const refusal = ctx.state.refusal(et, start, old.attendee.email, old.uid);
  if (refusal) throw badRequest(refusal);
  const now = ctx.state.now();
  const next = ctx.state.addBooking({
    eventTypeId: old.eventTypeId,
    start,
    end: start + et.lengthInMinutes * 60_000,
    attendee: { ...old.attendee },
    metadata: { ...old.metadata },
    location: old.location,
    rescheduledFromUid: old.uid,
  });
  if (reason !== undefined) next.reschedulingReason = reason;
  old.status = "cancelled";
  old.rescheduledToUid = next.uid;
  old.updatedAt = now;
  return ok(bookingOutput(next, ctx.state), 201);
}

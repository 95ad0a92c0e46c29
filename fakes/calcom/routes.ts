import { IANAZone } from "luxon";
import { groupByDate } from "./availability.js";
import { badRequest, type FakeResponse, notFound, ok } from "./envelope.js";
import type { LatePlan } from "./late.js";
import {
  cancelBooking,
  confirmBooking,
  declineBooking,
  requestReschedule,
  rescheduleBooking,
} from "./routes-booking-actions.js";
import { createBooking, getBooking, listBookings } from "./routes-bookings.js";
import { eventTypeOutput, meOutput } from "./shapes.js";
import type { FakeCalcomState } from "./state.js";
import type { FakeOp } from "./types.js";
import { checkQuery, instant } from "./validate.js";

export type FakeEndpoint = "me" | "eventTypes" | "slots" | "bookings";

export interface RouteContext {
  state: FakeCalcomState;
  query: Record<string, string>;
  params: Record<string, string>;
  body: unknown;
  /** Whether the request carried the cal-api-version this endpoint needs. */
  versionOk: boolean;
  /** The cal-api-version header as sent. */
  version: string | undefined;
  undeliverableDomains: readonly string[];
  late: LatePlan;
}

export interface Route {
  op: FakeOp;
  method: "GET" | "POST";
  pattern: RegExp;
  endpoint: FakeEndpoint;
  handle: (ctx: RouteContext) => FakeResponse;
  /**
   * Only these cal-api-version values reach the route; others fall back to the 2024-04-15
   * controller, which lacks it → 404 "Cannot POST …" (apps/api/v2/src/ee/bookings/2024-04-15/controllers/bookings.controller.ts).
   */
  onlyVersions?: readonly string[] | "bookings";
}

const SLOTS_KEYS = [
  "bookingUidToReschedule",
  "start",
  "end",
  "organizationSlug",
  "teamSlug",
  "username",
  "eventTypeSlug",
  "eventTypeId",
  "usernames",
  "format",
  "duration",
  "timeZone",
];
const EVENT_TYPES_KEYS = ["username", "eventSlug", "usernames", "orgSlug", "orgId", "sortCreatedAt"];

function getMe(ctx: RouteContext): FakeResponse {
  return ok(meOutput(ctx.state.owner));
}

function listEventTypes(ctx: RouteContext): FakeResponse {
  checkQuery(ctx.query, EVENT_TYPES_KEYS);
  const { username, eventSlug } = ctx.query;
  if (eventSlug !== undefined && username === undefined)
    throw badRequest("username is required with eventSlug");
  const found = ctx.state.eventTypes.filter(
    (e) =>
      (username === undefined || e.ownerUsername === username) &&
      (eventSlug === undefined || e.slug === eventSlug),
  );
  // The 2024-04-15 controller (no or wrong cal-api-version) answers a different shape.
  if (!ctx.versionOk)
    return ok({ eventTypeGroups: [{ eventTypes: found.map((e) => ({ id: e.id, slug: e.slug })) }] });
  if (found.length === 0) throw notFound("Event types not found");
  return ok(found.map((e) => eventTypeOutput(e, ctx.state)));
}

function getEventType(ctx: RouteContext): FakeResponse {
  const et = ctx.state.eventType(Number(ctx.params.id));
  if (!et) throw notFound(`Event type with id=${ctx.params.id} not found`);
  if (!ctx.versionOk) return ok({ eventType: { id: et.id, slug: et.slug, length: et.lengthInMinutes } });
  return ok(eventTypeOutput(et, ctx.state));
}

function getSlots(ctx: RouteContext): FakeResponse {
  const q = ctx.query;
  checkQuery(q, SLOTS_KEYS);
  const from = instant(q.start, "start");
  const to = instant(q.end, "end", true);
  const zone = q.timeZone ?? "UTC";
  if (!IANAZone.isValidZone(zone)) throw badRequest(`timeZone must be a valid IANA time zone`);
  const et =
    q.eventTypeId !== undefined
      ? ctx.state.eventType(Number(q.eventTypeId))
      : ctx.state.eventTypes.find((e) => e.slug === q.eventTypeSlug && e.ownerUsername === q.username);
  if (q.eventTypeId === undefined && (q.eventTypeSlug === undefined || q.username === undefined)) {
    throw badRequest("Either eventTypeId or eventTypeSlug + username must be provided");
  }
  if (!et) throw notFound("Event Type not found");
  // duration is passed through unchecked (slots-input.service.ts); length = duration || length
  const duration = q.duration === undefined ? undefined : Number(q.duration);
  if (duration !== undefined && (!Number.isInteger(duration) || duration < 1))
    throw badRequest("duration must be a positive integer");
  const lengthMinutes = duration || et.lengthInMinutes;
  const starts = ctx.state.freeStarts(et, from, to, {
    ...(q.bookingUidToReschedule === undefined ? {} : { ignoreUid: q.bookingUidToReschedule }),
    lengthMinutes,
  });
  // Seated slots (slots-output.service.ts getAvailableTimeSlotSeated)
  const seats = et.seats;
  const extra = seats
    ? (t: number) => {
        const b = ctx.state.seatedAt(et, t);
        const booked = b?.seats?.length ?? 0;
        return {
          seatsBooked: booked,
          seatsRemaining: seats.seatsPerTimeSlot - booked,
          seatsTotal: seats.seatsPerTimeSlot,
          ...(b ? { bookingUid: b.uid } : {}),
        };
      }
    : undefined;
  return ok(
    groupByDate(starts, zone, lengthMinutes, q.format === "range", et.onlyShowFirstAvailableSlot, extra),
  );
}

export const ROUTES: Route[] = [
  { op: "getMe", method: "GET", pattern: /^\/v2\/me$/, endpoint: "me", handle: getMe },
  {
    op: "listEventTypes",
    method: "GET",
    pattern: /^\/v2\/event-types$/,
    endpoint: "eventTypes",
    handle: listEventTypes,
  },
  {
    op: "getEventType",
    method: "GET",
    pattern: /^\/v2\/event-types\/(?<id>\d+)$/,
    endpoint: "eventTypes",
    handle: getEventType,
  },
  { op: "getSlots", method: "GET", pattern: /^\/v2\/slots$/, endpoint: "slots", handle: getSlots },
  {
    op: "createBooking",
    method: "POST",
    pattern: /^\/v2\/bookings$/,
    endpoint: "bookings",
    handle: createBooking,
  },
  {
    op: "listBookings",
    method: "GET",
    pattern: /^\/v2\/bookings$/,
    endpoint: "bookings",
    handle: listBookings,
  },
  {
    op: "getBooking",
    method: "GET",
    pattern: /^\/v2\/bookings\/(?<uid>[^/]+)$/,
    endpoint: "bookings",
    handle: getBooking,
  },
  {
    op: "cancelBooking",
    method: "POST",
    pattern: /^\/v2\/bookings\/(?<uid>[^/]+)\/cancel$/,
    endpoint: "bookings",
    handle: cancelBooking,
  },
  {
    op: "rescheduleBooking",
    method: "POST",
    pattern: /^\/v2\/bookings\/(?<uid>[^/]+)\/reschedule$/,
    endpoint: "bookings",
    handle: rescheduleBooking,
  },
  // B/controllers/bookings.controller.ts (2024-08-13) and the 2026-02-25 controller
  {
    op: "confirmBooking",
    method: "POST",
    pattern: /^\/v2\/bookings\/(?<uid>[^/]+)\/confirm$/,
    endpoint: "bookings",
    handle: confirmBooking,
    onlyVersions: "bookings",
  },
  {
    op: "declineBooking",
    method: "POST",
    pattern: /^\/v2\/bookings\/(?<uid>[^/]+)\/decline$/,
    endpoint: "bookings",
    handle: declineBooking,
    onlyVersions: "bookings",
  },
  // apps/api/v2/src/ee/bookings/2026-02-25/controllers/bookings.controller.ts only
  {
    op: "requestReschedule",
    method: "POST",
    pattern: /^\/v2\/bookings\/(?<uid>[^/]+)\/request-reschedule$/,
    endpoint: "bookings",
    handle: requestReschedule,
    onlyVersions: ["2026-02-25"],
  },
];

export function matchRoute(
  method: string,
  path: string,
): { route: Route; params: Record<string, string> } | undefined {
  for (const route of ROUTES) {
    if (route.method !== method) continue;
    const m = route.pattern.exec(path);
    if (m)
      return {
        route,
        params: Object.fromEntries(
          Object.entries(m.groups ?? {}).map(([k, v]) => [k, decodeURIComponent(v)]),
        ),
      };
  }
  return undefined;
}

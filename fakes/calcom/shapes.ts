import { attendeesOf, type FakeCalcomState, type FakeOwner } from "./state.js";
import type { FakeBooking, FakeBookingField, FakeEventType, FakeIntervalLimits } from "./types.js";

/** Objects shaped like what Cal.com's output services emit (see each function's source). */

const iso = (t: number) => new Date(t).toISOString();
const without = <T extends Record<string, unknown>>(o: T): T =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

// MeOutput
export function meOutput(o: FakeOwner) {
  return {
    id: o.id,
    username: o.username,
    email: o.email,
    name: o.name,
    avatarUrl: null,
    bio: null,
    timeFormat: 24,
    defaultScheduleId: 1,
    weekStart: "Monday",
    timeZone: o.timeZone,
    organizationId: null,
  };
}

/**
 * bookingFields: the system fields getBookingFieldsWithSystemFields always adds
 * (packages/features/bookings/lib/getBookingFields.ts) in the v2 form of
 * ET/transformers/internal-to-api/booking-fields.ts, the custom ones between location and title.
 */
function bookingFieldsOutput(et: FakeEventType) {
  const system = (
    slug: string,
    type: string,
    required: boolean,
    hidden: boolean | undefined,
  ): Record<string, unknown> =>
    without({ isDefault: true, type, slug, required, disableOnPrefill: false, hidden });
  const custom = (f: FakeBookingField) =>
    without({
      isDefault: false,
      type: f.type,
      slug: f.slug,
      label: f.label ?? "",
      required: f.required,
      placeholder: f.placeholder,
      disableOnPrefill: false,
      options: f.options,
      hidden: f.hidden ?? false,
    });
  return [
    system("name", "name", true, undefined),
    system("email", "email", true, false),
    { isDefault: true, type: "radioInput", slug: "location", required: false, hidden: false },
    ...et.bookingFields.map(custom),
    system("title", "text", true, true),
    system("notes", "textarea", false, false),
    system("guests", "multiemail", false, et.disableGuests),
    system("rescheduleReason", "textarea", false, false),
  ];
}

// ET/transformers/internal-to-api/requires-confirmation.ts
function confirmationPolicyOutput(et: FakeEventType) {
  if (!et.requiresConfirmation) return { disabled: true };
  const block = et.confirmationPolicy?.blockUnconfirmedBookingsInBooker ?? false;
  const t = et.confirmationPolicy?.noticeThreshold;
  if (et.confirmationPolicy?.type === "time" && t) {
    return {
      type: "time",
      noticeThreshold: { unit: t.unit, count: t.count },
      blockUnconfirmedBookingsInBooker: block,
    };
  }
  return { type: "always", blockUnconfirmedBookingsInBooker: block };
}

// ET/transformers/internal-to-api/interval-limits.ts: absent when unset
const limits = (l: FakeIntervalLimits | undefined) => (l ? { ...l } : undefined);

/** EventTypeOutput_2024_06_14 as ET/services/output-event-types.service.ts getResponseEventType builds it. */
export function eventTypeOutput(et: FakeEventType, state: FakeCalcomState) {
  const o = state.owner;
  return without({
    id: et.id,
    ownerId: o.id,
    lengthInMinutes: et.lengthInMinutes,
    // metadata.multipleDuration; absent when the event type has only one length
    lengthInMinutesOptions: et.lengthInMinutesOptions ? [...et.lengthInMinutesOptions] : undefined,
    title: et.title,
    slug: et.slug,
    description: "",
    locations: et.locations,
    bookingFields: bookingFieldsOutput(et),
    // transformRecurringEvent: null when not recurring
    recurrence: et.recurrence ? { ...et.recurrence } : null,
    disableGuests: et.disableGuests,
    slotInterval: et.slotInterval ?? null,
    minimumBookingNotice: et.minimumBookingNotice,
    beforeEventBuffer: 0,
    afterEventBuffer: 0,
    metadata: {},
    price: 0,
    currency: "usd",
    lockTimeZoneToggleOnBookingPage: false,
    forwardParamsSuccessRedirect: null,
    successRedirectUrl: null,
    isInstantEvent: false,
    // transformUsers: objects, although openapi types the items as strings
    users: [
      {
        id: o.id,
        name: o.name,
        username: o.username,
        avatarUrl: null,
        brandColor: null,
        darkBrandColor: null,
        weekStart: "Monday",
        metadata: {},
      },
    ],
    scheduleId: null,
    bookingLimitsCount: limits(et.bookingLimitsCount),
    bookingLimitsDuration: limits(et.bookingLimitsDuration),
    onlyShowFirstAvailableSlot: et.onlyShowFirstAvailableSlot,
    offsetStart: 0,
    bookingWindow: [{ type: "calendarDays", value: et.bookingWindowDays, rolling: true }],
    confirmationPolicy: confirmationPolicyOutput(et),
    requiresBookerEmailVerification: et.requiresBookerEmailVerification,
    hideCalendarNotes: false,
    // ET/transformers/internal-to-api/seats.ts
    seats: et.seats ? { ...et.seats } : { disabled: true },
    hideCalendarEventDetails: false,
    hideOrganizerEmail: false,
    hidden: et.hidden,
    bookingRequiresAuthentication: false,
    // transformBookerActiveBookingsLimit
    bookerActiveBookingsLimit:
      et.maxActiveBookingsPerAttendee === undefined
        ? { disabled: true }
        : { maximumActiveBookings: et.maxActiveBookingsPerAttendee },
    bookingUrl: `https://cal.com/${et.ownerUsername}/${et.slug}`,
    disableCancelling: { disabled: et.disableCancelling },
    // transformDisableRescheduling
    disableRescheduling: et.disableRescheduling
      ? { disabled: true }
      : et.minimumRescheduleNotice
        ? { disabled: false, minutesBefore: et.minimumRescheduleNotice }
        : { disabled: false },
    interfaceLanguage: null,
    allowReschedulingPastBookings: false,
    allowReschedulingCancelledBookings: false,
    showOptimizedSlots: false,
  });
}

// OutputBookingsService_2024_08_13.getDisplayEmail
const displayEmail = (email: string) => email.replace(/\+[a-zA-Z0-9]{25}/, "");

function host(o: FakeOwner) {
  return {
    id: o.id,
    name: o.name,
    email: o.email,
    displayEmail: displayEmail(o.email),
    username: o.username,
    timeZone: o.timeZone,
  };
}

/** The fields every booking shape shares (B/services/output.service.ts getOutputBooking & co). */
function common(b: FakeBooking, state: FakeCalcomState) {
  const q = state.outputQuirks;
  const et = state.eventType(b.eventTypeId);
  const gone = q.eventTypeNull === true || b.eventTypeId === null || !et;
  const location = q.location === "null" ? null : b.location;
  const cancelled = b.status === "cancelled";
  const mode = q.cancellationFields ?? "always";
  const reason = b.cancellationReason ?? "";
  const by = b.cancelledBy ?? "";
  const cancellation =
    mode === "always"
      ? { cancellationReason: reason, cancelledByEmail: by }
      : mode === "cancelled"
        ? cancelled
          ? { cancellationReason: b.cancellationReason ?? null, cancelledByEmail: b.cancelledBy ?? null }
          : {}
        : without({ cancellationReason: reason || undefined, cancelledByEmail: by || undefined });
  // getRescheduledByEmail: the old booking's own rescheduledBy, the new one's predecessor's
  const previous = b.rescheduledFromUid ? state.bookings.get(b.rescheduledFromUid) : undefined;
  const rescheduledByEmail =
    b.rescheduled || b.rescheduledToUid
      ? (b.rescheduledBy ?? null)
      : b.rescheduledFromUid
        ? (previous?.rescheduledBy ?? b.rescheduledBy ?? null)
        : (b.rescheduledBy ?? null);
  return {
    id: b.id,
    uid: b.uid,
    title: b.title,
    description: b.description,
    hosts: [host(state.owner)],
    status: b.status,
    ...cancellation,
    ...(b.reschedulingReason === undefined ? {} : { reschedulingReason: b.reschedulingReason }),
    ...(b.rescheduledFromUid === undefined ? {} : { rescheduledFromUid: b.rescheduledFromUid }),
    start: iso(b.start),
    end: iso(b.end),
    duration: Math.round((b.end - b.start) / 60_000),
    eventType: gone ? null : { id: et.id, slug: et.slug },
    eventTypeId: gone ? null : et.id,
    ...(q.location === "absent" ? {} : { location, meetingUrl: location }),
    absentHost: false,
    createdAt: iso(b.createdAt),
    updatedAt: iso(b.updatedAt),
    rating: null,
    icsUid: `${b.uid}@Cal.com`,
    // getRescheduledToUid: only for a booking that was rescheduled into another one
    ...(b.rescheduledToUid ? { rescheduledToUid: b.rescheduledToUid } : {}),
    rescheduledByEmail,
    metadata: b.metadata,
  };
}

function attendeeOutput(a: FakeBooking["attendee"], state: FakeCalcomState) {
  return without({
    name: a.name,
    email: a.email,
    displayEmail: displayEmail(a.email),
    timeZone: a.timeZone,
    language: state.outputQuirks.attendeeLanguageNull ? null : a.language,
    absent: false,
    phoneNumber: a.phoneNumber,
  });
}

function responsesOutput(b: FakeBooking) {
  return without({
    ...b.responses,
    name: b.attendee.name,
    email: b.attendee.email,
    displayEmail: displayEmail(b.attendee.email),
    guests: b.guests,
    displayGuests: b.guests?.map(displayEmail),
  });
}

/**
 * BookingOutput_2024_08_13, RecurringBookingOutput_2024_08_13 (adds recurringBookingUid) or, for a
 * seated booking, GetSeatedBookingOutput_2024_08_13 / GetRecurringSeatedBookingOutput_2024_08_13:
 * attendees are SeatedAttendee (seatUid, bookingFieldsResponses without email, metadata), no
 * top-level bookingFieldsResponses, cancelledByEmail or reschedulingReason. The fake's caller is
 * always the owner, so seated attendees are shown.
 */
export function bookingOutput(b: FakeBooking, state: FakeCalcomState) {
  const base = common(b, state);
  const recurring = b.recurringBookingUid === undefined ? {} : { recurringBookingUid: b.recurringBookingUid };
  if (b.seats) {
    const {
      cancelledByEmail: _c,
      reschedulingReason: _r,
      ...rest
    } = base as typeof base & {
      cancelledByEmail?: unknown;
      reschedulingReason?: unknown;
    };
    return {
      ...rest,
      ...recurring,
      attendees: b.seats.map((s) => {
        const { email: _e, ...responses } = {
          ...s.responses,
          name: s.attendee.name,
          email: s.attendee.email,
        };
        return {
          ...attendeeOutput(s.attendee, state),
          seatUid: s.seatUid,
          bookingFieldsResponses: responses,
          metadata: s.metadata,
        };
      }),
    };
  }
  return {
    ...base,
    ...recurring,
    attendees: attendeesOf(b).map((a) => attendeeOutput(a, state)),
    guests: b.guests ?? [],
    bookingFieldsResponses: responsesOutput(b),
  };
}

/** PaginationMetaDto from apps/api/v2/src/lib/pagination/pagination.ts getPagination. */
export function pagination(total: number, skip: number, take: number, state: FakeCalcomState) {
  const clamp = (v: number, min: number, max: number) => Math.max(min, Math.min(v, max));
  const safeSkip = clamp(skip, 0, total);
  const totalPages = take !== 0 ? Math.ceil(total / take) : 0;
  const returned = clamp(total - safeSkip, 0, take);
  return {
    [state.outputQuirks.paginationReturnedKey ?? "returnedItems"]: returned,
    totalItems: total,
    itemsPerPage: take,
    remainingItems: clamp(total - (safeSkip + take), 0, total),
    currentPage: totalPages === 0 ? 0 : clamp(Math.floor(safeSkip / take) + 1, 1, totalPages),
    totalPages,
    hasNextPage: safeSkip + take < total,
    hasPreviousPage: safeSkip > 0,
  };
}

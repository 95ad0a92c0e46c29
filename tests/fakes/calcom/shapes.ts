import type { FakeCalcomState, FakeOwner } from "./state.js";
import type { FakeBooking, FakeEventType } from "./types.js";

/** Objects shaped like the OpenAPI document's outputs, every required field present. */

const iso = (t: number) => new Date(t).toISOString();

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

// EventTypeOutput_2024_06_14
export function eventTypeOutput(et: FakeEventType, state: FakeCalcomState) {
  return {
    id: et.id,
    lengthInMinutes: et.lengthInMinutes,
    lengthInMinutesOptions: [],
    title: et.title,
    slug: et.slug,
    description: "",
    locations: et.locations,
    bookingFields: [],
    disableGuests: true,
    slotInterval: null,
    minimumBookingNotice: et.minimumBookingNotice,
    beforeEventBuffer: 0,
    afterEventBuffer: 0,
    recurrence: null,
    metadata: {},
    price: 0,
    currency: "usd",
    lockTimeZoneToggleOnBookingPage: false,
    seatsPerTimeSlot: null,
    forwardParamsSuccessRedirect: null,
    successRedirectUrl: null,
    isInstantEvent: false,
    seatsShowAvailabilityCount: null,
    scheduleId: null,
    bookingLimitsCount: {},
    ...(et.maxActiveBookingsPerAttendee === undefined
      ? {}
      : { bookerActiveBookingsLimit: { maximumActiveBookings: et.maxActiveBookingsPerAttendee } }),
    onlyShowFirstAvailableSlot: false,
    bookingLimitsDuration: {},
    bookingWindow: [{ type: "calendarDays", value: et.bookingWindowDays, rolling: true }],
    hidden: et.hidden,
    bookingRequiresAuthentication: false,
    ownerId: state.owner.id,
    users: [state.owner.username],
    bookingUrl: `https://cal.com/${et.ownerUsername}/${et.slug}`,
  };
}

// BookingOutput_2024_08_13
export function bookingOutput(b: FakeBooking, state: FakeCalcomState) {
  const et = state.eventType(b.eventTypeId);
  const o = state.owner;
  return {
    id: b.id,
    uid: b.uid,
    title: b.title,
    description: "",
    hosts: [
      {
        id: o.id,
        name: o.name,
        email: o.email,
        displayEmail: o.email,
        username: o.username,
        timeZone: o.timeZone,
      },
    ],
    status: b.status,
    ...(b.cancellationReason === undefined
      ? {}
      : { cancellationReason: b.cancellationReason, cancelledByEmail: o.email }),
    ...(b.reschedulingReason === undefined ? {} : { reschedulingReason: b.reschedulingReason }),
    ...(b.rescheduledFromUid === undefined ? {} : { rescheduledFromUid: b.rescheduledFromUid }),
    ...(b.rescheduledToUid === undefined ? {} : { rescheduledToUid: b.rescheduledToUid }),
    start: iso(b.start),
    end: iso(b.end),
    duration: Math.round((b.end - b.start) / 60_000),
    eventTypeId: b.eventTypeId,
    eventType: { id: b.eventTypeId, slug: et?.slug ?? "unknown" },
    location: b.location,
    absentHost: false,
    createdAt: iso(b.createdAt),
    updatedAt: iso(b.updatedAt),
    metadata: b.metadata,
    icsUid: `${b.uid}@Cal.com`,
    attendees: [
      {
        name: b.attendee.name,
        email: b.attendee.email,
        displayEmail: b.attendee.email,
        timeZone: b.attendee.timeZone,
        language: b.attendee.language,
        absent: false,
      },
    ],
    guests: [],
    bookingFieldsResponses: { name: b.attendee.name, email: b.attendee.email },
  };
}

// PaginationMetaDto
export function pagination(total: number, skip: number, take: number, returned: number) {
  return {
    totalItems: total,
    remainingItems: Math.max(0, total - (skip + returned)),
    returnedItems: returned,
    itemsPerPage: take,
    currentPage: Math.floor(skip / take) + 1,
    totalPages: Math.ceil(total / take),
    hasNextPage: skip + returned < total,
    hasPreviousPage: skip > 0,
  };
}

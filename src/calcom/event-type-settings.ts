import type { EventTypeOutput } from "./schemas.js";

/**
 * The event type's settings the bot may not be able to serve, read from EventTypeOutput_2024_06_14
 * (openapi-v2.json; shapes from Cal.com's ET/transformers/internal-to-api: booking-fields.ts,
 * seats.ts `{disabled:true}` when off, recurrence `null` when off, `{disabled}` objects for
 * cancelling and rescheduling, interval limits absent when unset). Unknown shapes read as "off".
 */
export interface EventTypeSettings {
  /** Required booking questions beyond the ones the bot fills (name, email). */
  requiredQuestions: Array<{ slug: string; label: string; type: string }>;
  /** Optional booking questions the bot leaves empty. */
  optionalQuestions: string[];
  emailVerification: boolean;
  /** Seats per time slot when seats are on. */
  seatsPerTimeSlot: number | undefined;
  recurrence: { frequency: string; interval: number; occurrences: number } | undefined;
  cancellingDisabled: boolean;
  reschedulingDisabled: boolean;
  /** Attendees may not move a meeting this close to it (disableRescheduling.minutesBefore). */
  rescheduleClosesMinutesBefore: number | undefined;
  /** e.g. { day: 2 } bookings, { week: 120 } minutes. */
  bookingLimitsCount: Record<string, number>;
  bookingLimitsDuration: Record<string, number>;
}

/** Fields Cal.com fills itself or the bot gives (booking-fields.ts system fields). */
const FILLED = new Set(["name", "email", "title", "notes", "guests", "rescheduleReason", "location"]);

type Loose = Record<string, unknown>;
const obj = (v: unknown): Loose | undefined =>
  v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Loose) : undefined;
const num = (v: unknown): number | undefined => (typeof v === "number" && Number.isFinite(v) ? v : undefined);

function limits(v: unknown): Record<string, number> {
  const o = obj(v);
  if (!o || o.disabled === true) return {};
  const out: Record<string, number> = {};
  for (const k of ["day", "week", "month", "year"]) {
    const n = num(o[k]);
    if (n !== undefined && n > 0) out[k] = n;
  }
  return out;
}

function questions(
  fields: readonly unknown[] | undefined,
): Pick<EventTypeSettings, "requiredQuestions" | "optionalQuestions"> {
  const requiredQuestions: EventTypeSettings["requiredQuestions"] = [];
  const optionalQuestions: string[] = [];
  for (const f of fields ?? []) {
    const field = obj(f);
    const slug = typeof field?.slug === "string" ? field.slug : undefined;
    if (!field || !slug || FILLED.has(slug)) continue;
    const label = typeof field.label === "string" && field.label.trim() !== "" ? field.label : slug;
    // Cal.com checks required custom fields whether hidden or not (hasRequiredBookingFieldsResponses).
    if (field.required === true) requiredQuestions.push({ slug, label, type: String(field.type ?? "") });
    else if (field.hidden !== true) optionalQuestions.push(slug);
  }
  return { requiredQuestions, optionalQuestions };
}

export function settingsOf(e: EventTypeOutput): EventTypeSettings {
  const seats = obj(e.seats);
  const recurrence = obj(e.recurrence);
  const rescheduling = obj(e.disableRescheduling);
  return {
    ...questions(e.bookingFields),
    emailVerification: e.requiresBookerEmailVerification === true,
    seatsPerTimeSlot: seats && seats.disabled !== true ? num(seats.seatsPerTimeSlot) : undefined,
    recurrence:
      recurrence && recurrence.disabled !== true
        ? {
            frequency: String(recurrence.frequency ?? "?"),
            interval: num(recurrence.interval) ?? 1,
            occurrences: num(recurrence.occurrences) ?? 0,
          }
        : undefined,
    cancellingDisabled: obj(e.disableCancelling)?.disabled === true,
    reschedulingDisabled: rescheduling?.disabled === true,
    rescheduleClosesMinutesBefore:
      rescheduling?.disabled === true ? undefined : num(rescheduling?.minutesBefore),
    bookingLimitsCount: limits(e.bookingLimitsCount),
    bookingLimitsDuration: limits(e.bookingLimitsDuration),
  };
}

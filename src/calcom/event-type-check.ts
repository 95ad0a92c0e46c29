import type { EventTypeInfo } from "./types.js";

/**
 * What the bot does about each event-type setting that matters: adapt (it serves it, and says
 * how) or refuse (members cannot book until the sponsor changes it in Cal.com; the line names the
 * setting). A pure function of the event type: `npm run doctor` prints the lines, start-up logs them
 * and tells the admins of refusals, and BookingService keeps /book closed while any refuses.
 */
export type Verdict = "adapt" | "refuse";

/** The settings that refuse, each with its own text for the admins (i18n `durations.refusal`). */
export type RefusalCode = "requiredQuestion" | "emailVerification" | "seats" | "recurring";

export interface SettingLine {
  setting: string;
  verdict: Verdict;
  /** One line for the operator (English, like the doctor and the logs). */
  text: string;
  /** For refusals: what the admins are told, in their language. */
  refusal?: { code: RefusalCode; detail: string };
}

const AT = (et: EventTypeInfo) => `In Cal.com: Event Types → "${et.title}"`;

const list = (o: Record<string, number>, unit: string) =>
  Object.entries(o)
    .map(([per, n]) => `${n}${unit} a ${per}`)
    .join(", ");

export function assessEventType(et: EventTypeInfo): SettingLine[] {
  const s = et.settings;
  const lines: SettingLine[] = [];
  const add = (setting: string, verdict: Verdict, text: string, refusal?: SettingLine["refusal"]) =>
    lines.push(refusal ? { setting, verdict, text, refusal } : { setting, verdict, text });
  if (et.lengthOptions.length > 1) {
    add(
      "lengthInMinutesOptions",
      "adapt",
      `Several lengths (${et.lengthOptions.join(", ")} min, default ${et.lengthInMinutes}): members pick one before the times; /limit <id> <minutes> caps a member's longest. A meeting of another length than ${et.lengthInMinutes} min is not moved (Cal.com's reschedule gives it the default length): members cancel and book anew.`,
    );
  }
  for (const q of s.requiredQuestions) {
    add(
      "bookingFields",
      "refuse",
      `Required booking question "${q.label}" (${q.slug}, ${q.type}): the bot does not ask it, so Cal.com would refuse every booking. ${AT(et)} → Advanced → Booking questions → "${q.label}": make it optional.`,
      { code: "requiredQuestion", detail: q.label },
    );
  }
  if (s.optionalQuestions.length > 0) {
    add(
      "bookingFields",
      "adapt",
      `Optional booking questions (${s.optionalQuestions.join(", ")}): the bot leaves them unanswered.`,
    );
  }
  if (s.emailVerification) {
    add(
      "requiresBookerEmailVerification",
      "refuse",
      `Booker email verification is on: Cal.com wants the code it mails to each booker, which the bot cannot ask for (members may not even give an email). ${AT(et)} → Advanced: turn off "Requires booker email verification".`,
      { code: "emailVerification", detail: "" },
    );
  }
  if (s.seatsPerTimeSlot !== undefined) {
    add(
      "seats",
      "refuse",
      `Seats are on (${s.seatsPerTimeSlot} per time slot): members would share one booking, which the bot cannot move or list as theirs. ${AT(et)} → Advanced: turn off "Offer seats".`,
      { code: "seats", detail: String(s.seatsPerTimeSlot) },
    );
  }
  if (s.recurrence) {
    const r = s.recurrence;
    add(
      "recurrence",
      "refuse",
      `Recurring event (${r.frequency}, every ${r.interval}, ${r.occurrences} times): each booking would be a series, which the bot cannot show, move or remind as one meeting. ${AT(et)} → Recurring: turn off "Recurring event".`,
      { code: "recurring", detail: "" },
    );
  }
  if (s.cancellingDisabled) {
    add(
      "disableCancelling",
      "adapt",
      "Cancelling is disabled for attendees: Cal.com lets the event type's owner cancel, and the bot cancels with the owner's API key, so members can still cancel in the bot (CALCOM_API_KEY must be the owner's).",
    );
  }
  if (s.reschedulingDisabled || s.rescheduleClosesMinutesBefore !== undefined) {
    const when = s.reschedulingDisabled
      ? "disabled"
      : `closed ${s.rescheduleClosesMinutesBefore} minutes before a meeting`;
    add(
      "disableRescheduling",
      "adapt",
      `Rescheduling is ${when} for attendees: the bot moves with the owner's API key, which Cal.com allows as the organizer's, so members can still move meetings in the bot.`,
    );
  }
  if (et.minimumBookingNoticeMinutes > 0) {
    add(
      "minimumBookingNotice",
      "adapt",
      `Minimum notice ${et.minimumBookingNoticeMinutes} minutes: Cal.com offers no sooner times, so members never see them.`,
    );
  }
  const count = list(s.bookingLimitsCount, " bookings");
  const duration = list(s.bookingLimitsDuration, " minutes");
  if (count || duration) {
    add(
      "bookingLimits",
      "adapt",
      `Booking limits (${[count, duration].filter(Boolean).join("; ")}): Cal.com's free times respect them; a time that fills meanwhile is answered as taken.`,
    );
  }
  return lines;
}

/** The refusals among the lines (an empty list: the bot can serve the event type). */
export function refusalsOf(lines: readonly SettingLine[]): NonNullable<SettingLine["refusal"]>[] {
  return lines.flatMap((l) => (l.verdict === "refuse" && l.refusal ? [l.refusal] : []));
}

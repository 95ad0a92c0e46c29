import { type InlineKeyboard, InputFile } from "grammy";
import { isAwaitingConfirmation } from "../../bookings/status.js";
import type { Language } from "../../config.js";
import type { StoredBooking } from "../../db/bookings.js";
import { type Messages, messages } from "../../i18n/index.js";
import type { Notice } from "../../notices/notice.js";
import { fitUtf16 } from "../../text/graphemes.js";
import { shortLocal } from "../../time/slots.js";
import type { BotDeps } from "../context.js";
import {
  howItHappens,
  meetingWhen,
  meetingWhenParts,
  personView,
  personWithId,
  plainName,
} from "../ui/format.js";
import { meetingIcs } from "../ui/ics.js";
import { decisionButtons, mainMenu, requestButtons } from "../ui/keyboards.js";
import { adminRequestText } from "../ui/request-text.js";
import { adminCalendarText, calendarChange } from "./render-calendar.js";

/** What the sender does for one notice: a text, or a calendar file with its caption. */
export interface Delivery {
  text: string;
  keyboard?: InlineKeyboard | undefined;
  /** A calendar file sent with `text` as its caption. */
  document?: InputFile | undefined;
  /** The message this delivery replaces: edited into the text, or deleted below a document. */
  replaceMessageId?: number | undefined;
}

/** Telegram's caption limit (after entity parsing; the bot sends plain text). */
const CAPTION_MAX = 1024;

/**
 * Renders a queued notice for its recipient at delivery time, in their language and from the
 * current records (a booking moved since is shown as it now stands). Undefined: nothing left to
 * say (the booking or request is gone).
 */
export function render(deps: BotDeps, chatId: number, notice: Notice): Delivery | undefined {
  const { services } = deps;
  const lang = services.preferences.languageOf(chatId);
  const t = messages(lang);
  switch (notice.kind) {
    case "booked":
    case "moved":
      return withBooking(deps, notice.uid, (b) => calendarResult(deps, t, b, notice));
    case "cancelled":
      return withBooking(deps, notice.uid, (b) => ({
        text: t.myBookings.cancelled(meetingWhen(b.startUtc, b.timeZone, lang)),
        replaceMessageId: notice.replaceMessageId,
      }));
    case "notApplied":
      return {
        text: t.calendar.notApplied(
          notice.action,
          meetingWhen(notice.startUtc, notice.timeZone, lang),
          notice.taken,
        ),
        replaceMessageId: notice.replaceMessageId,
      };
    case "adminBooked":
    case "adminMoved":
    case "adminCancelled":
      return withBooking(deps, notice.uid, (b) => ({ text: adminText(deps, t, lang, b, notice) }));
    case "hostCancelled":
    case "hostMoved":
    case "rescheduleRequested":
      return withBooking(deps, notice.uid, (b) => calendarChange(deps, t, b, notice));
    case "adminHostCancelled":
    case "adminHostMoved":
    case "adminRescheduleRequested":
      return withBooking(deps, notice.uid, (b) => ({ text: adminCalendarText(deps, t, b, notice) }));
    case "requested":
      return withBooking(deps, notice.uid, (b) => requestedText(t, b, notice, lang));
    case "confirmed":
      return withBooking(deps, notice.uid, (b) => calendarResult(deps, t, b, notice));
    case "declined":
      return withBooking(deps, notice.uid, (b) => ({
        text: t.confirmations.declined(meetingWhen(b.startUtc, b.timeZone, lang), notice.reason),
      }));
    case "adminRequested":
      // Decided before it reached this admin: the decision's own notice says so.
      return withBooking(deps, notice.uid, (b) =>
        isAwaitingConfirmation(b)
          ? {
              text: adminRequestText(deps, t, lang, b, notice.fromStartUtc),
              keyboard: requestButtons(t, b.uid),
            }
          : undefined,
      );
    case "adminConfirmed":
    case "adminDeclined":
      return withBooking(deps, notice.uid, (b) => {
        const name = plainName(b.attendeeName);
        const when = shortLocal(b.startUtc, deps.config.adminTimezone);
        const say =
          notice.kind === "adminConfirmed" ? t.confirmations.adminConfirmed : t.confirmations.adminDeclined;
        return { text: say(name, when, notice.by === undefined) };
      });
    case "accessRequested": {
      const request = services.access.request(notice.telegramId);
      if (request?.status !== "pending") return undefined;
      return {
        text: t.admin.newRequest(personView(request)),
        keyboard: decisionButtons(t, request.telegramId),
      };
    }
    case "inviteUsed": {
      const member = services.access.member(notice.telegramId);
      return { text: t.invites.usedBy(personWithId(member, notice.telegramId), notice.note) };
    }
    case "eventTypeRefused":
      return {
        text: [
          t.durations.refusedHeading,
          ...notice.refusals.map((r) => t.durations.refusal(r.code, r.detail)),
        ].join("\n"),
      };
    case "accessDecided":
      if (notice.decision === "approved") return { text: t.access.youWereApproved, keyboard: mainMenu(t) };
      return { text: notice.decision === "rejected" ? t.access.youWereRejected : t.access.youWereRevoked };
  }
}

function withBooking(
  deps: BotDeps,
  uid: string,
  make: (b: StoredBooking) => Delivery | undefined,
): Delivery | undefined {
  const booking = deps.services.bookings.storedBooking(uid);
  return booking ? make(booking) : undefined;
}

/** A booking or a move that went through: the result as the caption of its calendar file. */
function calendarResult(
  deps: BotDeps,
  t: Messages,
  b: StoredBooking,
  notice: Extract<Notice, { kind: "booked" | "moved" | "confirmed" }>,
): Delivery {
  const lang = deps.services.preferences.languageOf(b.telegramId);
  const parts = meetingWhenParts(b.startUtc, b.timeZone, lang);
  const duration = Math.round((Date.parse(b.endUtc) - Date.parse(b.startUtc)) / 60_000);
  const how = howItHappens(b.location ?? null, t);
  const text = {
    booked: () => t.booking.success({ ...parts, duration, how }),
    confirmed: () => t.confirmations.confirmed({ ...parts, duration, how }),
    moved: () => t.myBookings.rescheduled(parts.when, parts.zone),
  }[notice.kind]();
  return {
    text: captionOf(text),
    document: calendarFile(deps, t, b),
    replaceMessageId: "replaceMessageId" in notice ? notice.replaceMessageId : undefined,
  };
}

/** The meeting as an .ics file (its text becomes the caption, cut to Telegram's caption limit). */
export function calendarFile(deps: BotDeps, t: Messages, b: StoredBooking): InputFile {
  const ics = meetingIcs({
    ...b,
    location: b.location ?? null,
    title: deps.services.bookings.knownEventType()?.title ?? t.calendar.meetingTitle,
  });
  return new InputFile(Buffer.from(ics, "utf8"), t.booking.icsFileName);
}

/** Telegram's caption limit for a delivery that carries a file. */
export const captionOf = (text: string): string => fitUtf16(text, CAPTION_MAX);

/** The member: their booking or move waits for the sponsor (no calendar file yet). */
function requestedText(
  t: Messages,
  b: StoredBooking,
  notice: Extract<Notice, { kind: "requested" }>,
  lang: Parameters<typeof meetingWhen>[2],
): Delivery {
  const parts = meetingWhenParts(b.startUtc, b.timeZone, lang);
  const text =
    notice.fromStartUtc === undefined
      ? t.confirmations.requested(parts.when, parts.zone)
      : t.confirmations.moveRequested(
          meetingWhen(notice.fromStartUtc, b.timeZone, lang),
          parts.when,
          parts.zone,
        );
  return { text, replaceMessageId: notice.replaceMessageId };
}

/** An admin's line about a booking; the member's zone is named in the admin's language `lang`. */
function adminText(
  deps: BotDeps,
  t: Messages,
  lang: Language,
  b: StoredBooking,
  notice: Extract<Notice, { kind: "adminBooked" | "adminMoved" | "adminCancelled" }>,
): string {
  const zone = deps.config.adminTimezone;
  const when = shortLocal(b.startUtc, zone);
  // A name is plain text to admins: Telegram must not turn it into a mention or a link.
  const name = plainName(b.attendeeName);
  if (notice.kind === "adminCancelled") return t.myBookings.adminCancelled(name, when);
  if (notice.kind === "adminMoved")
    return t.myBookings.adminRescheduled(name, shortLocal(notice.fromStartUtc, zone), when);
  return t.booking.adminNew({ name, when, zone: meetingWhenParts(b.startUtc, b.timeZone, lang).zone });
}

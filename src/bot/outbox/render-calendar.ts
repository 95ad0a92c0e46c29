import { InlineKeyboard } from "grammy";
import { isActive, isConfirmed } from "../../bookings/status.js";
import type { StoredBooking } from "../../db/bookings.js";
import type { Messages } from "../../i18n/index.js";
import type { Notice } from "../../notices/notice.js";
import { fitUtf16 } from "../../text/graphemes.js";
import { shortLocal } from "../../time/slots.js";
import type { BotDeps } from "../context.js";
import { menu } from "../ui/callback-data.js";
import { meetingWhen, meetingWhenParts, plainName } from "../ui/format.js";
import { manageButtons } from "../ui/keyboards.js";
import { calendarFile, captionOf, type Delivery } from "./render.js";

type MemberChange = Extract<Notice, { kind: "hostCancelled" | "hostMoved" | "rescheduleRequested" }>;
type AdminChange = Extract<
  Notice,
  { kind: "adminHostCancelled" | "adminHostMoved" | "adminRescheduleRequested" }
>;

/** The sponsor's own words, kept short (they come from Cal.com, the message is plain text). */
const REASON_MAX = 500;
const reasonOf = (r: string | undefined) => (r?.trim() ? fitUtf16(r.trim(), REASON_MAX) : undefined);

/**
 * A change the sponsor made in Cal.com, told to the member in their language and the booking's
 * zone: a cancel or a request for a new time with the booking flow one tap away (while the member
 * may book), a move with Move / Cancel for the new time.
 */
export function calendarChange(deps: BotDeps, t: Messages, b: StoredBooking, notice: MemberChange): Delivery {
  const lang = deps.services.preferences.languageOf(b.telegramId);
  const changes = deps.services.access.changesAllowed(b.telegramId);
  const bookButton = (label: string) =>
    changes.has("move") ? new InlineKeyboard().text(label, menu.encode({ item: "book" })) : undefined;
  if (notice.kind === "hostMoved") {
    const from = meetingWhenParts(notice.fromStartUtc, b.timeZone, lang).when;
    const to = meetingWhenParts(b.startUtc, b.timeZone, lang);
    // The new time's calendar file, as after a move made through the bot, with Move / Cancel.
    return {
      text: captionOf(t.sync.movedByHost(from, to.when, to.zone)),
      keyboard: isActive(b) ? manageButtons(t, b.uid, changes) : undefined,
      // A calendar file only for a meeting that is on (a move left waiting for confirmation gets none).
      document: isConfirmed(b) ? calendarFile(deps, t, b) : undefined,
    };
  }
  const when = meetingWhen(b.startUtc, b.timeZone, lang);
  if (notice.kind === "hostCancelled") {
    return {
      text: t.sync.cancelledByHost(when, reasonOf(notice.reason)),
      keyboard: bookButton(t.sync.bookAnother),
    };
  }
  return {
    text: t.sync.rescheduleRequested(when, reasonOf(notice.reason)),
    keyboard: bookButton(t.sync.pickNewTime),
  };
}

/** The admins' line about the same change, in ADMIN_TIMEZONE (names as plain text). */
export function adminCalendarText(deps: BotDeps, t: Messages, b: StoredBooking, notice: AdminChange): string {
  const zone = deps.config.adminTimezone;
  const name = plainName(b.attendeeName);
  const when = shortLocal(b.startUtc, zone);
  if (notice.kind === "adminHostMoved")
    return t.sync.adminMoved(name, shortLocal(notice.fromStartUtc, zone), when);
  if (notice.kind === "adminHostCancelled") return t.sync.adminCancelled(name, when);
  return t.sync.adminRescheduleRequested(name, when);
}

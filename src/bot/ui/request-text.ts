import type { StoredBooking } from "../../db/bookings.js";
import type { Messages } from "../../i18n/index.js";
import { shortLocal } from "../../time/slots.js";
import type { BotDeps } from "../context.js";
import { meetingWhenParts, plainName } from "./format.js";

/** The admins' request: who, when (their time), the member's zone; Confirm / Decline go with it. */
export function adminRequestText(
  deps: BotDeps,
  t: Messages,
  b: StoredBooking,
  fromStartUtc?: string,
): string {
  const zone = deps.config.adminTimezone;
  const memberLang = deps.services.preferences.languageOf(b.telegramId);
  const view = {
    name: plainName(b.attendeeName),
    when: shortLocal(b.startUtc, zone),
    zone: meetingWhenParts(b.startUtc, b.timeZone, memberLang).zone,
  };
  return fromStartUtc === undefined
    ? t.confirmations.adminRequest(view)
    : t.confirmations.adminMoveRequest({ ...view, from: shortLocal(fromStartUtc, zone) });
}

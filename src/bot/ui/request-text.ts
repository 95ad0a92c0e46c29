import type { Language } from "../../config.js";
import type { StoredBooking } from "../../db/bookings.js";
import type { Messages } from "../../i18n/index.js";
import { shortLocal } from "../../time/slots.js";
import type { BotDeps } from "../context.js";
import { meetingWhenParts, plainName } from "./format.js";

/**
 * The admins' request: who, when (their time), the member's zone (named in the admin's language
 * `lang`, like the rest of the message); Confirm / Decline go with it.
 */
export function adminRequestText(
  deps: BotDeps,
  t: Messages,
  lang: Language,
  b: StoredBooking,
  fromStartUtc?: string,
): string {
  const zone = deps.config.adminTimezone;
  const view = {
    name: plainName(b.attendeeName),
    when: shortLocal(b.startUtc, zone),
    zone: meetingWhenParts(b.startUtc, b.timeZone, lang).zone,
  };
  return fromStartUtc === undefined
    ? t.confirmations.adminRequest(view)
    : t.confirmations.adminMoveRequest({ ...view, from: shortLocal(fromStartUtc, zone) });
}

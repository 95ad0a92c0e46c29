import type { Api } from "grammy";
import type { ReconcileReport } from "../bookings/reconcile.js";
import { shortLocal } from "../time/slots.js";
import type { BotDeps } from "./context.js";
import { meetingWhen, plainName } from "./ui/format.js";
import { tell, tellAdmins } from "./ui/notify.js";

/**
 * Writes Cal.com applied although the member was never told (the bot crashed or lost the answer
 * in between), found by reconciliation: the member and the admins hear of them now.
 */
export async function tellSettledWrites(api: Api, deps: BotDeps, report: ReconcileReport): Promise<void> {
  const adminZone = deps.config.adminTimezone;
  for (const { attempt, booking } of report.applied) {
    const zone = booking.attendee?.timeZone ?? attempt.timeZone ?? adminZone;
    const name = plainName(attempt.attendeeName ?? booking.attendee?.name ?? "");
    const adminWhen = shortLocal(booking.startUtc, adminZone);
    if (attempt.kind === "cancel") {
      await tell(api, deps, attempt.telegramId, (t, lang) =>
        t.myBookings.settledCancelled(meetingWhen(booking.startUtc, zone, lang)),
      );
      await tellAdmins(api, deps, (t) => t.myBookings.adminCancelled(name, adminWhen));
    } else {
      await tell(api, deps, attempt.telegramId, (t, lang) =>
        t.myBookings.settledBooked(meetingWhen(booking.startUtc, zone, lang)),
      );
      await tellAdmins(api, deps, (t) => t.booking.adminNew({ name, when: adminWhen, zone }));
    }
  }
}

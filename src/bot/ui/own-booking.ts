import type { NotChangeable } from "../../bookings/service.js";
import { isAwaitingConfirmation } from "../../bookings/status.js";
import type { StoredBooking } from "../../db/bookings.js";
import type { Change } from "../../members/access.js";
import type { BotContext } from "../context.js";
import { answer } from "./answer.js";

/**
 * For a Move or Cancel button: the booking when this member may still make that change to it
 * (their own, active, not begun; moving also needs access); otherwise the button is answered with
 * an alert saying why, and undefined comes back.
 */
export async function changeableBooking(
  ctx: BotContext,
  uid: string,
  change: Change,
): Promise<StoredBooking | undefined> {
  const t = ctx.t;
  const { bookings, access } = ctx.deps.services;
  const from = ctx.from;
  let found: StoredBooking | NotChangeable | "noAccess" | "awaiting" = from
    ? bookings.changeable(uid, from.id)
    : "notFound";
  if (from && typeof found !== "string" && !access.changesAllowed(from.id).has(change)) found = "noAccess";
  // A request the sponsor has not confirmed yet can be withdrawn, not moved.
  if (typeof found !== "string" && change === "move" && isAwaitingConfirmation(found)) found = "awaiting";
  if (typeof found !== "string") return found;
  const why = {
    awaiting: t.confirmations.cannotMoveYet,
    noAccess: t.lists.moveNeedsAccess,
    notFound: t.myBookings.notFound,
    alreadyCancelled: t.myBookings.alreadyCancelled,
    alreadyStarted: t.myBookings.alreadyStarted,
  }[found];
  await answer(ctx, { text: why, alert: true });
  return undefined;
}

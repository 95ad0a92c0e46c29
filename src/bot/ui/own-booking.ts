import type { StoredBooking } from "../../db/bookings.js";
import type { BotContext } from "../context.js";
import { answer } from "./answer.js";

/**
 * For a Move or Cancel button: the booking when this member may still change it; otherwise the
 * button is answered with an alert saying why, and undefined comes back.
 */
export async function changeableBooking(ctx: BotContext, uid: string): Promise<StoredBooking | undefined> {
  const t = ctx.t;
  const found =
    ctx.role === "stranger" || !ctx.from
      ? "stranger"
      : ctx.deps.services.bookings.changeable(uid, ctx.from.id);
  if (typeof found !== "string") return found;
  const why = {
    stranger: t.access.notApproved,
    notFound: t.myBookings.notFound,
    alreadyCancelled: t.myBookings.alreadyCancelled,
    alreadyStarted: t.myBookings.alreadyStarted,
  }[found];
  await answer(ctx, { text: why, alert: true });
  return undefined;
}

import type { Context } from "grammy";
import { type Booking, newReference, type StoredBooking } from "../../../calcom/index.js";
import { longDateTime, shortLocal } from "../../../time/slots.js";
import { zoneLabel } from "../../../time/zones.js";
import type { BotContext, BotDeps } from "../../context.js";
import { tellAdmins } from "../../notify.js";
import { askZone } from "./ask-zone.js";
import { type BookingConversation, openDialog } from "./dialog.js";
import { attemptWrite, NO_ACCESS, type WriteOutcome, writeUntilAnswered } from "./failures.js";
import { sendCalendarFile } from "./ics.js";
import { pickSlot } from "./pick-slot.js";

export const RESCHEDULE = "reschedule";

/** The user's booking if it can still be changed, or the reason it cannot (for an alert). */
function ownBooking(ctx: BotContext, uid: string): StoredBooking | string {
  if (ctx.role === "stranger") return ctx.t.access.notApproved;
  const booking = ctx.deps.calcom.storedBooking(uid);
  if (!booking || booking.telegramId !== ctx.from?.id) return ctx.t.myBookings.notFound;
  if (booking.status === "cancelled" || booking.status === "rejected")
    return ctx.t.myBookings.alreadyCancelled;
  if (Date.parse(booking.startUtc) <= ctx.deps.clock.now()) return ctx.t.myBookings.alreadyStarted;
  return booking;
}

/**
 * For a Move or Cancel button: the booking when this user may still change it; otherwise the
 * button is answered with an alert saying why, and undefined comes back.
 */
export async function changeableBooking(ctx: BotContext, uid: string): Promise<StoredBooking | undefined> {
  const booking = ownBooking(ctx, uid);
  if (typeof booking !== "string") return booking;
  await ctx.answerCallbackQuery({ text: booking, show_alert: true });
  return undefined;
}

/**
 * Moving a booking: the availability step again (the booking's own time counts as free), a
 * summary old → new, then Cal.com's reschedule. The new uid replaces the old in the bot's records,
 * and reminders follow it (they are derived from the bookings table).
 */
export function rescheduleConversation(deps: BotDeps) {
  const { config, calcom, log } = deps;

  return async function reschedule(
    conversation: BookingConversation,
    ctx: Context,
    uid: string,
  ): Promise<void> {
    const opened = await openDialog(conversation, ctx, deps);
    if (!opened) return;
    const { from, chatId, lang, t, dialog } = opened;
    const original = await conversation.external(() => calcom.storedBooking(uid) ?? null);
    if (!original || original.telegramId !== from.id) {
      await dialog.show({ text: t.myBookings.notFound, rows: [] });
      return;
    }
    let zone = original.timeZone;
    const oldWhen = (z: string) => `${longDateTime(original.startUtc, z, lang)}`;
    let notice: string | undefined = t.myBookings.rescheduleFrom(oldWhen(zone));

    for (;;) {
      const answer = await pickSlot(dialog, t, lang, calcom, config.bookingWindowDays, zone, notice, uid);
      notice = undefined;
      if (answer === "cancel") {
        await dialog.show({ text: t.myBookings.rescheduleStopped, rows: [] });
        return;
      }
      if (answer === "changeZone") {
        const picked = await askZone(dialog, t, lang);
        if (picked === "cancel") {
          await dialog.show({ text: t.myBookings.rescheduleStopped, rows: [] });
          return;
        }
        zone = picked.zone;
        continue;
      }
      const newStart = answer.startUtc;
      const summary = t.myBookings.rescheduleAsk(
        `${oldWhen(zone)} (${zoneLabel(zone, lang, Date.parse(original.startUtc))})`,
        `${longDateTime(newStart, zone, lang)} (${zoneLabel(zone, lang, Date.parse(newStart))})`,
      );
      const choice = await dialog.ask({
        text: summary,
        rows: [
          [
            { text: t.buttons.confirm, action: "c" },
            { text: t.buttons.back, action: "b" },
          ],
          [{ text: t.buttons.cancel, action: "x" }],
        ],
      });
      if (choice.kind !== "button" || choice.action === "x") {
        await dialog.show({ text: t.myBookings.rescheduleStopped, rows: [] });
        return;
      }
      if (choice.action === "b") continue;

      // One reference per confirmed move: a retry after a lost answer finds the move instead of repeating it.
      const reference = await dialog.once(() => newReference());
      const outcome = await writeUntilAnswered(dialog, t, summary, () => move(newStart, summary, reference));
      if (!outcome) {
        await dialog.show({ text: t.myBookings.rescheduleStopped, rows: [] });
        return;
      }
      if (outcome.ok) {
        const moved = outcome.value;
        await dialog.show({
          text: t.myBookings.rescheduled(
            longDateTime(moved.startUtc, zone, lang),
            zoneLabel(zone, lang, Date.parse(moved.startUtc)),
          ),
          rows: [],
        });
        await dialog.once(async (octx) => {
          await sendCalendarFile(octx.api, chatId, t, { ...moved, title: calcom.eventType.title }, log);
          await tellAdmins(octx.api, deps, (at) =>
            at.myBookings.adminRescheduled(
              original.attendeeName,
              shortLocal(original.startUtc, config.adminTimezone),
              shortLocal(moved.startUtc, config.adminTimezone),
            ),
          );
        });
        return;
      }
      if (outcome.kind === "slot_unavailable") {
        notice = t.booking.slotTaken;
        continue;
      }
      await dialog.show({
        text:
          outcome.kind === "not_found"
            ? t.myBookings.notFound
            : outcome.kind === NO_ACCESS
              ? t.access.notApproved
              : t.booking.contactAdmin,
        rows: [],
      });
      return;
    }

    async function move(
      newStartUtc: string,
      summary: string,
      reference: string,
    ): Promise<WriteOutcome<Booking>> {
      await dialog.show({ text: `${summary}\n\n${t.myBookings.rescheduling}`, rows: [] });
      return attemptWrite(dialog, deps, from?.id, "reschedule", () =>
        calcom.rescheduleBooking({
          uid,
          telegramId: from?.id ?? 0,
          newStartUtc,
          reason: "Moved by the attendee in Telegram",
          reference,
        }),
      );
    }
  };
}

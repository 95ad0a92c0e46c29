import type { Context } from "grammy";
import { failureText } from "../../../bookings/outcomes.js";
import type { StoredBooking } from "../../../db/bookings.js";
import { longDateTime } from "../../../time/slots.js";
import type { BotDeps } from "../../context.js";
import { meetingWhen } from "../../ui/format.js";
import { ACTION } from "./actions.js";
import { askZone } from "./ask-zone.js";
import { confirmAndWrite } from "./confirm-and-write.js";
import { type BookingConversation, type Next, type OpenedDialog, openDialog } from "./dialog.js";
import { pickSlot } from "./pick-slot.js";

export const RESCHEDULE = "reschedule";

/**
 * Moving a booking: the availability step again (the booking's own time counts as free), a
 * summary old → new, then Cal.com's reschedule. The new uid replaces the old in the bot's records,
 * and reminders follow it (they are derived from the bookings table).
 */
export function rescheduleConversation(deps: BotDeps) {
  return async function reschedule(
    conversation: BookingConversation,
    ctx: Context,
    uid: string,
  ): Promise<void> {
    const opened = await openDialog(conversation, ctx, deps);
    if (!opened) return;
    const original = await conversation.external(() => deps.services.bookings.storedBooking(uid) ?? null);
    if (!original || original.telegramId !== opened.from.id) {
      await opened.dialog.show({ text: opened.t.myBookings.notFound, rows: [] });
      return;
    }
    if (!deps.services.bookings.moveKeepsLength(original)) {
      const { t } = opened;
      const minutes = Math.round((Date.parse(original.endUtc) - Date.parse(original.startUtc)) / 60_000);
      await opened.dialog.show({ text: t.durations.moveWouldChangeLength(minutes), rows: [] });
      return;
    }
    await moveBooking(deps, opened, original);
  };
}

/** The zone the times are shown in, and a notice above them (shown once). */
interface Moving {
  zone: string;
  notice: string | undefined;
}

/** Pick a new time (or zone) until the move is written, refused for good, or given up. */
async function moveBooking(deps: BotDeps, o: OpenedDialog, original: StoredBooking): Promise<void> {
  const { dialog, t, lang } = o;
  const stop = async (): Promise<Next<Moving, undefined>> => {
    await dialog.show({ text: t.myBookings.rescheduleStopped, rows: [] });
    return { done: undefined };
  };
  const zone = original.timeZone;
  const first: Moving = {
    zone,
    notice: t.myBookings.rescheduleFrom(longDateTime(original.startUtc, zone, lang)),
  };
  await dialog.loop(first, async (at): Promise<Next<Moving, undefined>> => {
    const answer = await pickSlot(dialog, t, lang, deps, at.zone, at.notice, { rescheduleUid: original.uid });
    if (answer === "cancel") return stop();
    if (answer === "changeZone") {
      const picked = await askZone(dialog, t, lang);
      return picked === "cancel" ? stop() : { again: { zone: picked.zone, notice: undefined } };
    }
    const result = await confirmMove(deps, o, original, at.zone, answer.startUtc);
    if (result === "again") return { again: { zone: at.zone, notice: undefined } };
    if (result === "slotTaken") return { again: { zone: at.zone, notice: t.booking.slotTaken } };
    return result === "stopped" ? stop() : { done: undefined };
  });
}

/** The old → new summary, Confirm, and Cal.com's reschedule. */
async function confirmMove(
  deps: BotDeps,
  o: OpenedDialog,
  original: StoredBooking,
  zone: string,
  newStartUtc: string,
): Promise<"done" | "again" | "slotTaken" | "stopped"> {
  const { dialog, t, lang } = o;
  const { bookings } = deps.services;
  const summary = t.myBookings.rescheduleAsk(
    meetingWhen(original.startUtc, zone, lang),
    meetingWhen(newStartUtc, zone, lang),
  );
  const confirmed = await confirmAndWrite(dialog, deps, t, {
    summary,
    rows: [
      [{ text: t.buttons.back, action: ACTION.back }],
      [{ text: t.buttons.cancel, action: ACTION.cancel }],
    ],
    writing: t.myBookings.rescheduling,
    adds: false,
    write: (reference, messageId) =>
      bookings.rescheduleBooking({
        uid: original.uid,
        timeZone: zone,
        replaceMessageId: messageId,
        telegramId: o.from.id,
        newStartUtc,
        reason: "Moved by the attendee in Telegram",
        reference,
      }),
  });
  if (confirmed.kind === "cancel") return "stopped";
  if (confirmed.kind === "button") return "again";
  const { outcome } = confirmed;
  // Moved: the result comes from the outbox (it replaces the summary).
  if (outcome.ok) return "done";
  if (outcome.kind === "slot_unavailable") return "slotTaken";
  if (outcome.kind === "still_open") {
    // The outcome reaches the member through the outbox; what is pending stays in view.
    await dialog.show({ text: `${t.calendar.stillAnsweringMove}\n\n${summary}`, rows: [] });
    return "done";
  }
  await dialog.show({
    text: failureText(outcome.kind, t, { retryOffered: false, existing: true }),
    rows: [],
  });
  return "done";
}

import { Composer, InlineKeyboard } from "grammy";
import type { ConfirmationOutcome, DecisionResult } from "../../bookings/confirmations.js";
import { isAwaitingConfirmation } from "../../bookings/status.js";
import type { StoredBooking } from "../../db/bookings.js";
import type { Messages } from "../../i18n/index.js";
import { shortLocal } from "../../time/slots.js";
import type { BotContext } from "../context.js";
import { commandOf, isAdmin } from "../filters.js";
import { answer } from "../ui/answer.js";
import { type BookingDecisionAction, bookingDecision } from "../ui/callback-data.js";
import { editOrSend } from "../ui/edit-or-send.js";
import { plainName } from "../ui/format.js";
import { adminRequestText } from "../ui/request-text.js";

/**
 * Admins answer booking requests (event types that require confirmation): Confirm, or Decline
 * with an optional reason. Decline asks why; the question is kept in the database (a restart
 * between question and answer loses nothing), the admin's next plain message within 15 minutes
 * is the reason, "No reason" declines without one, a command or "Don't decline" drops it. The
 * request message then shows the outcome without its buttons; a tap after someone else decided
 * (another admin, or the sponsor in Cal.com) is told so.
 */
export function confirmationsFeature(): Composer<BotContext> {
  const feature = new Composer<BotContext>();
  feature.callbackQuery(bookingDecision.pattern, onButton);
  const admin = feature.filter(isAdmin);
  admin.on("message:text", async (ctx, next) => {
    const prompt = ctx.deps.services.bookings.confirmations.openPrompt(ctx.from.id);
    if (!prompt) return next();
    ctx.deps.services.bookings.confirmations.clearPrompt(ctx.from.id);
    if (commandOf(ctx.message)) return next();
    await decideAndShow(ctx, prompt.bookingUid, "rejected", {
      reason: ctx.message.text,
      promptMessageId: prompt.messageId,
      requestMessageId: prompt.requestMessageId,
    });
  });
  return feature;
}

async function onButton(ctx: BotContext): Promise<void> {
  const data = bookingDecision.decode(ctx.callbackQuery?.data);
  if (!data) return answer(ctx, { text: ctx.t.common.staleButton, alert: true });
  if (!isAdmin(ctx)) return answer(ctx, { text: ctx.t.admin.adminsOnly, alert: true });
  const booking = ctx.deps.services.bookings.storedBooking(data.uid);
  if (!booking || !isAwaitingConfirmation(booking)) {
    if (data.action === "keep") return answer(ctx);
    return answer(ctx, { text: standingText(ctx.t, booking?.status), alert: true });
  }
  await onAction(ctx, data.action, booking);
}

async function onAction(
  ctx: BotContext,
  action: BookingDecisionAction,
  booking: StoredBooking,
): Promise<void> {
  const { confirmations } = ctx.deps.services.bookings;
  const adminId = ctx.from?.id ?? 0;
  const here = ctx.callbackQuery?.message?.message_id;
  const prompt = confirmations.openPrompt(adminId);
  const fromPrompt = prompt?.bookingUid === booking.uid && prompt.messageId === here ? prompt : undefined;
  if (action === "confirm") {
    await decideAndShow(ctx, booking.uid, "accepted", { requestMessageId: here });
  } else if (action === "decline") {
    await answer(ctx);
    await askReason(ctx, booking, here);
  } else if (action === "skipReason") {
    if (fromPrompt) confirmations.clearPrompt(adminId);
    await decideAndShow(ctx, booking.uid, "rejected", {
      promptMessageId: here,
      requestMessageId: fromPrompt?.requestMessageId,
    });
  } else {
    if (fromPrompt) confirmations.clearPrompt(adminId);
    await answer(ctx);
    await edit(ctx, here, ctx.t.confirmations.notDeclined);
  }
}

/** "Why decline?" with No reason / Don't decline; remembered as the admin's open question. */
async function askReason(
  ctx: BotContext,
  b: StoredBooking,
  requestMessageId: number | undefined,
): Promise<void> {
  const t = ctx.t;
  const when = shortLocal(b.startUtc, ctx.deps.config.adminTimezone);
  const sent = await ctx.reply(t.confirmations.askReason(plainName(b.attendeeName), when), {
    reply_markup: new InlineKeyboard()
      .text(t.confirmations.skipReason, bookingDecision.encode({ action: "skipReason", uid: b.uid }))
      .text(t.confirmations.keepButton, bookingDecision.encode({ action: "keep", uid: b.uid })),
  });
  ctx.deps.services.bookings.confirmations.askReason({
    adminId: ctx.from?.id ?? 0,
    bookingUid: b.uid,
    messageId: sent.message_id,
    requestMessageId,
  });
}

/**
 * Sends the decision to Cal.com and shows how it ended: a button's answer (an alert when it did
 * not go through), the request message with the outcome instead of its buttons, and the question
 * (if any) with the outcome too.
 */
async function decideAndShow(
  ctx: BotContext,
  uid: string,
  outcome: ConfirmationOutcome,
  where: { reason?: string; promptMessageId?: number | undefined; requestMessageId?: number | undefined },
): Promise<void> {
  const { bookings } = ctx.deps.services;
  const result = await bookings.confirmations.decide(uid, ctx.from?.id ?? 0, outcome, where.reason);
  if (result.kind === "done") ctx.deps.deliverNotices();
  const text = resultText(ctx, result);
  const settled = result.kind !== "failed";
  if (ctx.callbackQuery) await answer(ctx, { text, alert: result.kind !== "done" });
  else await ctx.reply(text);
  if (!settled) return;
  const booking = "booking" in result ? result.booking : undefined;
  if (where.requestMessageId !== undefined && booking) {
    const from = booking.rescheduledFromUid && bookings.storedBooking(booking.rescheduledFromUid)?.startUtc;
    const request = adminRequestText(ctx.deps, ctx.t, ctx.lang, booking, from || undefined);
    await edit(ctx, where.requestMessageId, `${request}\n\n${text}`);
  }
  if (where.promptMessageId !== undefined) await edit(ctx, where.promptMessageId, text);
}

/** Replaces a message's text and takes its buttons away (a new message if it can no longer be edited). */
async function edit(ctx: BotContext, messageId: number | undefined, text: string): Promise<void> {
  const chatId = ctx.chat?.id;
  if (chatId === undefined || messageId === undefined) return;
  await editOrSend(ctx.api, chatId, messageId, text, undefined).catch((err: unknown) =>
    ctx.log.debug({ err }, "could not show a request's outcome"),
  );
}

function resultText(ctx: BotContext, r: DecisionResult): string {
  const t = ctx.t;
  switch (r.kind) {
    case "done": {
      const name = plainName(r.booking.attendeeName);
      const when = shortLocal(r.booking.startUtc, ctx.deps.config.adminTimezone);
      return r.outcome === "accepted"
        ? t.confirmations.doneConfirmed(name, when)
        : t.confirmations.doneDeclined(name, when);
    }
    case "alreadyDecided":
      return standingText(t, r.status);
    case "notFound":
      return t.confirmations.forgotten;
    case "failed":
      return r.failure === "forbidden" ? t.confirmations.decideForbidden : t.confirmations.decideFailed;
  }
}

/**
 * What a request that no longer waits has become; no status: the bot no longer has the booking
 * (only a member's erase deletes booking rows), which may still wait in Cal.com.
 */
function standingText(t: Messages, status: string | undefined): string {
  if (status === undefined) return t.confirmations.forgotten;
  if (status === "accepted") return t.confirmations.alreadyConfirmed;
  if (status === "rejected") return t.confirmations.alreadyDeclined;
  return t.confirmations.alreadyGone;
}

import { Composer, InlineKeyboard } from "grammy";
import { SPONSOR_CANCEL_REASON } from "../../bookings/inputs.js";
import type { StoredBooking } from "../../db/bookings.js";
import type { BotContext } from "../context.js";
import { isAdmin } from "../filters.js";
import { cancelHeld } from "../ui/callback-data.js";
import { editOrSend } from "../ui/edit-or-send.js";

/**
 * The button /revoke offers when the member still holds upcoming meetings: cancels every one at
 * Cal.com (the journalled cancel, whose outbox notice tells the member of each in their language
 * and zone, once), and puts
 * the count in the admin's message. A meeting Cal.com did not cancel keeps the button for a retry.
 */
export function cancelHeldFeature(): Composer<BotContext> {
  const feature = new Composer<BotContext>();
  feature.callbackQuery(cancelHeld.pattern, onCancelHeld);
  return feature;
}

async function onCancelHeld(ctx: BotContext): Promise<void> {
  const userId = cancelHeld.decode(ctx.callbackQuery?.data)?.userId;
  const held = userId === undefined ? [] : ctx.deps.services.bookings.comingBookingsOf(userId);
  const refusal = whyNot(ctx, userId, held.length);
  if (refusal !== undefined || userId === undefined) {
    await ctx.answerCallbackQuery({ text: refusal, show_alert: true });
    return;
  }
  await ctx.answerCallbackQuery({ text: ctx.t.admin.cancellingAll });
  const { cancelled, failed } = await cancelAll(ctx, held);
  ctx.deps.deliverNotices();
  await showOutcome(ctx, userId, cancelled, failed);
}

/** Why the button does nothing now, if it does not. */
function whyNot(ctx: BotContext, userId: number | undefined, held: number): string | undefined {
  if (userId === undefined) return ctx.t.common.staleButton;
  if (!isAdmin(ctx)) return ctx.t.admin.adminsOnly;
  // Let in again since the /revoke: the button no longer means what it said.
  if (ctx.deps.services.access.mayBook(userId)) return ctx.t.admin.cancelAllHasAccess(userId);
  if (held === 0) return ctx.t.admin.cancelAllNothing;
  return undefined;
}

/** One cancel after another (each a journalled Cal.com write that queues the member's notice). */
async function cancelAll(
  ctx: BotContext,
  held: StoredBooking[],
): Promise<{ cancelled: number; failed: number }> {
  const { services } = ctx.deps;
  let cancelled = 0;
  for (const b of held) {
    try {
      await services.bookings.cancelBooking({
        uid: b.uid,
        telegramId: b.telegramId,
        reason: SPONSOR_CANCEL_REASON,
      });
    } catch (err) {
      ctx.log.warn({ err, uid: b.uid }, "cancelling a revoked member's booking failed");
      continue;
    }
    cancelled++;
  }
  return { cancelled, failed: held.length - cancelled };
}

/** The admin's /revoke answer, with the outcome in place of the question (and the button while some remain). */
async function showOutcome(
  ctx: BotContext,
  userId: number,
  cancelled: number,
  failed: number,
): Promise<void> {
  const chatId = ctx.chat?.id;
  if (chatId === undefined) return;
  const text = `${ctx.t.admin.revoked(userId)}\n\n${ctx.t.admin.cancelAllDone(cancelled, failed)}`;
  const retry =
    failed > 0
      ? new InlineKeyboard().text(ctx.t.admin.cancelAllButton, cancelHeld.encode({ userId }))
      : undefined;
  await editOrSend(ctx.api, chatId, ctx.callbackQuery?.message?.message_id, text, retry);
}

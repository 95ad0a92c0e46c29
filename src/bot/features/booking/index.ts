import { conversations, createConversation } from "@grammyjs/conversations";
import { Composer, type Context } from "grammy";
import type { BotContext, BotDeps } from "../../context.js";
import { manageBooking, menu } from "../../ui/callback-data.js";
import { mainMenu } from "../../ui/keyboards.js";
import { changeableBooking } from "../../ui/own-booking.js";
import { restartChoice } from "./callback.js";
import { bookingConversation } from "./flow.js";
import { RESCHEDULE, rescheduleConversation } from "./reschedule.js";
import { inDialog, RestartQuestion } from "./restart.js";

/** Bump when the dialog's flow changes: older saved dialogs are then dropped, not replayed wrongly. */
// 4: every loop that waits for the member reads what crossed a rewind (an external) when it begins.
export const BOOKING_FLOW_VERSION = 4;
export const BOOKING = "booking";

/**
 * The booking dialog and its controls: `/book` and the menu's Book button start it; `/cancel`
 * leaves it; `/start` or `/book` in the middle asks before starting over; Move on a booking
 * starts the reschedule dialog.
 */
export function bookingFeature(deps: BotDeps): Composer<BotContext> {
  const feature = new Composer<BotContext>();
  const chat = feature.chatType("private");
  chat.use(
    conversations<BotContext, Context>({
      storage: {
        type: "key",
        version: BOOKING_FLOW_VERSION,
        adapter: deps.services.dialogState,
        getStorageKey: (ctx) => (ctx.chat ? String(ctx.chat.id) : undefined),
      },
    }),
  );
  chat.command("cancel", leaveDialog);
  const restart = new RestartQuestion(deps.services.restartQuestions);
  chat.use(restart.middleware());
  chat.use(createConversation<BotContext, Context>(bookingConversation(deps), { id: BOOKING }));
  chat.use(createConversation<BotContext, Context>(rescheduleConversation(deps), { id: RESCHEDULE }));

  // "Move" on a /mybookings list or a reminder: the availability step again for that booking.
  chat.callbackQuery(manageBooking.pattern, async (ctx, next) => {
    const data = manageBooking.decode(ctx.callbackQuery.data);
    if (data?.action !== "reschedule") return next();
    const booking = await changeableBooking(ctx, data.uid, "move");
    if (!booking) return;
    await ctx.answerCallbackQuery();
    await ctx.conversation.exitAll();
    restart.clear(ctx);
    await ctx.conversation.enter(RESCHEDULE, booking.uid);
  });

  const start = async (ctx: BotContext) => {
    if (ctx.role === "stranger") {
      await ctx.reply(ctx.t.access.notApproved);
      return;
    }
    deps.services.bookings.prefetch();
    restart.clear(ctx);
    await ctx.conversation.enter(BOOKING);
  };
  chat.command("book", start);
  chat.callbackQuery(restartChoice.pattern, start); // "Yes, start over" after /book (see restart.ts)
  chat.callbackQuery(menu.encode({ item: "book" }), async (ctx) => {
    await ctx.answerCallbackQuery();
    await start(ctx);
  });
  return feature;
}

/** `/cancel`: anyone in a dialog may leave it (also a member whose access was revoked meanwhile). */
async function leaveDialog(ctx: BotContext, next: () => Promise<void>): Promise<void> {
  if (!inDialog(ctx)) {
    if (ctx.role === "stranger") return next();
    await ctx.reply(ctx.t.booking.nothingToCancel, { reply_markup: mainMenu(ctx.t) });
    return;
  }
  await ctx.conversation.exitAll();
  await ctx.reply(ctx.t.booking.cancelled, { reply_markup: mainMenu(ctx.t) });
}

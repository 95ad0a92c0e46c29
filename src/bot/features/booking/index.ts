import { conversations, createConversation } from "@grammyjs/conversations";
import { Composer, type Context } from "grammy";
import type { BotContext, BotDeps } from "../../context.js";
import { answer } from "../../ui/answer.js";
import { manageBooking, menu } from "../../ui/callback-data.js";
import { mainMenu, myBookingsButton } from "../../ui/keyboards.js";
import { changeableBooking } from "../../ui/own-booking.js";
import { restartChoice } from "./callback.js";
import { bookingConversation } from "./flow.js";
import { RESCHEDULE, rescheduleConversation } from "./reschedule.js";
import { inDialog, RestartQuestion } from "./restart.js";

/** Bump when the dialog's flow changes: older saved dialogs are then dropped, not replayed wrongly. */
// 4: every loop that waits for the member reads what crossed a rewind (an external) when it begins.
// 5: a length step before the times (event types with several lengths); the draft carries it.
// 6: a time picked while no length is known (Cal.com unreachable at the length step) reads the lengths.
export const BOOKING_FLOW_VERSION = 6;
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
  // `/cancel` in a dialog goes on to the dialog itself (Dialog.ask), which knows its message.
  chat.command("cancel", (ctx, next) => (inDialog(ctx) ? next() : nothingToCancel(ctx, next)));
  const restart = new RestartQuestion(deps.services.restartQuestions);
  chat.use(restart.middleware());
  chat.use(createConversation<BotContext, Context>(bookingConversation(deps), { id: BOOKING }));
  chat.use(createConversation<BotContext, Context>(rescheduleConversation(deps), { id: RESCHEDULE }));
  // A dialog that had been idle too long let /cancel through: it is already over.
  chat.command("cancel", nothingToCancel);

  // "Move" on a /mybookings list or a reminder: the availability step again for that booking.
  chat.callbackQuery(manageBooking.pattern, async (ctx, next) => {
    const data = manageBooking.decode(ctx.callbackQuery.data);
    if (data?.action !== "reschedule") return next();
    if (deps.services.bookings.refusesBooking) {
      await answer(ctx);
      await ctx.reply(ctx.t.durations.bookingClosed);
      return;
    }
    const booking = await changeableBooking(ctx, data.uid, "move");
    if (!booking) return;
    await answer(ctx);
    await ctx.conversation.exitAll();
    restart.clear(ctx);
    await ctx.conversation.enter(RESCHEDULE, booking.uid);
  });

  const start = async (ctx: BotContext) => {
    if (ctx.role === "stranger" || !ctx.from) {
      await ctx.reply(ctx.t.access.notApproved);
      return;
    }
    if (deps.services.bookings.refusesBooking) {
      await ctx.reply(ctx.t.durations.bookingClosed);
      return;
    }
    if (!deps.services.bookings.mayBookMore(ctx.from.id)) {
      await ctx.reply(ctx.t.lists.capReached, { reply_markup: myBookingsButton(ctx.t) });
      return;
    }
    deps.services.bookings.prefetch();
    restart.clear(ctx);
    await ctx.conversation.enter(BOOKING);
  };
  chat.command("book", start);
  chat.callbackQuery(restartChoice.pattern, start); // "Yes, start over" after /book (see restart.ts)
  chat.callbackQuery(menu.encode({ item: "book" }), async (ctx) => {
    await answer(ctx);
    await start(ctx);
  });
  return feature;
}

/** `/cancel` with no dialog open (a stranger's goes on: strangers have no dialog to leave). */
async function nothingToCancel(ctx: BotContext, next: () => Promise<void>): Promise<void> {
  if (ctx.role === "stranger") return next();
  await ctx.reply(ctx.t.booking.nothingToCancel, { reply_markup: mainMenu(ctx.t) });
}

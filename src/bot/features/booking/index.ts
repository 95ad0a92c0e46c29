import { conversations, createConversation } from "@grammyjs/conversations";
import { Composer, type Context } from "grammy";
import { ConversationStore } from "../../../db/conversation-storage.js";
import { manageBooking, menu } from "../../callback-data.js";
import type { BotContext, BotDeps } from "../../context.js";
import { mainMenu } from "../../keyboards.js";
import { restartChoice } from "./callback.js";
import { bookingConversation } from "./flow.js";
import { changeableBooking, RESCHEDULE, rescheduleConversation } from "./reschedule.js";

/** Bump when the dialog's flow changes: older saved dialogs are then dropped, not replayed wrongly. */
export const BOOKING_FLOW_VERSION = 2;
export const BOOKING = "booking";

/**
 * The booking dialog and its controls: `/book` and the menu's Book button start it; `/cancel`
 * leaves it; `/start` or `/book` in the middle asks before starting over.
 */
export function bookingFeature(deps: BotDeps): Composer<BotContext> {
  const feature = new Composer<BotContext>();
  const store = new ConversationStore<never>(deps.db, deps.clock);

  const privateChat = feature.filter((ctx) => ctx.chat?.type === "private");
  privateChat.use(
    conversations<BotContext, Context>({
      storage: {
        type: "key",
        version: BOOKING_FLOW_VERSION,
        adapter: store,
        getStorageKey: (ctx) => (ctx.chat ? String(ctx.chat.id) : undefined),
      },
    }),
  );

  const inDialog = (ctx: BotContext) => Object.keys(ctx.conversation.active()).length > 0;

  privateChat.command("cancel", async (ctx, next) => {
    // Anyone in a dialog may leave it (also a member whose access was revoked meanwhile).
    if (!inDialog(ctx)) {
      if (ctx.role === "stranger") return next();
      await ctx.reply(ctx.t.booking.nothingToCancel, { reply_markup: mainMenu(ctx.t) });
      return;
    }
    await ctx.conversation.exitAll();
    await ctx.reply(ctx.t.booking.cancelled, { reply_markup: mainMenu(ctx.t) });
  });

  // The one "Start over?" question per chat that may still be answered (NONE: none may). A second
  // tap on it, or a question left from an earlier dialog, is stale. Kept in memory: a chat the bot
  // has not seen since its restart (no entry) is trusted, so an open question survives a restart.
  const NONE = 0;
  const liveQuestion = new Map<number, number>();
  const questionIsLive = (ctx: BotContext): boolean => {
    const live = ctx.chat ? liveQuestion.get(ctx.chat.id) : NONE;
    return live === undefined || live === ctx.callbackQuery?.message?.message_id;
  };
  const noQuestion = (ctx: BotContext) => {
    if (ctx.chat) liveQuestion.set(ctx.chat.id, NONE);
  };

  const askRestart = async (ctx: BotContext, after: "start" | "book") => {
    const asked = await ctx.reply(ctx.t.booking.restartAsk, {
      reply_markup: {
        inline_keyboard: [
          [
            { text: ctx.t.buttons.restartYes, callback_data: restartChoice.encode({ restart: true, after }) },
            { text: ctx.t.buttons.restartNo, callback_data: restartChoice.encode({ restart: false, after }) },
          ],
        ],
      },
    });
    liveQuestion.set(asked.chat.id, asked.message_id);
  };
  privateChat.command("start", async (ctx, next) => (inDialog(ctx) ? askRestart(ctx, "start") : next()));
  privateChat.command("book", async (ctx, next) => (inDialog(ctx) ? askRestart(ctx, "book") : next()));
  privateChat.callbackQuery(menu.encode({ item: "book" }), async (ctx, next) => {
    if (!inDialog(ctx)) return next();
    await ctx.answerCallbackQuery();
    await askRestart(ctx, "book");
  });

  privateChat.callbackQuery(restartChoice.pattern, async (ctx, next) => {
    const choice = restartChoice.decode(ctx.callbackQuery.data);
    if (!choice || !inDialog(ctx) || !questionIsLive(ctx)) {
      await ctx.answerCallbackQuery({ text: ctx.t.common.staleButton, show_alert: true });
      return;
    }
    noQuestion(ctx);
    await ctx.answerCallbackQuery();
    await ctx.editMessageReplyMarkup().catch(() => undefined);
    if (!choice.restart) {
      await ctx.reply(ctx.t.booking.continuing);
      return;
    }
    await ctx.conversation.exitAll();
    // A conversation can only be entered below its createConversation: the new one starts there.
    if (choice.after === "book") return next();
    await ctx.reply(ctx.t.access.welcome(ctx.from.first_name), { reply_markup: mainMenu(ctx.t) });
  });

  privateChat.use(createConversation<BotContext, Context>(bookingConversation(deps), { id: BOOKING }));
  privateChat.use(createConversation<BotContext, Context>(rescheduleConversation(deps), { id: RESCHEDULE }));

  // "Move" on a /mybookings list or a reminder: the availability step again for that booking.
  privateChat.callbackQuery(manageBooking.pattern, async (ctx, next) => {
    const data = manageBooking.decode(ctx.callbackQuery.data);
    if (data?.action !== "reschedule") return next();
    const booking = await changeableBooking(ctx, data.uid);
    if (!booking) return;
    await ctx.answerCallbackQuery();
    await ctx.conversation.exitAll();
    noQuestion(ctx);
    await ctx.conversation.enter(RESCHEDULE, booking.uid);
  });

  const start = async (ctx: BotContext) => {
    if (ctx.role === "stranger") {
      await ctx.reply(ctx.t.access.notApproved);
      return;
    }
    deps.calcom.prefetch();
    noQuestion(ctx);
    await ctx.conversation.enter(BOOKING);
  };
  privateChat.command("book", start);
  privateChat.callbackQuery(restartChoice.pattern, start); // "Yes, start over" after /book (see above)
  privateChat.callbackQuery(menu.encode({ item: "book" }), async (ctx) => {
    await ctx.answerCallbackQuery();
    await start(ctx);
  });

  return feature;
}

/** Deletes dialogs idle past the timeout (the plugin only notices on the user's next update). */
export function sweepIdleDialogs(deps: BotDeps): number {
  const before = new Date(deps.clock.now() - deps.config.conversationTimeoutMinutes * 60_000).toISOString();
  return new ConversationStore(deps.db, deps.clock).sweep(before);
}

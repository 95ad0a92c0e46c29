import { Composer } from "grammy";
import type { BotContext } from "../context.js";
import { commandOf } from "../filters.js";
import { answer } from "../ui/answer.js";

/** The bot's own chat, for "write to me there" (https://t.me/<username>). */
function privateLink(ctx: BotContext): string {
  return `https://t.me/${ctx.me.username}`;
}

/** A command meant for this bot: `/cmd` or `/cmd@ThisBot` (not `/cmd@OtherBot`). */
function isCommandForMe(ctx: BotContext): boolean {
  const command = commandOf(ctx.message);
  return command !== undefined && (command.to === undefined || command.to === ctx.me.username.toLowerCase());
}

/**
 * Personal data (lists, bookings, dialogs, admin commands) is served in private chats only. Anywhere
 * else a command meant for the bot gets one line pointing to its private chat, a button gets that
 * line as an alert, and nothing else happens: no feature below ever sees a group's update.
 */
export function privateOnlyFeature(): Composer<BotContext> {
  const feature = new Composer<BotContext>();
  const elsewhere = feature.chatType(["group", "supergroup", "channel"]);
  elsewhere.on("callback_query", (ctx) =>
    answer(ctx, { text: ctx.t.common.privateOnly(privateLink(ctx)), alert: true }),
  );
  elsewhere.on("message", async (ctx) => {
    if (!isCommandForMe(ctx)) return;
    await ctx.reply(ctx.t.common.privateOnly(privateLink(ctx)), {
      reply_parameters: { message_id: ctx.message.message_id, allow_sending_without_reply: true },
      link_preview_options: { is_disabled: true },
    });
  });
  // Everything else there (chatter, edits, members coming and going) gets no answer.
  elsewhere.use(() => undefined);
  return feature;
}

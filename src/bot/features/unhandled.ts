import { Composer } from "grammy";
import type { BotContext } from "../context.js";
import { answer } from "../ui/answer.js";
import { mainMenu } from "../ui/keyboards.js";

/**
 * The last stop: whatever no feature took. Buttons nobody owns get an alert (never silence),
 * unknown commands and stray input get a short hint.
 */
export function unhandledFeature(): Composer<BotContext> {
  const feature = new Composer<BotContext>();

  feature.on("callback_query", (ctx) => answer(ctx, { text: ctx.t.common.staleButton, alert: true }));

  feature.chatType("private").on("message", async (ctx) => {
    const entity = ctx.message.entities?.[0];
    if (entity?.type === "bot_command" && entity.offset === 0) {
      await ctx.reply(ctx.t.common.unknownCommand);
      return;
    }
    if (ctx.role === "stranger") {
      await ctx.reply(ctx.t.access.notApproved);
      return;
    }
    await ctx.reply(ctx.t.common.useButtonsOrHelp, { reply_markup: mainMenu(ctx.t) });
  });

  return feature;
}

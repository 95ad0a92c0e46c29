import { Composer } from "grammy";
import type { BotContext } from "../context.js";
import { answer } from "../ui/answer.js";
import { menu } from "../ui/callback-data.js";

function helpText(ctx: BotContext): string {
  if (ctx.role === "admin") return ctx.t.help.admin;
  if (ctx.role === "user") return ctx.t.help.user;
  return ctx.t.help.stranger;
}

/** `/help` and the menu's Help button: what this person can do. */
export function helpFeature(): Composer<BotContext> {
  const feature = new Composer<BotContext>();
  feature.command("help", (ctx) => ctx.reply(helpText(ctx)));
  feature.callbackQuery(menu.encode({ item: "help" }), async (ctx) => {
    await answer(ctx);
    await ctx.reply(helpText(ctx));
  });
  return feature;
}

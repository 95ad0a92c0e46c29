import { Composer, InlineKeyboard } from "grammy";
import type { BotContext } from "../context.js";
import { answer } from "../ui/answer.js";
import { menu, privacyAction } from "../ui/callback-data.js";

function helpText(ctx: BotContext): string {
  if (ctx.role === "admin") {
    const several = (ctx.deps.services.bookings.knownEventType()?.lengthOptions.length ?? 0) > 1;
    return several ? `${ctx.t.help.admin}\n\n${ctx.t.durations.helpAdmin}` : ctx.t.help.admin;
  }
  if (ctx.role === "user") return ctx.t.help.user;
  return ctx.t.help.stranger;
}

/** The help reply; in a private chat with a button to what the bot keeps about this person (/privacy). */
function replyHelp(ctx: BotContext) {
  if (ctx.chat?.type !== "private") return ctx.reply(helpText(ctx));
  return ctx.reply(helpText(ctx), {
    reply_markup: new InlineKeyboard().text(ctx.t.privacy.button, privacyAction.encode({ action: "show" })),
  });
}

/** `/help` and the menu's Help button: what this person can do. */
export function helpFeature(): Composer<BotContext> {
  const feature = new Composer<BotContext>();
  feature.command("help", replyHelp);
  feature.callbackQuery(menu.encode({ item: "help" }), async (ctx) => {
    await answer(ctx);
    await replyHelp(ctx);
  });
  return feature;
}

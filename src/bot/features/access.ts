import { Composer } from "grammy";
import type { BotContext } from "../context.js";
import { mainMenu } from "../ui/keyboards.js";

/** `/start`: approved users and admins get the menu; strangers ask for access. */
export function accessFeature(): Composer<BotContext> {
  const feature = new Composer<BotContext>();

  feature.chatType("private").command("start", async (ctx) => {
    const from = ctx.from;
    const { access } = ctx.deps.services;
    if (ctx.role === "admin") {
      await ctx.reply(ctx.t.access.welcomeAdmin(from.first_name), { reply_markup: mainMenu(ctx.t) });
      return;
    }
    if (ctx.role === "user") {
      access.touchProfile(from);
      await ctx.reply(ctx.t.access.welcome(from.first_name), { reply_markup: mainMenu(ctx.t) });
      return;
    }
    const outcome = access.requestAccess(from);
    if (outcome.kind === "rejected") {
      await ctx.reply(ctx.t.access.rejected);
      return;
    }
    await ctx.reply(
      outcome.kind === "requested" ? ctx.t.access.requested(from.id) : ctx.t.access.stillPending(from.id),
    );
    // The admins' notice was queued with the request; deliver it now.
    ctx.deps.deliverNotices();
  });

  return feature;
}

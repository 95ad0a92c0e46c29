import { Composer } from "grammy";
import type { WhoisView } from "../../i18n/privacy-views.js";
import { PSEUDONYM } from "../../members/pseudonym.js";
import type { Identity } from "../../members/whois.js";
import type { BotContext } from "../context.js";
import { isAdmin } from "../filters.js";
import { storedPerson } from "../ui/format.js";

/**
 * Admins' `/whois`: logs name people by pseudonym only. `/whois <pseudonym>` says who it is (among
 * admins, members and access requests); `/whois <id>` gives the pseudonym to look for in the logs.
 */
export function whoisFeature(): Composer<BotContext> {
  const feature = new Composer<BotContext>();
  feature.chatType("private").command("whois", async (ctx) => {
    if (!isAdmin(ctx)) {
      await ctx.reply(ctx.t.admin.adminsOnly);
      return;
    }
    const { whois } = ctx.deps.services;
    const arg = ctx.match.trim().toLowerCase();
    if (/^\d{1,15}$/.test(arg)) {
      await ctx.reply(ctx.t.privacy.whoisId(view(ctx, whois.byId(Number(arg)))));
    } else if (PSEUDONYM.test(arg)) {
      const found = whois.byPseudonym(arg);
      const lines = found.map((who) => ctx.t.privacy.whoisFound(view(ctx, who)));
      await ctx.reply(lines.length > 0 ? lines.join("\n") : ctx.t.privacy.whoisNone(arg));
    } else {
      await ctx.reply(ctx.t.privacy.whoisUsage);
    }
  });
  return feature;
}

function view(ctx: BotContext, who: Identity): WhoisView {
  return {
    id: who.telegramId,
    pseudonym: who.pseudonym,
    person: storedPerson(who),
    standing: ctx.t.privacy.standing[who.standing],
  };
}

import { Composer } from "grammy";
import type { StatsSnapshot } from "../../bookings/stats.js";
import type { StatsView } from "../../i18n/privacy-views.js";
import type { BotContext } from "../context.js";
import { isAdmin } from "../filters.js";

/** Admins' `/stats`: members, bookings, cancellations and moves (whose), reminders — counts only. */
export function statsFeature(): Composer<BotContext> {
  const feature = new Composer<BotContext>();
  feature.chatType("private").command("stats", async (ctx) => {
    if (!isAdmin(ctx)) {
      await ctx.reply(ctx.t.admin.adminsOnly);
      return;
    }
    await ctx.reply(ctx.t.stats.report(statsView(ctx.deps.services.stats.snapshot())));
  });
  return feature;
}

function statsView(s: StatsSnapshot): StatsView {
  const pair = (key: Exclude<keyof StatsSnapshot["last7Days"], "blockedUsers">): [number, number] => [
    s.last7Days[key],
    s.last30Days[key],
  ];
  return {
    ...s.members,
    upcoming: s.upcoming,
    made: pair("made"),
    cancelledByMembers: pair("cancelledByMembers"),
    cancelledBySponsor: pair("cancelledBySponsor"),
    movedByMembers: pair("movedByMembers"),
    movedBySponsor: pair("movedBySponsor"),
    remindersSent: pair("remindersSent"),
    blockedUsers: s.last30Days.blockedUsers,
  };
}

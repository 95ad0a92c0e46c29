import { Composer } from "grammy";
import type { SetCapOutcome } from "../../bookings/length-caps.js";
import type { Messages } from "../../i18n/index.js";
import type { BotContext } from "../context.js";
import { isAdmin } from "../filters.js";
import { parseId } from "../ui/callback-data.js";
import { personView } from "../ui/format.js";
import { onPage, showPage } from "../ui/pager.js";

/**
 * `/limit <id> <minutes>` caps the longest meeting a member may book (event types with several
 * lengths); `/limit <id> off` removes it; `/limits` lists the caps. Admins only.
 */
export function lengthLimitsFeature(): Composer<BotContext> {
  const feature = new Composer<BotContext>();
  feature.command(["limit", "limits"], async (ctx, next) => {
    if (isAdmin(ctx)) return next();
    await ctx.reply(ctx.t.admin.adminsOnly);
  });
  const admin = feature.filter(isAdmin);
  admin.command("limit", async (ctx) => {
    await ctx.reply(limitReply(ctx, ctx.match.trim()));
  });
  admin.command("limits", (ctx) => showLimits(ctx));
  onPage(admin, "limits", showLimits);
  return feature;
}

/** Parses and applies `/limit <id> <minutes|off>`; the reply says what changed (or why not). */
function limitReply(ctx: BotContext, args: string): string {
  const t = ctx.t.durations;
  const [idText = "", value = "", ...rest] = args.split(/\s+/);
  const id = parseId(idText);
  if (id === undefined || rest.length > 0) return t.limitUsage;
  const caps = ctx.deps.services.lengthCaps;
  if (value.toLowerCase() === "off")
    return caps.clear(ctx.from?.id ?? 0, id) ? t.limitCleared(id) : t.limitNotSet(id);
  if (!/^\d{1,4}$/.test(value) || Number(value) < 1) return t.limitUsage;
  const minutes = Number(value);
  return setText(ctx.t, id, minutes, caps.set(ctx.from?.id ?? 0, id, minutes));
}

function setText(t: Messages, id: number, minutes: number, outcome: SetCapOutcome): string {
  if (outcome.ok) return t.durations.limitSet(id, minutes, outcome.allowed);
  if (outcome.kind === "notMember") return t.durations.limitNotMember(id);
  if (outcome.kind === "lengthsUnknown") return t.durations.limitLengthsUnknown;
  if (outcome.kind === "singleLength") return t.durations.limitSingleLength(outcome.lengths[0] ?? 0);
  return t.durations.limitBelowShortest(outcome.lengths);
}

async function showLimits(ctx: BotContext, page = 0, messageId?: number): Promise<void> {
  const { lengthCaps, access } = ctx.deps.services;
  const caps = lengthCaps.list();
  const members = new Map(access.approvedMembers().map((u) => [u.telegramId, u]));
  const items = caps.map((c) => {
    const u = members.get(c.telegramId);
    return {
      text: ctx.t.durations.limitsItem(c.telegramId, u?.firstName ? personView(u).name : null, c.maxMinutes),
    };
  });
  const title = ctx.t.durations.limitsTitle(caps.length);
  await showPage(ctx, { list: "limits", title, items, empty: ctx.t.durations.limitsNone }, page, messageId);
}

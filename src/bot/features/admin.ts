import { Composer, InlineKeyboard } from "grammy";
import type { Message } from "grammy/types";
import type { Messages } from "../../i18n/index.js";
import type { Decision, DecisionOutcome } from "../../members/access.js";
import { truncate } from "../../text/graphemes.js";
import { shortLocal } from "../../time/slots.js";
import type { BotContext } from "../context.js";
import { isAdmin } from "../filters.js";
import { answer } from "../ui/answer.js";
import { accessDecision, cancelHeld, parseId } from "../ui/callback-data.js";
import { personView } from "../ui/format.js";
import { type ListItem, onPage, showPage } from "../ui/pager.js";

/** Visible characters of a name on a ✅ / ❌ button. */
const BUTTON_NAME_MAX = 24;
const ADMIN_COMMANDS = ["approve", "reject", "revoke", "pending", "users"] as const;

/** Admin commands and the Approve / Reject buttons. Everyone else gets a refusal; nothing changes. */
export function adminFeature(): Composer<BotContext> {
  const feature = new Composer<BotContext>();
  feature.command([...ADMIN_COMMANDS], async (ctx, next) => {
    if (isAdmin(ctx)) return next();
    await ctx.reply(ctx.t.admin.adminsOnly);
  });
  const admin = feature.filter(isAdmin);
  for (const action of ["approve", "reject", "revoke"] as const) {
    admin.command(action, async (ctx) => {
      const id = parseId(ctx.match.trim());
      if (id === undefined) {
        await ctx.reply(ctx.t.admin.usage(action));
        return;
      }
      const outcome = decide(ctx, action, id);
      if (outcome.ok && action === "revoke") await replyRevoked(ctx, id, outcome.text);
      else await ctx.reply(outcome.text);
    });
  }
  admin.command("pending", (ctx) => showPending(ctx));
  admin.command("users", (ctx) => showUsers(ctx));
  onPage(admin, "pending", showPending);
  onPage(admin, "users", showUsers);
  feature.callbackQuery(accessDecision.pattern, onDecisionButton);
  return feature;
}

/** After /revoke: how many upcoming meetings the member still holds, and a button to cancel them all. */
async function replyRevoked(ctx: BotContext, id: number, text: string): Promise<void> {
  const held = ctx.deps.services.bookings.comingBookingsOf(id).length;
  if (held === 0) {
    await ctx.reply(text);
    return;
  }
  await ctx.reply(`${text}\n\n${ctx.t.admin.revokedHolds(held)}`, {
    reply_markup: new InlineKeyboard().text(ctx.t.admin.cancelAllButton, cancelHeld.encode({ userId: id })),
  });
}

/** A page of /pending: each request with its commands, and ✅ / ❌ buttons that come back to this page. */
async function showPending(ctx: BotContext, page = 0, messageId?: number): Promise<void> {
  const pending = ctx.deps.services.access.pendingRequests();
  const zone = ctx.deps.config.adminTimezone;
  const items = pending.map((r): ListItem => {
    const view = personView(r);
    const name = truncate(view.name, BUTTON_NAME_MAX);
    const userId = r.telegramId;
    return {
      text: ctx.t.admin.pendingItem(view, shortLocal(r.requestedAt, zone)),
      buttons: [
        [
          { text: `✅ ${name}`, callback_data: accessDecision.encode({ action: "approve", userId, page }) },
          { text: `❌ ${name}`, callback_data: accessDecision.encode({ action: "reject", userId, page }) },
        ],
      ],
    };
  });
  const title = ctx.t.admin.pendingTitle(pending.length);
  await showPage(ctx, { list: "pending", title, items, empty: ctx.t.admin.pendingNone }, page, messageId);
}

async function showUsers(ctx: BotContext, page = 0, messageId?: number): Promise<void> {
  const users = ctx.deps.services.access.approvedMembers();
  const { lengthCaps } = ctx.deps.services;
  const zone = ctx.deps.config.adminTimezone;
  const items = users.map((u) => {
    const cap = lengthCaps.capOf(u.telegramId);
    const capText = cap === undefined ? "" : ctx.t.durations.usersCap(cap);
    return { text: ctx.t.admin.usersItem(personView(u), shortLocal(u.approvedAt ?? "", zone)) + capText };
  });
  const title = ctx.t.admin.usersTitle(users.length);
  await showPage(ctx, { list: "users", title, items, empty: ctx.t.admin.usersNone }, page, messageId);
}

async function onDecisionButton(ctx: BotContext): Promise<void> {
  const decision = accessDecision.decode(ctx.callbackQuery?.data);
  if (!decision) {
    await answer(ctx, { text: ctx.t.common.staleButton, alert: true });
    return;
  }
  if (!isAdmin(ctx)) {
    await answer(ctx, { text: ctx.t.admin.adminsOnly, alert: true });
    return;
  }
  const outcome = decide(ctx, decision.action, decision.userId);
  await answer(ctx, { text: outcome.text, alert: !outcome.ok });
  const message = ctx.callbackQuery?.message;
  if (decision.page !== undefined) {
    // A button of a /pending page: the page again, as it is now.
    await showPending(ctx, decision.page, message?.message_id);
    return;
  }
  if (outcome.ok && ctx.from && message && "text" in message && message.text) {
    // The request message now shows the decision and loses its buttons.
    const admin = ctx.from.username ? `@${ctx.from.username}` : ctx.from.first_name;
    await ctx
      .editMessageText(
        ctx.t.admin.decidedBy(`${(message as Message.TextMessage).text}\n\n${outcome.text}`, admin),
      )
      .catch((err: unknown) => ctx.log.debug({ err }, "could not edit request message"));
  }
}

/** Records the decision (with its audit entry and the member's notice) and says what happened. */
function decide(ctx: BotContext, action: Decision, id: number): { ok: boolean; text: string } {
  const outcome = ctx.deps.services.access.decide(ctx.from?.id ?? 0, action, id);
  // The member's notice was queued with the decision: the sender delivers it (not awaited here).
  if (outcome.ok) ctx.deps.deliverNotices();
  return { ok: outcome.ok, text: decisionText(ctx.t, outcome, id) };
}

function decisionText(t: Messages, outcome: DecisionOutcome, id: number): string {
  switch (outcome.kind) {
    case "approved":
      return t.admin.approved(
        outcome.request ? personView(outcome.request) : { name: `ID ${id}`, username: null, id },
      );
    case "rejected":
      return t.admin.rejected(personView(outcome.request));
    case "revoked":
      return t.admin.revoked(id);
    case "cannotTargetAdmin":
      return t.admin.cannotTargetAdmin;
    case "notApprovedUser":
      return t.admin.notApprovedUser(id);
    case "alreadyApproved":
      return t.admin.alreadyApproved(id);
    case "noSuchRequest":
      return t.admin.noSuchRequest(id);
    case "alreadyRejected":
      return t.admin.alreadyRejected(id);
  }
}

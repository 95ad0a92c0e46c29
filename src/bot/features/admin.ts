import { Composer, InlineKeyboard } from "grammy";
import type { Message } from "grammy/types";
import type { Messages } from "../../i18n/index.js";
import type { Decision, DecisionOutcome } from "../../members/access.js";
import { shortLocal } from "../../time/slots.js";
import type { BotContext } from "../context.js";
import { isAdmin } from "../filters.js";
import { accessDecision, cancelHeld, parseId } from "../ui/callback-data.js";
import { personView } from "../ui/format.js";
import { mainMenu } from "../ui/keyboards.js";
import { tell } from "../ui/notify.js";

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
  admin.command("pending", showPending);
  admin.command("users", showUsers);
  feature.callbackQuery(accessDecision.pattern, onDecisionButton);
  return feature;
}

/** After /revoke: how many upcoming meetings the member still holds, and a button to cancel them all. */
async function replyRevoked(ctx: BotContext, id: number, text: string): Promise<void> {
  const held = ctx.deps.services.bookings.cancellableBookingsOf(id).length;
  if (held === 0) {
    await ctx.reply(text);
    return;
  }
  await ctx.reply(`${text}\n\n${ctx.t.admin.revokedHolds(held)}`, {
    reply_markup: new InlineKeyboard().text(ctx.t.admin.cancelAllButton, cancelHeld.encode({ userId: id })),
  });
}

async function showPending(ctx: BotContext): Promise<void> {
  const pending = ctx.deps.services.access.pendingRequests();
  if (pending.length === 0) {
    await ctx.reply(ctx.t.admin.pendingNone);
    return;
  }
  const zone = ctx.deps.config.adminTimezone;
  const lines = pending.map((r) => ctx.t.admin.pendingItem(personView(r), shortLocal(r.requestedAt, zone)));
  const chunks = chunkLines([ctx.t.admin.pendingTitle(pending.length), ...lines], 3500);
  // Buttons for the oldest requests go with the last chunk; the rest keep their /approve commands.
  const keyboard = new InlineKeyboard();
  for (const r of pending.slice(0, 20)) {
    const name = personView(r).name.slice(0, 24);
    keyboard
      .text(`✅ ${name}`, accessDecision.encode({ action: "approve", userId: r.telegramId }))
      .text(`❌ ${name}`, accessDecision.encode({ action: "reject", userId: r.telegramId }))
      .row();
  }
  for (const [i, chunk] of chunks.entries()) {
    await ctx.reply(chunk, i === chunks.length - 1 ? { reply_markup: keyboard } : {});
  }
}

async function showUsers(ctx: BotContext): Promise<void> {
  const users = ctx.deps.services.access.approvedMembers();
  if (users.length === 0) {
    await ctx.reply(ctx.t.admin.usersNone);
    return;
  }
  const zone = ctx.deps.config.adminTimezone;
  const lines = users.map((u) => ctx.t.admin.usersItem(personView(u), shortLocal(u.approvedAt ?? "", zone)));
  for (const chunk of chunkLines([ctx.t.admin.usersTitle(users.length), ...lines], 3500)) {
    await ctx.reply(chunk);
  }
}

async function onDecisionButton(ctx: BotContext): Promise<void> {
  const decision = accessDecision.decode(ctx.callbackQuery?.data);
  if (!decision) {
    await ctx.answerCallbackQuery({ text: ctx.t.common.staleButton, show_alert: true });
    return;
  }
  if (!isAdmin(ctx)) {
    await ctx.answerCallbackQuery({ text: ctx.t.admin.adminsOnly, show_alert: true });
    return;
  }
  const outcome = decide(ctx, decision.action, decision.userId);
  await ctx.answerCallbackQuery({ text: outcome.text.slice(0, 200), show_alert: !outcome.ok });
  const message = ctx.callbackQuery?.message;
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

/** Records the decision (with its audit entry), tells the member, and says what happened. */
function decide(ctx: BotContext, action: Decision, id: number): { ok: boolean; text: string } {
  const outcome = ctx.deps.services.access.decide(ctx.from?.id ?? 0, action, id);
  if (outcome.ok) {
    // Not awaited: the admin's button is answered at once; tell() never throws.
    if (outcome.kind === "revoked") void tell(ctx.api, ctx.deps, id, (ut) => ut.access.youWereRevoked);
    if (outcome.kind === "rejected") void tell(ctx.api, ctx.deps, id, (ut) => ut.access.youWereRejected);
    if (outcome.kind === "approved")
      void tell(
        ctx.api,
        ctx.deps,
        id,
        (ut) => ut.access.youWereApproved,
        (ut) => mainMenu(ut),
      );
  }
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

function chunkLines(lines: readonly string[], max: number): string[] {
  const chunks: string[] = [];
  let current = "";
  for (const line of lines) {
    if (current && current.length + line.length + 1 > max) {
      chunks.push(current);
      current = "";
    }
    current = current ? `${current}\n${line}` : line;
  }
  if (current) chunks.push(current);
  return chunks;
}

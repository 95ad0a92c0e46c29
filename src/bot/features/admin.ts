import { Composer, InlineKeyboard } from "grammy";
import type { Message } from "grammy/types";
import { shortLocal } from "../../time/slots.js";
import { accessDecision } from "../callback-data.js";
import type { BotContext } from "../context.js";
import { personView } from "../format.js";
import { mainMenu } from "../keyboards.js";
import { tell } from "../notify.js";

type Outcome = { ok: true; text: string } | { ok: false; text: string };

const ID_ARG = /^\s*(\d{1,15})\s*$/;

/** Admin commands and the Approve / Reject buttons. Everyone else gets a refusal; nothing changes. */
export function adminFeature(): Composer<BotContext> {
  const feature = new Composer<BotContext>();
  const adminCommands = ["approve", "reject", "revoke", "pending", "users"] as const;

  feature.command([...adminCommands], async (ctx, next) => {
    if (ctx.role !== "admin") {
      await ctx.reply(ctx.t.admin.adminsOnly);
      return;
    }
    await next();
  });

  for (const action of ["approve", "reject", "revoke"] as const) {
    feature.command(action, async (ctx) => {
      const match = ID_ARG.exec(ctx.match);
      if (!match?.[1]) {
        await ctx.reply(ctx.t.admin.usage(action));
        return;
      }
      const outcome = await decide(ctx, action, Number(match[1]));
      await ctx.reply(outcome.text);
    });
  }

  feature.command("pending", async (ctx) => {
    const pending = ctx.deps.repos.requests.listPending();
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
  });

  feature.command("users", async (ctx) => {
    const users = ctx.deps.repos.users.listApproved();
    if (users.length === 0) {
      await ctx.reply(ctx.t.admin.usersNone);
      return;
    }
    const zone = ctx.deps.config.adminTimezone;
    const lines = users.map((u) =>
      ctx.t.admin.usersItem(personView(u), shortLocal(u.approvedAt ?? "", zone)),
    );
    for (const chunk of chunkLines([ctx.t.admin.usersTitle(users.length), ...lines], 3500)) {
      await ctx.reply(chunk);
    }
  });

  feature.callbackQuery(accessDecision.pattern, async (ctx) => {
    const decision = accessDecision.decode(ctx.callbackQuery.data);
    if (!decision) {
      await ctx.answerCallbackQuery({ text: ctx.t.common.staleButton, show_alert: true });
      return;
    }
    if (ctx.role !== "admin") {
      await ctx.answerCallbackQuery({ text: ctx.t.admin.adminsOnly, show_alert: true });
      return;
    }
    const outcome = await decide(ctx, decision.action, decision.userId);
    await ctx.answerCallbackQuery({ text: outcome.text.slice(0, 200), show_alert: !outcome.ok });
    const message = ctx.callbackQuery.message;
    if (outcome.ok && message && "text" in message && message.text) {
      // The request message now shows the decision and loses its buttons.
      const admin = ctx.from.username ? `@${ctx.from.username}` : ctx.from.first_name;
      await ctx
        .editMessageText(
          ctx.t.admin.decidedBy(`${(message as Message.TextMessage).text}\n\n${outcome.text}`, admin),
        )
        .catch((err: unknown) => ctx.log.debug({ err }, "could not edit request message"));
    }
  });

  return feature;
}

async function decide(
  ctx: BotContext,
  action: "approve" | "reject" | "revoke",
  id: number,
): Promise<Outcome> {
  const { repos, clock, config } = ctx.deps;
  const t = ctx.t;
  const adminId = ctx.from?.id ?? 0;
  const at = new Date(clock.now()).toISOString();
  if (config.adminIds.includes(id)) return { ok: false, text: t.admin.cannotTargetAdmin };
  const request = repos.requests.get(id);

  if (action === "revoke") {
    if (!repos.users.revoke(id, adminId, at)) return { ok: false, text: t.admin.notApprovedUser(id) };
    repos.audit.record({ adminId, action, targetId: id, at });
    // Not awaited: the admin's button is answered at once; tell() never throws.
    void tell(ctx.api, ctx.deps, id, (ut) => ut.access.youWereRevoked);
    return { ok: true, text: t.admin.revoked(id) };
  }

  if (repos.users.isApproved(id)) return { ok: false, text: t.admin.alreadyApproved(id) };

  if (action === "reject") {
    if (!request) return { ok: false, text: t.admin.noSuchRequest(id) };
    if (request.status === "rejected") return { ok: false, text: t.admin.alreadyRejected(id) };
    repos.requests.decide(id, "rejected", adminId, at);
    repos.audit.record({ adminId, action, targetId: id, at });
    // Not awaited: the admin's button is answered at once; tell() never throws.
    void tell(ctx.api, ctx.deps, id, (ut) => ut.access.youWereRejected);
    return { ok: true, text: t.admin.rejected(personView(request)) };
  }

  // approve: also works for someone who never asked (the admin may invite by id).
  const profile = request
    ? {
        id,
        first_name: request.firstName,
        last_name: request.lastName ?? undefined,
        username: request.username ?? undefined,
      }
    : { id, first_name: "" };
  ctx.deps.db.transaction(() => {
    repos.users.approve(profile, adminId, at);
    if (request) repos.requests.decide(id, "approved", adminId, at);
    else repos.requests.recordApproved(id, adminId, at);
    repos.audit.record({ adminId, action, targetId: id, at });
  })();
  void tell(
    ctx.api,
    ctx.deps,
    id,
    (ut) => ut.access.youWereApproved,
    (ut) => mainMenu(ut),
  );
  return {
    ok: true,
    text: t.admin.approved(request ? personView(request) : { name: `ID ${id}`, username: null, id }),
  };
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

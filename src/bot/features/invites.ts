import { Composer, InlineKeyboard } from "grammy";
import { truncate } from "../../text/graphemes.js";
import { shortLocal } from "../../time/slots.js";
import type { BotContext } from "../context.js";
import { isAdmin } from "../filters.js";
import { answer } from "../ui/answer.js";
import { defineCallback, parseId } from "../ui/callback-data.js";
import { editOrSend } from "../ui/edit-or-send.js";
import { mainMenu } from "../ui/keyboards.js";

/** Revoke on an /invites list: `inv:<invite id>`. */
const revokeInvite = defineCallback<{ id: number }>("inv", {
  format: (v) => [v.id],
  parse: ([id, ...rest]) => {
    const n = parseId(id);
    return rest.length === 0 && n !== undefined ? { id: n } : undefined;
  },
});

/** Open invites shown with buttons at most (Telegram allows 100 buttons; a list stays readable). */
const LIST_MAX = 30;

/**
 * One-time invite links. Admins: `/invite [note]` makes a link, `/invites` lists the open ones
 * with Revoke buttons. Anyone: `/start <code>` — a stranger with an open invite is let in at once
 * (and its admin told who it was); anything else gets "no longer valid" and the normal access
 * request. Members and admins opening a link just get the menu (the link stays unused).
 */
export function invitesFeature(): Composer<BotContext> {
  const feature = new Composer<BotContext>();
  const chat = feature.chatType("private");
  chat.command("start", async (ctx, next) => {
    const code = ctx.match.trim();
    if (code === "" || ctx.role !== "stranger") return next();
    const invite = ctx.deps.services.invitations.use(code, ctx.from);
    if (!invite) {
      ctx.log.info("invalid invite code");
      await ctx.reply(ctx.t.invites.invalid);
      return next(); // the normal access request
    }
    ctx.log.info({ invite: invite.id }, "stranger approved through an invite");
    await ctx.reply(ctx.t.invites.welcome(ctx.from.first_name), { reply_markup: mainMenu(ctx.t) });
    ctx.deps.deliverNotices(); // the inviter's notice was queued with the approval
  });
  chat.command(["invite", "invites"], async (ctx, next) => {
    if (isAdmin(ctx)) return next();
    await ctx.reply(ctx.t.admin.adminsOnly);
  });
  const admin = chat.filter(isAdmin);
  admin.command("invite", async (ctx) => {
    const { code, invite } = ctx.deps.services.invitations.create(ctx.from.id, ctx.match);
    const link = `https://t.me/${ctx.me.username}?start=${code}`;
    const until = shortLocal(invite.expiresAt, ctx.deps.config.adminTimezone);
    await ctx.reply(ctx.t.invites.created(link, invite.note, until), {
      link_preview_options: { is_disabled: true },
    });
  });
  admin.command("invites", (ctx) => showInvites(ctx, undefined));
  feature.callbackQuery(revokeInvite.pattern, onRevoke);
  return feature;
}

/** The open invites with a Revoke button each (in place of `messageId` after a revoke). */
async function showInvites(ctx: BotContext, messageId: number | undefined): Promise<void> {
  const { t } = ctx;
  const zone = ctx.deps.config.adminTimezone;
  const open = ctx.deps.services.invitations.listOpen();
  const chatId = ctx.chat?.id as number;
  if (open.length === 0) {
    await editOrSend(ctx.api, chatId, messageId, t.invites.listNone, undefined);
    return;
  }
  const shown = open.slice(0, LIST_MAX);
  const keyboard = new InlineKeyboard();
  const lines = shown.map((invite, i) => {
    keyboard.text(t.invites.revokeButton(i + 1), revokeInvite.encode({ id: invite.id }));
    if (i % 3 === 2) keyboard.row();
    return t.invites.listItem({
      n: i + 1,
      note: invite.note === null ? null : truncate(invite.note, 60),
      createdAt: shortLocal(invite.createdAt, zone),
      expiresAt: shortLocal(invite.expiresAt, zone),
    });
  });
  if (open.length > shown.length) lines.push(t.invites.listMore(open.length - shown.length));
  await editOrSend(
    ctx.api,
    chatId,
    messageId,
    [t.invites.listTitle(open.length), ...lines].join("\n"),
    keyboard,
  );
}

async function onRevoke(ctx: BotContext): Promise<void> {
  const data = revokeInvite.decode(ctx.callbackQuery?.data);
  if (!data) {
    await answer(ctx, { text: ctx.t.common.staleButton, alert: true });
    return;
  }
  if (!isAdmin(ctx) || ctx.chat?.type !== "private") {
    await answer(ctx, { text: ctx.t.admin.adminsOnly, alert: true });
    return;
  }
  const revoked = ctx.deps.services.invitations.revoke(data.id, ctx.from?.id as number);
  await answer(ctx, {
    text: revoked ? ctx.t.invites.revoked : ctx.t.invites.notOpen,
    alert: !revoked,
  });
  await showInvites(ctx, ctx.callbackQuery?.message?.message_id);
}

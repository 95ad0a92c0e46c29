import { type Api, Composer } from "grammy";
import type { AccessRequest } from "../../db/access-requests.js";
import type { BotContext, BotDeps } from "../context.js";
import { personView } from "../ui/format.js";
import { decisionButtons, mainMenu } from "../ui/keyboards.js";
import { tellAdmins } from "../ui/notify.js";

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
    // Also covers a crash between recording the request and telling the admins.
    if (outcome.notify) await notifyAdminsOfRequest(ctx.api, ctx.deps, outcome.request);
  });

  return feature;
}

/** One message per admin per request, with the commands and Approve / Reject buttons. */
export async function notifyAdminsOfRequest(api: Api, deps: BotDeps, request: AccessRequest): Promise<void> {
  const view = personView(request);
  const delivered = await tellAdmins(
    api,
    deps,
    (t) => t.admin.newRequest(view),
    (t) => decisionButtons(t, request.telegramId),
  );
  if (delivered > 0) deps.services.access.markNotified(request.telegramId);
}

/** At start-up: requests whose admin message never went out (crash, admins unreachable). */
export async function notifyPendingRequests(api: Api, deps: BotDeps): Promise<void> {
  for (const request of deps.services.access.unnotifiedRequests()) {
    await notifyAdminsOfRequest(api, deps, request);
  }
}

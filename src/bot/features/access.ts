import { type Api, Composer } from "grammy";
import type { AccessRequest } from "../../db/access-requests.js";
import type { BotContext, BotDeps } from "../context.js";
import { personView } from "../format.js";
import { decisionButtons, mainMenu } from "../keyboards.js";
import { tellAdmins } from "../notify.js";

/** `/start`: approved users and admins get the menu; strangers ask for access. */
export function accessFeature(): Composer<BotContext> {
  const feature = new Composer<BotContext>();

  feature.command("start", async (ctx) => {
    const from = ctx.from;
    if (!from || ctx.chat?.type !== "private") return;
    const { repos, clock } = ctx.deps;
    const now = new Date(clock.now()).toISOString();

    if (ctx.role === "admin") {
      await ctx.reply(ctx.t.access.welcomeAdmin(from.first_name), { reply_markup: mainMenu(ctx.t) });
      return;
    }
    if (ctx.role === "user") {
      repos.users.touchProfile(from, now);
      await ctx.reply(ctx.t.access.welcome(from.first_name), { reply_markup: mainMenu(ctx.t) });
      return;
    }

    const existing = repos.requests.get(from.id);
    if (existing?.status === "rejected") {
      await ctx.reply(ctx.t.access.rejected);
      return;
    }
    // An "approved" request for someone who is not approved now means access was revoked:
    // asking again opens a fresh request.
    const request =
      existing?.status === "approved" ? repos.requests.reopen(from, now) : repos.requests.open(from, now);
    // A request whose admin message never went out (a crash in between) still counts as new.
    const isNew =
      existing === undefined || existing.status === "approved" || existing.adminsNotifiedAt === null;
    await ctx.reply(isNew ? ctx.t.access.requested(from.id) : ctx.t.access.stillPending(from.id));
    // Also covers a crash between recording the request and telling the admins.
    if (request.adminsNotifiedAt === null) await notifyAdminsOfRequest(ctx.api, ctx.deps, request);
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
  if (delivered > 0) {
    deps.repos.requests.markNotified(request.telegramId, new Date(deps.clock.now()).toISOString());
  }
}

/** At start-up: requests whose admin message never went out (crash, admins unreachable). */
export async function notifyPendingRequests(api: Api, deps: BotDeps): Promise<void> {
  for (const request of deps.repos.requests.listUnnotified()) {
    await notifyAdminsOfRequest(api, deps, request);
  }
}

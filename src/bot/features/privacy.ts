import { Composer, InlineKeyboard } from "grammy";
import { MEMBER_CANCEL_REASON } from "../../bookings/inputs.js";
import type { StoredBooking } from "../../db/bookings.js";
import type { PrivacyView } from "../../i18n/privacy-views.js";
import type { PrivacyReport } from "../../members/privacy.js";
import { shortLocal } from "../../time/slots.js";
import { zoneLabel } from "../../time/zones.js";
import type { BotContext } from "../context.js";
import { answer } from "../ui/answer.js";
import { type PrivacyAction, privacyAction } from "../ui/callback-data.js";
import { editOrSend } from "../ui/edit-or-send.js";
import { meetingWhen, personWithId, storedPerson } from "../ui/format.js";
import { tellAdmins } from "../ui/notify.js";

/**
 * `/privacy` (and the help reply's Privacy button), for members and strangers alike, in private
 * chats: what the bot keeps about this person and what Cal.com receives; Forget my email, Forget
 * my time zone, and Delete everything — which asks first, and cancels meetings at Cal.com only if
 * the member says so.
 */
export function privacyFeature(): Composer<BotContext> {
  const feature = new Composer<BotContext>();
  const chat = feature.chatType("private");
  chat.command("privacy", (ctx) => showReport(ctx, undefined));
  chat.callbackQuery(privacyAction.pattern, async (ctx) => {
    const data = privacyAction.decode(ctx.callbackQuery.data);
    if (!data) {
      await answer(ctx, { text: ctx.t.common.staleButton, alert: true });
      return;
    }
    await onButton(ctx, data);
  });
  return feature;
}

async function onButton(ctx: BotContext, data: PrivacyAction): Promise<void> {
  const { privacy } = ctx.deps.services;
  const id = ctx.from?.id as number;
  const here = ctx.callbackQuery?.message?.message_id;
  switch (data.action) {
    case "show":
      await answer(ctx);
      return showReport(ctx, undefined);
    case "forgetEmail":
    case "forgetZone": {
      const forgot = data.action === "forgetEmail" ? privacy.forgetEmail(id) : privacy.forgetZone(id);
      const done = data.action === "forgetEmail" ? ctx.t.privacy.emailForgotten : ctx.t.privacy.zoneForgotten;
      await answer(ctx, { text: forgot ? done : ctx.t.privacy.nothingToForget });
      return showReport(ctx, here);
    }
    case "ask":
      await answer(ctx);
      return askErase(ctx, here, undefined);
    case "back":
      await answer(ctx);
      await show(ctx, here, ctx.t.privacy.notDeleted, undefined);
      return;
    case "erase":
      await answer(ctx);
      return erase(ctx, data.cancelBookings, data.n);
  }
}

/** The report, as a new message or in place of `messageId` (after a Forget). */
async function showReport(ctx: BotContext, messageId: number | undefined): Promise<void> {
  const id = ctx.from?.id as number;
  const report = ctx.deps.services.privacy.report(id);
  const keyboard = new InlineKeyboard();
  if (report.preferences.email !== null)
    keyboard.text(ctx.t.privacy.forgetEmailButton, privacyAction.encode({ action: "forgetEmail" })).row();
  if (report.preferences.timezone !== null)
    keyboard.text(ctx.t.privacy.forgetZoneButton, privacyAction.encode({ action: "forgetZone" })).row();
  keyboard.text(ctx.t.privacy.deleteAllButton, privacyAction.encode({ action: "ask" }));
  await show(ctx, messageId, ctx.t.privacy.report(privacyView(ctx, report)), keyboard);
}

function privacyView(ctx: BotContext, r: PrivacyReport): PrivacyView {
  const { t, lang } = ctx;
  const now = ctx.deps.clock.now();
  const zone = r.preferences.timezone;
  return {
    id: r.telegramId,
    person: storedPerson(r.names),
    language: r.preferences.language
      ? t.privacy.languageName[r.preferences.language]
      : t.privacy.languageNotSaved,
    zone: zone ? zoneLabel(zone, lang, now) : null,
    email: r.maskedEmail,
    upcoming: r.upcoming.length,
    past: r.past,
    remindersBlocked: r.remindersBlocked,
    fallbackTag: r.hasFallbackTag,
    lengthCap: r.lengthCap ?? null,
    writeOpen: r.writeOpen,
    declinePromptOpen: r.declinePromptOpen,
    access: accessOf(ctx, r),
  };
}

function accessOf(ctx: BotContext, r: PrivacyReport): PrivacyView["access"] {
  if (ctx.role === "admin") return { kind: "admin" };
  if (r.approved) return { kind: "member" };
  if (r.request?.status === "pending") {
    const zone = r.preferences.timezone ?? ctx.deps.config.adminTimezone;
    return { kind: "pending", since: shortLocal(r.request.requestedAt, zone) };
  }
  if (r.request?.status === "rejected") return { kind: "rejected" };
  return { kind: "none" };
}

/** "Delete everything?": with upcoming meetings, whether to cancel them at Cal.com first. */
async function askErase(ctx: BotContext, messageId: number | undefined, notice: string | undefined) {
  const { t, lang } = ctx;
  const { upcoming, writeOpen } = ctx.deps.services.privacy.report(ctx.from?.id as number);
  if (writeOpen) return show(ctx, messageId, t.privacy.waitForOpenWrite, backToReport(t));
  const n = upcoming.length;
  const keyboard = new InlineKeyboard();
  let text: string;
  if (n === 0) {
    text = t.privacy.deleteAsk;
    keyboard.text(
      t.privacy.yesDeleteButton,
      privacyAction.encode({ action: "erase", cancelBookings: false, n }),
    );
  } else {
    const list = upcoming.map((b) => `• ${meetingWhen(b.startUtc, b.timeZone, lang)}`).join("\n");
    text = t.privacy.deleteAskWithBookings(n, list);
    keyboard
      .text(
        t.privacy.cancelAndDeleteButton(n),
        privacyAction.encode({ action: "erase", cancelBookings: true, n }),
      )
      .row()
      .text(
        t.privacy.keepAndDeleteButton,
        privacyAction.encode({ action: "erase", cancelBookings: false, n }),
      );
  }
  keyboard.row().text(t.buttons.back, privacyAction.encode({ action: "back" }));
  await show(ctx, messageId, notice ? `${notice}\n\n${text}` : text, keyboard);
}

/**
 * Erases everything after the member's answer: first, if they chose so, cancels their upcoming
 * meetings at Cal.com (stopping, with nothing deleted, at the first that fails); a different number
 * of meetings than they were shown means they are asked again.
 */
async function erase(ctx: BotContext, cancelBookings: boolean, shown: number): Promise<void> {
  const { privacy } = ctx.deps.services;
  const id = ctx.from?.id as number;
  const here = ctx.callbackQuery?.message?.message_id;
  const report = privacy.report(id);
  if (report.writeOpen) return show(ctx, here, ctx.t.privacy.waitForOpenWrite, backToReport(ctx.t));
  const hasAccountData = report.names !== undefined || report.request !== undefined || report.past > 0;
  if (report.upcoming.length !== shown && (hasAccountData || report.upcoming.length > 0)) {
    await askErase(ctx, here, ctx.t.privacy.bookingsChanged);
    return;
  }
  const cancelled = cancelBookings ? await cancelAll(ctx, report.upcoming) : [];
  if (cancelled === undefined) return;
  await ctx.conversation.exitAll(); // an open booking dialog ends with the rest
  privacy.erase(id);
  ctx.log.info({ cancelled: cancelled.length }, "member erased their data");
  const text =
    cancelled.length > 0 ? ctx.t.privacy.deletedAfterCancel(cancelled.length) : ctx.t.privacy.deleted;
  await show(ctx, here, text, undefined);
  if (hasAccountData || cancelled.length > 0) tellAdminsOfErase(ctx, report, cancelled);
}

/** Cancels each meeting at Cal.com; undefined (the member told) when one fails. */
async function cancelAll(ctx: BotContext, upcoming: StoredBooking[]): Promise<StoredBooking[] | undefined> {
  const { bookings } = ctx.deps.services;
  const done: StoredBooking[] = [];
  for (const b of upcoming) {
    try {
      await bookings.cancelBooking({ uid: b.uid, telegramId: b.telegramId, reason: MEMBER_CANCEL_REASON });
      done.push(b);
    } catch (err) {
      ctx.log.warn({ err }, "cancel before erase failed");
      const when = meetingWhen(b.startUtc, b.timeZone, ctx.lang);
      await show(ctx, ctx.callbackQuery?.message?.message_id, ctx.t.privacy.cancelFailed(when), undefined);
      if (done.length > 0) ctx.deps.deliverNotices(); // the cancels that went through were queued
      return undefined;
    }
  }
  return done;
}

/**
 * Not awaited, and not through the outbox: it would keep the member's name in a table after they
 * asked to be forgotten, so this one notice is sent once, best effort. (The cancels' own notices
 * were erased with the rest.)
 */
function tellAdminsOfErase(
  ctx: BotContext,
  report: PrivacyReport,
  cancelled: readonly StoredBooking[],
): void {
  const who = personWithId(report.names, report.telegramId);
  void tellAdmins(ctx.api, ctx.deps, (t) =>
    cancelled.length > 0
      ? `${t.privacy.adminErased(who)}\n${t.privacy.adminCancelledForErase(cancelled.length)}`
      : t.privacy.adminErased(who),
  );
}

/** The way back from "wait for the calendar's answer" to the report. */
function backToReport(t: BotContext["t"]): InlineKeyboard {
  return new InlineKeyboard().text(t.buttons.back, privacyAction.encode({ action: "show" }));
}

async function show(
  ctx: BotContext,
  messageId: number | undefined,
  text: string,
  keyboard: InlineKeyboard | undefined,
): Promise<void> {
  const chatId = ctx.chat?.id;
  if (chatId === undefined) return;
  await editOrSend(ctx.api, chatId, messageId, text, keyboard);
}

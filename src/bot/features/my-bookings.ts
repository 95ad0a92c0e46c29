import { Composer, InlineKeyboard } from "grammy";
import { CalcomError } from "../../calcom/index.js";
import { buttonLabel, longDateTime, shortLocal } from "../../time/slots.js";
import { zoneLabel } from "../../time/zones.js";
import { manageBooking, menu } from "../callback-data.js";
import type { BotContext } from "../context.js";
import { mainMenu } from "../keyboards.js";
import { tellAdmins } from "../notify.js";
import { manageButtons } from "../reminders.js";
import { editOrSend } from "./booking/dialog.js";
import { changeableBooking } from "./booking/reschedule.js";

/**
 * After booking: `/mybookings` lists the user's upcoming meetings (the bot's own records,
 * refreshed from Cal.com) with Reschedule and Cancel; cancelling asks first. Admins get
 * `/bookings`, every upcoming booking made through the bot.
 */
export function myBookingsFeature(): Composer<BotContext> {
  const feature = new Composer<BotContext>();

  feature.command("mybookings", (ctx) => showMyBookings(ctx));
  feature.callbackQuery(menu.encode({ item: "mybookings" }), async (ctx) => {
    await ctx.answerCallbackQuery();
    await showMyBookings(ctx);
  });

  feature.command("bookings", async (ctx) => {
    if (ctx.role !== "admin") {
      await ctx.reply(ctx.t.admin.adminsOnly);
      return;
    }
    const { calcom, config } = ctx.deps;
    const rows = calcom.upcomingBookings();
    if (rows.length === 0) {
      await ctx.reply(ctx.t.myBookings.adminNone);
      return;
    }
    const lines = rows.map((r) =>
      ctx.t.myBookings.adminItem(r.attendeeName, shortLocal(r.startUtc, config.adminTimezone), r.status),
    );
    await ctx.reply([ctx.t.myBookings.adminTitle(rows.length), ...lines].join("\n").slice(0, 4000));
  });

  feature.callbackQuery(manageBooking.pattern, async (ctx, next) => {
    const data = manageBooking.decode(ctx.callbackQuery.data);
    if (!data || data.action === "reschedule") return next();
    const booking = await changeableBooking(ctx, data.uid);
    if (!booking) return;
    const lang = ctx.lang;
    const when = `${longDateTime(booking.startUtc, booking.timeZone, lang)} (${zoneLabel(booking.timeZone, lang, Date.parse(booking.startUtc))})`;

    if (data.action === "cancel") {
      await ctx.answerCallbackQuery();
      await ctx.reply(ctx.t.myBookings.cancelAsk(when), {
        reply_markup: new InlineKeyboard()
          .text(
            ctx.t.myBookings.yesCancel,
            manageBooking.encode({ action: "confirmCancel", uid: booking.uid }),
          )
          .text(ctx.t.myBookings.noKeep, manageBooking.encode({ action: "keep", uid: booking.uid })),
      });
      return;
    }
    if (data.action === "keep") {
      await ctx.answerCallbackQuery();
      await replaceQuestion(ctx, ctx.t.myBookings.kept);
      return;
    }

    // confirmCancel
    await ctx.answerCallbackQuery();
    const { calcom, log, config } = ctx.deps;
    try {
      await calcom.cancelBooking({
        uid: booking.uid,
        telegramId: ctx.from.id,
        reason: "Cancelled by the attendee in Telegram",
      });
    } catch (err) {
      log.warn({ err }, "cancel failed");
      const kind = err instanceof CalcomError ? err.kind : "unavailable";
      const text =
        kind === "not_found"
          ? ctx.t.myBookings.notFound
          : kind === "unavailable" || kind === "rate_limited"
            ? ctx.t.myBookings.calcomDown
            : ctx.t.booking.contactAdmin;
      await ctx.reply(text);
      return;
    }
    calcom.invalidateAvailability();
    const done = ctx.t.myBookings.cancelled(when);
    await replaceQuestion(ctx, done);
    await tellAdmins(ctx.api, ctx.deps, (t) =>
      t.myBookings.adminCancelled(booking.attendeeName, shortLocal(booking.startUtc, config.adminTimezone)),
    );
  });

  return feature;
}

async function showMyBookings(ctx: BotContext): Promise<void> {
  if (ctx.role === "stranger" || !ctx.from) {
    await ctx.reply(ctx.t.access.notApproved);
    return;
  }
  const { calcom, clock, log } = ctx.deps;
  const userId = ctx.from.id;
  // The bot's records, re-checked with Cal.com: a meeting cancelled or moved there shows as such.
  const changed: string[] = [];
  for (const b of calcom.upcomingBookingsOf(userId)) {
    try {
      const fresh = await calcom.refreshBooking(b.uid);
      if (fresh.status === "cancelled" || fresh.status === "rejected" || fresh.startUtc !== b.startUtc) {
        changed.push(b.uid);
      }
    } catch (err) {
      log.warn({ err, uid: b.uid }, "could not refresh a booking; showing the stored one");
    }
  }
  const upcoming = calcom.upcomingBookingsOf(userId).filter((b) => Date.parse(b.startUtc) > clock.now());
  const notice = changed.length > 0 ? `${ctx.t.myBookings.changedOnCalendar}\n\n` : "";
  if (upcoming.length === 0) {
    await ctx.reply(notice + ctx.t.myBookings.none, { reply_markup: mainMenu(ctx.t) });
    return;
  }
  const lang = ctx.lang;
  const keyboard = new InlineKeyboard();
  const lines = upcoming.map((b) => {
    manageButtons(ctx.t, b.uid, buttonLabel(b.startUtc, b.timeZone), keyboard);
    return ctx.t.myBookings.item(
      longDateTime(b.startUtc, b.timeZone, lang),
      zoneLabel(b.timeZone, lang, Date.parse(b.startUtc)),
    );
  });
  await ctx.reply([notice + ctx.t.myBookings.title, ...lines].join("\n"), { reply_markup: keyboard });
}

/** Replaces the "Cancel it?" question with its outcome (a new message if it can no longer be edited). */
async function replaceQuestion(ctx: BotContext, text: string): Promise<void> {
  const chatId = ctx.chat?.id;
  if (chatId === undefined) return;
  await editOrSend(ctx.api, chatId, ctx.callbackQuery?.message?.message_id, text, undefined);
}

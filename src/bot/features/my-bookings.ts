import { Composer, InlineKeyboard } from "grammy";
import { failureKind, failureText } from "../../bookings/outcomes.js";
import { isActive } from "../../bookings/status.js";
import type { StoredBooking } from "../../db/bookings.js";
import { buttonLabel, shortLocal } from "../../time/slots.js";
import type { BotContext } from "../context.js";
import { isAdmin } from "../filters.js";
import { manageBooking, menu } from "../ui/callback-data.js";
import { editOrSend } from "../ui/edit-or-send.js";
import { meetingWhen, meetingWhenParts } from "../ui/format.js";
import { mainMenu, manageButtons } from "../ui/keyboards.js";
import { tellAdmins } from "../ui/notify.js";
import { changeableBooking } from "../ui/own-booking.js";

/**
 * After booking: `/mybookings` lists the member's upcoming meetings (the bot's own records,
 * refreshed from Cal.com) with Move and Cancel; cancelling asks first. Admins get `/bookings`,
 * every upcoming booking made through the bot.
 */
export function myBookingsFeature(): Composer<BotContext> {
  const feature = new Composer<BotContext>();
  feature.command("mybookings", (ctx) => showMyBookings(ctx));
  feature.callbackQuery(menu.encode({ item: "mybookings" }), async (ctx) => {
    await ctx.answerCallbackQuery();
    await showMyBookings(ctx);
  });
  feature.command("bookings", async (ctx) => {
    if (!isAdmin(ctx)) {
      await ctx.reply(ctx.t.admin.adminsOnly);
      return;
    }
    await showAllBookings(ctx);
  });
  feature.callbackQuery(manageBooking.pattern, async (ctx, next) => {
    const data = manageBooking.decode(ctx.callbackQuery.data);
    if (!data || data.action === "reschedule") return next();
    const booking = await changeableBooking(ctx, data.uid, "cancel");
    if (!booking) return;
    await ctx.answerCallbackQuery();
    if (data.action === "cancel") await askCancel(ctx, booking);
    else if (data.action === "keep") await replaceQuestion(ctx, ctx.t.myBookings.kept);
    else await cancel(ctx, booking);
  });
  return feature;
}

async function showAllBookings(ctx: BotContext): Promise<void> {
  const { services, config } = ctx.deps;
  const rows = services.bookings.upcomingBookings();
  if (rows.length === 0) {
    await ctx.reply(ctx.t.myBookings.adminNone);
    return;
  }
  const lines = rows.map((r) =>
    ctx.t.myBookings.adminItem(r.attendeeName, shortLocal(r.startUtc, config.adminTimezone), r.status),
  );
  await ctx.reply([ctx.t.myBookings.adminTitle(rows.length), ...lines].join("\n").slice(0, 4000));
}

async function askCancel(ctx: BotContext, booking: StoredBooking): Promise<void> {
  await ctx.reply(ctx.t.myBookings.cancelAsk(meetingWhen(booking.startUtc, booking.timeZone, ctx.lang)), {
    reply_markup: new InlineKeyboard()
      .text(ctx.t.myBookings.yesCancel, manageBooking.encode({ action: "confirmCancel", uid: booking.uid }))
      .text(ctx.t.myBookings.noKeep, manageBooking.encode({ action: "keep", uid: booking.uid })),
  });
}

async function cancel(ctx: BotContext, booking: StoredBooking): Promise<void> {
  const { services, log, config } = ctx.deps;
  try {
    await services.bookings.cancelBooking({
      uid: booking.uid,
      telegramId: booking.telegramId,
      reason: "Cancelled by the attendee in Telegram",
    });
  } catch (err) {
    log.warn({ err }, "cancel failed");
    await ctx.reply(failureText(failureKind(err), ctx.t, { retryOffered: false, existing: true }));
    return;
  }
  await replaceQuestion(
    ctx,
    ctx.t.myBookings.cancelled(meetingWhen(booking.startUtc, booking.timeZone, ctx.lang)),
  );
  await tellAdmins(ctx.api, ctx.deps, (t) =>
    t.myBookings.adminCancelled(booking.attendeeName, shortLocal(booking.startUtc, config.adminTimezone)),
  );
}

/**
 * The member's upcoming meetings with the buttons they may use. Someone whose access was revoked
 * still sees the meetings they hold, with Cancel only; without any, they are told they have no access.
 */
async function showMyBookings(ctx: BotContext): Promise<void> {
  const { bookings, access } = ctx.deps.services;
  const id = ctx.from?.id;
  if (id === undefined || (ctx.role === "stranger" && bookings.cancellableBookingsOf(id).length === 0)) {
    await ctx.reply(ctx.t.access.notApproved);
    return;
  }
  const changed = await refreshUpcoming(ctx, id);
  const upcoming = bookings.cancellableBookingsOf(id);
  const notice = changed > 0 ? `${ctx.t.myBookings.changedOnCalendar}\n\n` : "";
  if (upcoming.length === 0) {
    const mayBook = ctx.role !== "stranger";
    await ctx.reply(notice + (mayBook ? ctx.t.myBookings.none : ctx.t.access.notApproved), {
      ...(mayBook ? { reply_markup: mainMenu(ctx.t) } : {}),
    });
    return;
  }
  const changes = access.changesAllowed(id);
  const keyboard = new InlineKeyboard();
  const lines = upcoming.map((b) => {
    manageButtons(ctx.t, b.uid, changes, buttonLabel(b.startUtc, b.timeZone), keyboard);
    const parts = meetingWhenParts(b.startUtc, b.timeZone, ctx.lang);
    return ctx.t.myBookings.item(parts.when, parts.zone);
  });
  const title = changes.has("move") ? ctx.t.myBookings.title : ctx.t.lists.cancelOnlyTitle;
  await ctx.reply([notice + title, ...lines].join("\n"), { reply_markup: keyboard });
}

/**
 * The bot's records, re-checked with Cal.com: a meeting cancelled or moved there shows as such.
 * Returns how many changed.
 */
async function refreshUpcoming(ctx: BotContext, telegramId: number): Promise<number> {
  const { bookings } = ctx.deps.services;
  let changed = 0;
  for (const b of bookings.upcomingBookingsOf(telegramId)) {
    try {
      const fresh = await bookings.refreshBooking(b.uid);
      if (!isActive(fresh) || fresh.startUtc !== b.startUtc) changed++;
    } catch (err) {
      ctx.log.warn({ err, uid: b.uid }, "could not refresh a booking; showing the stored one");
    }
  }
  return changed;
}

/** Replaces the "Cancel it?" question with its outcome (a new message if it can no longer be edited). */
async function replaceQuestion(ctx: BotContext, text: string): Promise<void> {
  const chatId = ctx.chat?.id;
  if (chatId === undefined) return;
  await editOrSend(ctx.api, chatId, ctx.callbackQuery?.message?.message_id, text, undefined);
}

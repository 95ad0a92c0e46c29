import { Composer, InlineKeyboard } from "grammy";
import { MEMBER_CANCEL_REASON } from "../../bookings/inputs.js";
import { failureKind, failureText } from "../../bookings/outcomes.js";
import { isActive, isAwaitingConfirmation } from "../../bookings/status.js";
import type { StoredBooking } from "../../db/bookings.js";
import type { Change } from "../../members/access.js";
import { buttonLabel, shortLocal } from "../../time/slots.js";
import type { BotContext } from "../context.js";
import { isAdmin } from "../filters.js";
import { answer } from "../ui/answer.js";
import { manageBooking, menu } from "../ui/callback-data.js";
import { editOrSend } from "../ui/edit-or-send.js";
import { meetingWhen, meetingWhenParts, plainName } from "../ui/format.js";
import { mainMenu, manageButtons } from "../ui/keyboards.js";
import { changeableBooking } from "../ui/own-booking.js";
import { type ListView, onPage, pageBounds, showPage } from "../ui/pager.js";

/**
 * After booking: `/mybookings` lists the member's upcoming meetings (the bot's own records,
 * refreshed from Cal.com) with Move and Cancel; cancelling asks first. Admins get `/bookings`,
 * every upcoming booking made through the bot.
 */
export function myBookingsFeature(): Composer<BotContext> {
  const feature = new Composer<BotContext>();
  feature.command("mybookings", (ctx) => showMyBookings(ctx));
  feature.callbackQuery(menu.encode({ item: "mybookings" }), async (ctx) => {
    await answer(ctx);
    await showMyBookings(ctx);
  });
  onPage(feature, "myBookings", showMyBookings);
  feature.command("bookings", async (ctx) => {
    if (!isAdmin(ctx)) {
      await ctx.reply(ctx.t.admin.adminsOnly);
      return;
    }
    await showAllBookings(ctx);
  });
  onPage(feature.filter(isAdmin), "allBookings", showAllBookings);
  feature.callbackQuery(manageBooking.pattern, async (ctx, next) => {
    const data = manageBooking.decode(ctx.callbackQuery.data);
    if (!data || data.action === "reschedule") return next();
    const booking = await changeableBooking(ctx, data.uid, "cancel");
    if (!booking) return;
    await answer(ctx);
    if (data.action === "cancel") await askCancel(ctx, booking);
    else if (data.action === "keep") await replaceQuestion(ctx, ctx.t.myBookings.kept);
    else await cancel(ctx, booking);
  });
  return feature;
}

async function showAllBookings(ctx: BotContext, page = 0, messageId?: number): Promise<void> {
  const { services, config } = ctx.deps;
  const rows = services.bookings.upcomingBookings();
  const items = rows.map((r) => ({
    text: ctx.t.myBookings.adminItem(
      plainName(r.attendeeName),
      shortLocal(r.startUtc, config.adminTimezone),
      isAwaitingConfirmation(r),
    ),
  }));
  const title = ctx.t.myBookings.adminTitle(rows.length);
  await showPage(
    ctx,
    { list: "allBookings", title, items, empty: ctx.t.myBookings.adminNone },
    page,
    messageId,
  );
}

async function askCancel(ctx: BotContext, booking: StoredBooking): Promise<void> {
  await ctx.reply(ctx.t.myBookings.cancelAsk(meetingWhen(booking.startUtc, booking.timeZone, ctx.lang)), {
    reply_markup: new InlineKeyboard()
      .text(ctx.t.myBookings.yesCancel, manageBooking.encode({ action: "confirmCancel", uid: booking.uid }))
      .text(ctx.t.myBookings.noKeep, manageBooking.encode({ action: "keep", uid: booking.uid })),
  });
}

/** Yes, cancel: Cal.com's cancel; the outcome replaces the question (through the outbox). */
async function cancel(ctx: BotContext, booking: StoredBooking): Promise<void> {
  const { services, log } = ctx.deps;
  try {
    await services.bookings.cancelBooking({
      uid: booking.uid,
      telegramId: booking.telegramId,
      reason: MEMBER_CANCEL_REASON,
      replaceMessageId: ctx.callbackQuery?.message?.message_id,
    });
  } catch (err) {
    log.warn({ err }, "cancel failed");
    const kind = failureKind(err);
    await ctx.reply(
      kind === "still_open"
        ? ctx.t.calendar.stillAnsweringCancel
        : failureText(kind, ctx.t, { retryOffered: false, existing: true }),
    );
    return;
  }
  ctx.deps.deliverNotices();
}

/**
 * A page of the member's coming meetings with the buttons they may use (the page's bookings are
 * first re-checked with Cal.com: a meeting cancelled or moved there shows as such). Someone whose
 * access was revoked still sees the meetings they hold, with Cancel only; without any, they are
 * told they have no access.
 */
async function showMyBookings(ctx: BotContext, page = 0, messageId?: number): Promise<void> {
  const { bookings } = ctx.deps.services;
  const id = ctx.from?.id;
  if (id === undefined || (ctx.role === "stranger" && bookings.comingBookingsOf(id).length === 0)) {
    await ctx.reply(ctx.t.access.notApproved);
    return;
  }
  const before = myBookingsView(ctx, id, bookings.comingBookingsOf(id), "");
  const [start, end] = pageBounds(before, ctx.t)[page] ?? [0, 0];
  const changed = await refreshBookings(ctx, bookings.comingBookingsOf(id).slice(start, end));
  // A request decided in Cal.com meanwhile was recorded with its notice: deliver it now.
  ctx.deps.deliverNotices();
  const notice = changed > 0 ? `${ctx.t.myBookings.changedOnCalendar}\n\n` : "";
  await showPage(ctx, myBookingsView(ctx, id, bookings.comingBookingsOf(id), notice), page, messageId);
}

function myBookingsView(
  ctx: BotContext,
  telegramId: number,
  coming: readonly StoredBooking[],
  notice: string,
): ListView {
  const changes = ctx.deps.services.access.changesAllowed(telegramId);
  const mayBook = changes.has("move");
  const items = coming.map((b) => {
    const parts = meetingWhenParts(b.startUtc, b.timeZone, ctx.lang);
    const label = buttonLabel(b.startUtc, b.timeZone);
    // A request still waiting for the sponsor can be withdrawn (Cancel), not moved.
    const awaiting = isAwaitingConfirmation(b);
    const allowed = awaiting ? new Set<Change>([...changes].filter((c) => c === "cancel")) : changes;
    const buttons = manageButtons(ctx.t, b.uid, allowed, label).inline_keyboard;
    return {
      text: (awaiting ? ctx.t.confirmations.awaitingItem : ctx.t.myBookings.item)(parts.when, parts.zone),
      buttons: buttons.filter((r) => r.length > 0),
    };
  });
  return {
    list: "myBookings",
    title: notice + (mayBook ? ctx.t.myBookings.title : ctx.t.lists.cancelOnlyTitle),
    items,
    empty: notice + (mayBook ? ctx.t.myBookings.none : ctx.t.access.notApproved),
    ...(mayBook ? { emptyKeyboard: mainMenu(ctx.t) } : {}),
  };
}

/** Re-reads these bookings from Cal.com, bringing the bot's records up to date; returns how many changed. */
async function refreshBookings(ctx: BotContext, shown: readonly StoredBooking[]): Promise<number> {
  const { bookings } = ctx.deps.services;
  let changed = 0;
  for (const b of shown) {
    try {
      const fresh = await bookings.refreshBooking(b.uid);
      if (!fresh || !isActive(fresh) || fresh.startUtc !== b.startUtc) changed++;
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

/**
 * Issue 11: the sponsor changes meetings in Cal.com (cancels, moves, asks for a new time, confirms
 * or declines, deletes) and the sponsee learns of it from the bot once, in their language and
 * zone, with the right buttons — found by the sync pass, which reads Cal.com's list in as few
 * requests as it allows and never speaks on a failing or partial list.
 */
import { afterEach, describe, expect, it } from "vitest";
import { waitFor } from "../../fakes/support/wait.js";
import { Faults } from "../../fakes/telegram/index.js";
import type { FakeUser } from "../../fakes/telegram/users.js";
import type { MessageView } from "../../fakes/telegram/views.js";
import {
  bookFirst,
  bookRussian,
  calBookings,
  freeStarts,
  localLabel,
  member,
  pickTime,
  press,
  shows,
  slotOf,
  timeButtons,
} from "./booking-helpers.js";
import { ADMIN_ID, startWorld, type World, type WorldOptions } from "./harness.js";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
let world: World;

/** The sync runs only when a story ticks it, unless the story asks for a short interval. */
async function start(options: WorldOptions = {}): Promise<World> {
  world = await startWorld({
    ...options,
    env: { BOOKING_SYNC_INTERVAL_SECONDS: "3600", ...options.env },
  });
  return world;
}
afterEach(async () => {
  await world.close();
});

/** The fake's booking at `start` (the one the member made through the bot). */
const bookingAt = (startMs: number) => {
  const b = calBookings(world).find((x) => x.start === startMs && x.status !== "cancelled");
  if (!b) throw new Error(`no booking at ${new Date(startMs).toISOString()}`);
  return b;
};
const statusInBot = (uid: string) =>
  (
    world.app.db.prepare("SELECT status FROM bookings WHERE uid = ?").get(uid) as
      | { status: string }
      | undefined
  )?.status;
const texts = (u: FakeUser, mark: number, re: RegExp) => u.messagesSince(mark).filter((m) => re.test(m.text));

/** One sync pass with the counters reset first; returns what it asked Cal.com. */
async function pass(): Promise<{ list: number; get: number }> {
  world.cal.resetCounters();
  await world.app.sync.tick();
  return { list: world.cal.counts.listBookings, get: world.cal.counts.getBooking };
}

/** Lets the outbox deliver what is due (its back-off is on the bot's clock) and waits for `done`. */
async function delivered(done: () => boolean, description: string): Promise<void> {
  await waitFor(
    () => {
      world.clock.advance(30_000);
      return done();
    },
    { timeoutMs: 10_000, description },
  );
}

describe("the sponsor cancels in Cal.com", () => {
  it("the member is told once, with the reason and Book another time; the admin once; reminders are dropped; one list request a pass", async () => {
    await start();
    const u = await member(world, 1101, { first_name: "Olga", language_code: "en" });
    const admin = world.tg.user(ADMIN_ID);
    const startMs = await bookFirst(u, "Olga");
    const b = bookingAt(startMs);
    const mark = u.mark();
    const adminMark = admin.mark();

    world.cal.host.cancel(b.uid, "I fell ill");
    expect(await pass()).toEqual({ list: 1, get: 0 });
    const told = await shows(u, "was cancelled by your sponsor");
    expect(told.text).toContain(`Your meeting on`);
    expect(told.text).toContain(localLabel(startMs, "Europe/Moscow"));
    expect(told.text).toContain("Moscow (UTC+3)");
    expect(told.text).toContain("Reason: I fell ill");
    expect(told.buttons.map((x) => x.text)).toEqual(["📅 Book another time"]);
    const adminNote = await admin.waitForMessage((m) => m.text.includes("Cancelled in Cal.com: Olga"));
    expect(adminNote.text).toContain(localLabel(startMs, "Europe/Moscow"));
    expect(statusInBot(b.uid)).toBe("cancelled");

    // Another pass (two ticks at once are one pass), /mybookings and the reminder time: nothing more is said.
    world.cal.resetCounters();
    await Promise.all([world.app.sync.tick(), world.app.sync.tick()]);
    expect(world.cal.counts.listBookings + world.cal.counts.getBooking).toBe(0);
    u.command("mybookings");
    await shows(u, "no upcoming meetings");
    world.clock.advance(startMs - HOUR + MINUTE - world.clock.now());
    expect(await world.app.reminders.tick()).toBe(0);
    expect(texts(u, mark, /cancelled by your sponsor/)).toHaveLength(1);
    expect(texts(u, mark, /^⏰/)).toHaveLength(0);
    expect(texts(admin, adminMark, /Cancelled in Cal\.com/)).toHaveLength(1);

    // The booking flow is one tap away.
    await press(u, "📅 Book another time", told);
    await shows(u, /^Free times|Which time zone/);
  });

  it("a deleted booking is looked up alone before anything is said; a failing look-up says nothing", async () => {
    await start();
    const u = await member(world, 1102, { first_name: "Petr", language_code: "en" });
    const startMs = await bookFirst(u, "Petr");
    const b = bookingAt(startMs);
    const mark = u.mark();
    // Old enough that "not there" can mean gone (a fresh booking may not be visible yet).
    world.clock.advance(15 * MINUTE);
    world.cal.host.delete(b.uid);
    world.cal.inject("getBooking", { type: "status", status: 503 }, 20);
    const failing = await pass();
    expect(failing.list).toBe(1);
    expect(failing.get).toBeGreaterThan(0);
    expect(statusInBot(b.uid)).toBe("accepted");

    world.cal.clearFaults();
    expect(await pass()).toEqual({ list: 1, get: 1 });
    const told = await shows(u, "was cancelled by your sponsor");
    expect(told.text).not.toContain("Reason");
    expect(texts(u, mark, /cancelled by your sponsor/)).toHaveLength(1);
  });
});

describe("the same comparison outside the pass", () => {
  it("/mybookings finds a move first: the member is told once, and the pass after says nothing more", async () => {
    await start();
    const u = await member(world, 1115, { first_name: "Gleb", language_code: "en" });
    const startMs = await bookFirst(u, "Gleb");
    const newStart = freeStarts(world).find((t) => t > startMs + DAY);
    if (newStart === undefined) throw new Error("no free time to move to");
    const mark = u.mark();
    const moved = world.cal.host.reschedule(bookingAt(startMs).uid, newStart);
    u.command("mybookings");
    const list = await shows(u, "Your upcoming meetings");
    expect(list.text).toContain(localLabel(newStart, "Europe/Moscow"));
    const told = await shows(u, "Your sponsor moved your meeting");
    expect(told.text).toMatch(new RegExp(`Was: .*${localLabel(startMs, "Europe/Moscow")}`));
    for (const button of told.buttons) expect(button.callback_data).toContain(moved.uid);
    await pass();
    await world.app.reminders.tick();
    expect(texts(u, mark, /Your sponsor moved your meeting/)).toHaveLength(1);
  });
});

describe("the sponsor moves a meeting in Cal.com", () => {
  it("a Cancel tapped on a list shown before the move is not told as done: the meeting stands at its new time", async () => {
    await start();
    const u = await member(world, 1116, { first_name: "Gleb", language_code: "en" });
    const startMs = await bookFirst(u, "Gleb");
    const newStart = freeStarts(world).find((t) => t > startMs + DAY);
    if (newStart === undefined) throw new Error("no free time to move to");
    u.command("mybookings");
    const list = await shows(u, "Your upcoming meetings");
    const moved = world.cal.host.reschedule(bookingAt(startMs).uid, newStart);
    const mark = u.mark();

    await press(u, /^✖️ Cancel/, list);
    await press(u, "Yes, cancel it", await shows(u, "Cancel the meeting on"));
    await shows(u, "That meeting is not among your upcoming ones");
    await pass();
    const told = await shows(u, "Your sponsor moved your meeting");
    expect(told.text).toContain(localLabel(newStart, "Europe/Moscow"));
    expect(texts(u, mark, /is cancelled/)).toHaveLength(0);
    expect(statusInBot(moved.uid)).toBe("accepted");
    expect(world.cal.state.bookings.get(moved.uid)?.status).toBe("accepted");
  });

  it("Russian: old → new in the member's zone, Move/Cancel on the new booking, records and reminders follow", async () => {
    await start();
    const u = await member(world, 1103, { first_name: "Вера", language_code: "ru" });
    const { start: oldStart } = await bookRussian(world, u, /Владивосток/, 3 * HOUR);
    const old = bookingAt(oldStart);
    const newStart = freeStarts(world).find((t) => t > oldStart + DAY);
    if (newStart === undefined) throw new Error("no free time to move to");
    const mark = u.mark();

    const moved = world.cal.host.reschedule(old.uid, newStart);
    expect(await pass()).toEqual({ list: 1, get: 0 });
    const told = await shows(u, "Спонсор перенёс вашу встречу");
    expect(told.text).toContain(`Было: `);
    expect(told.text).toMatch(new RegExp(`Было: .*${localLabel(oldStart, "Asia/Vladivostok")}`));
    expect(told.text).toMatch(new RegExp(`Стало: .*${localLabel(newStart, "Asia/Vladivostok")}`));
    expect(told.text).toContain("Владивосток (UTC+10)");
    // The new time's calendar file comes with it, as after a move made in the bot.
    expect(told.kind).toBe("document");
    expect(told.document?.file_name).toMatch(/\.ics$/);
    expect(told.buttons.map((x) => x.text)).toEqual([
      expect.stringMatching(/Перенести/),
      expect.stringMatching(/Отменить/),
    ]);
    for (const button of told.buttons) expect(button.callback_data).toContain(moved.uid);
    expect(statusInBot(old.uid)).toBe("cancelled");
    expect(statusInBot(moved.uid)).toBe("accepted");

    expect(await pass()).toEqual({ list: 1, get: 0 });
    u.command("mybookings");
    const list = await shows(u, "Ваши предстоящие встречи");
    expect(list.text).toContain(localLabel(newStart, "Asia/Vladivostok"));
    world.clock.advance(newStart - HOUR + MINUTE - world.clock.now());
    await world.app.reminders.tick();
    const reminder = await shows(u, /^⏰/);
    expect(reminder.text).toContain(localLabel(newStart, "Asia/Vladivostok"));
    expect(texts(u, mark, /Спонсор перенёс/)).toHaveLength(1);
    expect(texts(u, mark, /^⏰/)).toHaveLength(1);
  });
});

describe("the sponsor asks for a new time", () => {
  it("told once across a restart between the pass and the send, in both languages, with the booking flow one tap away", async () => {
    await start();
    const en = await member(world, 1104, { first_name: "Anna", language_code: "en" });
    const ru = await member(world, 1105, { first_name: "Иван", language_code: "ru" });
    const enStart = await bookFirst(en, "Anna");
    const { start: ruStart } = await bookRussian(world, ru, /Москва/, 3 * HOUR);
    const marks = { en: en.mark(), ru: ru.mark() };
    const admin = world.tg.user(ADMIN_ID);
    const adminMark = admin.mark();
    // Telegram cannot take anything for now: what the pass finds waits in the outbox.
    world.tg.failNext("sendMessage", Faults.badGateway(), 10_000);
    world.cal.host.requestReschedule(bookingAt(enStart).uid, "Travelling that week");
    world.cal.host.requestReschedule(bookingAt(ruStart).uid);
    expect(await pass()).toEqual({ list: 1, get: 0 });
    await world.restart(() => world.tg.clearFaults());
    await pass();

    let enTold: MessageView | undefined;
    let ruTold: MessageView | undefined;
    await delivered(() => {
      enTold = texts(en, marks.en, /asked you to pick a new time/)[0];
      ruTold = texts(ru, marks.ru, /просит вас выбрать другое время/)[0];
      return enTold !== undefined && ruTold !== undefined;
    }, "both members to be told");
    expect(enTold?.text).toContain("Your sponsor writes: Travelling that week");
    expect(enTold?.buttons.map((b) => b.text)).toEqual(["📅 Pick a new time"]);
    expect(ruTold?.text).toContain(localLabel(ruStart, "Europe/Moscow"));
    expect(ruTold?.buttons.map((b) => b.text)).toEqual(["📅 Выбрать новое время"]);
    await delivered(
      () => texts(admin, adminMark, /New time requested in Cal\.com/).length === 2,
      "the admin to be told of both",
    );
    await pass();
    expect(texts(en, marks.en, /asked you to pick a new time/)).toHaveLength(1);
    expect(texts(ru, marks.ru, /просит вас выбрать/)).toHaveLength(1);
    expect(texts(admin, adminMark, /New time requested in Cal\.com/)).toHaveLength(2);

    await press(ru, "📅 Выбрать новое время", ruTold);
    await shows(ru, /^Свободное время/);
  });
});

describe("pending requests decided in Cal.com", () => {
  it("a request confirmed in Cal.com: the member gets the calendar file once, the admin a line; a declined one is told once", async () => {
    await start({ calcom: { eventTypes: [{ requiresConfirmation: true }] } });
    const a = await member(world, 1106, { first_name: "Lev", language_code: "en" });
    const b = await member(world, 1107, { first_name: "Mia", language_code: "en" });
    const admin = world.tg.user(ADMIN_ID);
    const request = async (u: FakeUser, name: string) => {
      const startMs = await bookFirst(u, name, 0, "Request sent to your sponsor");
      const found = calBookings(world).find((x) => x.start === startMs && x.status === "pending");
      if (!found) throw new Error("no pending booking at the fake");
      return found;
    };
    const first = await request(a, "Lev");
    const second = await request(b, "Mia");
    const [markA, markB, markAdmin] = [a.mark(), b.mark(), admin.mark()];
    world.cal.host.confirm(first.uid);
    world.cal.host.decline(second.uid, "Not this week");
    expect(await pass()).toEqual({ list: 1, get: 0 });
    expect(statusInBot(first.uid)).toBe("accepted");
    expect(statusInBot(second.uid)).toBe("rejected");
    await delivered(
      () =>
        a.messagesSince(markA).some((m) => m.kind === "document") && texts(b, markB, /declined/).length > 0,
      "both members told",
    );
    expect(
      a.messagesSince(markA).filter((m) => /Your sponsor confirmed the meeting/.test(m.text)),
    ).toHaveLength(1);
    const adminSays = () =>
      admin
        .messagesSince(markAdmin)
        .map((m) => m.text)
        .join("\n");
    await delivered(
      () => /Confirmed in Cal\.com: Lev/.test(adminSays()) && /Declined in Cal\.com: Mia/.test(adminSays()),
      "admin lines",
    );

    // A second pass finds nothing new: nobody is told twice.
    expect(await pass()).toEqual({ list: 1, get: 0 });
    await delivered(() => true, "outbox turn");
    expect(a.messagesSince(markA).filter((m) => /Your sponsor confirmed/.test(m.text))).toHaveLength(1);
    expect(texts(b, markB, /Your sponsor declined/)).toHaveLength(1);
  });
});

describe("what the sync never does", () => {
  it("a failing list says nothing and changes nothing; Cal.com down is a skipped pass", async () => {
    await start();
    const u = await member(world, 1108, { first_name: "Rita", language_code: "en" });
    const b = bookingAt(await bookFirst(u, "Rita"));
    const mark = u.mark();
    world.cal.host.cancel(b.uid, "ill");
    world.cal.inject("listBookings", { type: "status", status: 500 }, 20);
    const failing = await pass();
    expect(failing.get).toBe(0);
    await world.cal.setOutage("refused");
    await pass();
    await world.cal.setOutage(false);
    expect(statusInBot(b.uid)).toBe("accepted");
    expect(texts(u, mark, /cancelled by your sponsor/)).toHaveLength(0);

    world.cal.clearFaults();
    await pass();
    await shows(u, "was cancelled by your sponsor");
  });

  it("a booking the list does not show yet is not called gone; paging reads the whole future in pages of 250", async () => {
    await start();
    const et = world.cal.state.eventTypes[0];
    if (!et) throw new Error("no event type");
    // 300 meetings booked on the web, far ahead: two pages.
    for (let i = 0; i < 300; i++) {
      const t = world.clock.now() + 40 * DAY + i * HOUR;
      world.cal.state.addBooking({ eventTypeId: et.id, start: t, end: t + HOUR });
    }
    const u = await member(world, 1109, { first_name: "Yan", language_code: "en" });
    world.cal.commitLate({ visibleAfterMs: 5 * MINUTE, answer: { delayMs: 0 } });
    await bookFirst(u, "Yan");
    const mark = u.mark();
    const unseen = await pass();
    expect(unseen.list).toBe(2);
    expect(unseen.get).toBe(1);
    world.clock.advance(6 * MINUTE);
    expect(await pass()).toEqual({ list: 2, get: 0 });
    expect(u.messagesSince(mark)).toEqual([]);
  });
});

describe("the sync on its own", () => {
  it("within one interval the member is told of a cancel, without anyone asking", async () => {
    await start({ env: { BOOKING_SYNC_INTERVAL_SECONDS: "1" } });
    const u = await member(world, 1110, { first_name: "Ira", language_code: "en" });
    const b = bookingAt(await bookFirst(u, "Ira"));
    world.cal.host.cancel(b.uid, "ill");
    await shows(u, "was cancelled by your sponsor", 5000);
  });
});

describe("free times after a burst of bookings", () => {
  it("follow Cal.com within seconds, for one slots request", async () => {
    await start();
    const people = [
      await member(world, 1111, { first_name: "Ada", language_code: "en" }),
      await member(world, 1112, { first_name: "Bea", language_code: "en" }),
      await member(world, 1113, { first_name: "Cyd", language_code: "en" }),
    ];
    const picked: number[] = [];
    for (const [i, p] of people.entries()) {
      p.command("book");
      await shows(p, "Which time zone");
      await press(p, "Moscow (UTC+3)");
      picked.push(await pickTime(p, await shows(p, /^Free times/), i));
      await press(p, /^Use “/);
      await shows(p, "Give an email");
      await press(p, "Skip");
      await shows(p, "Please check:");
    }
    // Someone books on the web meanwhile: the bot cannot know but from Cal.com.
    const web = freeStarts(world).find((t) => !picked.includes(t));
    const et = world.cal.state.eventTypes[0];
    if (web === undefined || !et) throw new Error("no free time");
    world.cal.state.addBooking({ eventTypeId: et.id, start: web, end: web + HOUR });
    world.cal.resetCounters();
    for (const p of people) p.tapButton(/Confirm/);
    for (const p of people) await shows(p, "you're booked");
    await waitFor(() => world.cal.counts.getSlots >= 1, { timeoutMs: 6000, description: "a slots refresh" });

    const d = await member(world, 1114, { first_name: "Dan", language_code: "en" });
    d.command("book");
    await shows(d, "Which time zone");
    await press(d, "Moscow (UTC+3)");
    const page = await shows(d, /^Free times/);
    const offered = timeButtons(page).map((b) => slotOf(b.callback_data));
    const cal = freeStarts(world);
    expect(offered).not.toContain(web);
    for (const t of picked) expect(offered).not.toContain(t);
    expect(offered).toEqual(cal.slice(0, offered.length));
    expect(world.cal.counts.getSlots).toBe(1);
  });
});

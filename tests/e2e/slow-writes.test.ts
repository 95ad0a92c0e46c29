/**
 * A slow write (issue 10 item 5): Cal.com's create outlasts the client's timeout and commits
 * later. Cal.com has no idempotency key, so a re-send while the first may still commit could make
 * a second booking; the bot looks the first up over a window (backing off) before any re-send,
 * tells the member the calendar is still answering, and the truth reaches them within minutes.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { waitFor } from "../../fakes/support/wait.js";
import {
  bookFirst,
  bookRussian,
  calBookings,
  labels,
  member,
  press,
  shows,
  slotOf,
  timeButtons,
  toSummary,
  toSummaryRu,
} from "./booking-helpers.js";
import { ADMIN_ID, startWorld, type World } from "./harness.js";

let world: World;
beforeEach(async () => {
  world = await startWorld();
});
afterEach(async () => {
  await world.close();
});

const active = () => calBookings(world).filter((b) => b.status === "accepted");
const lookups = () => world.cal.requestsOf("listBookings").length;

/** Moves the clock on and waits for the bot to look the open write up once more. */
async function nextLookup(ms: number): Promise<void> {
  const before = lookups();
  world.clock.advance(ms);
  await waitFor(() => lookups() > before, { description: "another lookup of the open write" });
}

describe("a create that commits after the client gave up", () => {
  it("is looked up, not re-sent: the member hears the calendar is still answering, then that they are booked — one booking", async () => {
    const zoe = await member(world, 870, { first_name: "Zoe", language_code: "en" });
    await toSummary(zoe, "Zoe");
    world.cal.commitLate({ visibleAfterMs: 40_000, answer: "never" });
    await press(zoe, "✅ Confirm");
    const open = await shows(zoe, "The calendar is still answering.", 10_000);
    expect(open.text).toContain("Please check:"); // what is pending stays in view
    expect(open.buttons).toEqual([]);
    expect(open.text).not.toContain("Someone just took that time");

    // While it may still commit: lookups only, never a second POST; another booking must wait.
    await nextLookup(16_000);
    await nextLookup(15_000);
    expect(world.cal.counts.createBooking).toBe(1);
    zoe.command("book");
    const next = await shows(zoe, /^Free times/);
    zoe.tap(next, next.buttons.find((b) => /^\d\d:\d\d$/.test(b.text))?.callback_data ?? "");
    await shows(zoe, "What name");
    await press(zoe, "Use “Zoe”");
    await shows(zoe, "Give an email");
    await press(zoe, "Skip");
    await shows(zoe, "Please check:");
    await press(zoe, "✅ Confirm");
    await shows(zoe, "still answering about your previous booking");
    expect(world.cal.counts.createBooking).toBe(1);

    // Cal.com shows the late booking: the member is told they are booked, in place of the summary.
    world.clock.advance(30_000);
    await shows(zoe, "Done, you're booked!", 10_000);
    await zoe.waitForMessage((m) => m.document?.file_name === "meeting.ics");
    expect(active()).toHaveLength(1);
    expect(world.cal.counts.createBooking).toBe(1);
    await world.tg.user(ADMIN_ID).waitForMessage((m) => m.text.includes("New booking: Zoe"));
  });

  it("in Russian", async () => {
    const ivan = await member(world, 871, { first_name: "Иван", language_code: "ru" });
    // Two hours ahead: moving the clock for the lookups never crosses the 60-minute notice.
    await toSummaryRu(world, ivan, /^Москва/, 2 * 3_600_000);
    world.cal.commitLate({ visibleAfterMs: 20_000, answer: "never" });
    await press(ivan, "✅ Подтвердить");
    await shows(ivan, "Календарь ещё отвечает.", 10_000);
    world.clock.advance(31_000);
    await shows(ivan, "вы записаны", 10_000);
    expect(active()).toHaveLength(1);
    expect(world.cal.counts.createBooking).toBe(1);
  });
});

describe("a create whose try never reached the calendar", () => {
  it("is sent once more only after the window of lookups, and books once", async () => {
    const zoe = await member(world, 872, { first_name: "Zoe", language_code: "en" });
    await toSummary(zoe, "Zoe");
    world.cal.inject("createBooking", { type: "hang" }); // nothing stored, no answer
    await press(zoe, "✅ Confirm");
    await shows(zoe, "The calendar is still answering.", 10_000);
    await nextLookup(16_000);
    await nextLookup(15_000);
    await nextLookup(30_000);
    expect(world.cal.counts.createBooking).toBe(1);
    world.clock.advance(60_000);
    await shows(zoe, "Done, you're booked!", 10_000);
    expect(world.cal.counts.createBooking).toBe(2);
    expect(active()).toHaveLength(1);
  });

  it("a re-send refused because the time went meanwhile is looked up once more, then the member is told (Russian)", async () => {
    const ivan = await member(world, 873, { first_name: "Иван", language_code: "ru" });
    ivan.command("book");
    await shows(ivan, "В каком вы часовом поясе?");
    await press(ivan, "Москва (UTC+3)");
    const slots = await shows(ivan, /^Свободное время/);
    const first = slots.buttons.find((b) => /^\d\d:\d\d$/.test(b.text));
    ivan.tap(slots, first?.callback_data ?? "");
    await shows(ivan, "Как вас записать?");
    await press(ivan, "Использовать «Иван»");
    await shows(ivan, "Укажите email");
    await press(ivan, "Пропустить");
    await shows(ivan, "Проверьте");
    world.cal.inject("createBooking", { type: "hang" });
    await press(ivan, "✅ Подтвердить");
    await shows(ivan, "Календарь ещё отвечает.", 10_000);
    world.cal.state.addBooking({ start: slotOf(first?.callback_data) }); // booked on the web meanwhile
    const before = lookups();
    world.clock.advance(121_000);
    await shows(ivan, "Запись на", 10_000);
    expect(ivan.lastChanged()?.text).toContain("это время тем временем занял кто-то другой");
    expect(lookups()).toBeGreaterThan(before + 4); // the window, and once more after the refusal
    expect(world.cal.counts.createBooking).toBe(2);
    expect(active()).toHaveLength(1); // only the web booking
  });
});

describe("a cancel whose answer is lost, when a reminder falls due", () => {
  it("no reminder of the meeting goes out while the cancel is open; the member then hears it is cancelled, once", async () => {
    const zoe = await member(world, 874, { first_name: "Zoe", language_code: "en" });
    const start = await bookFirst(zoe, "Zoe");
    zoe.command("mybookings");
    const list = await shows(zoe, "Your upcoming meetings");
    await press(zoe, /^✖️ Cancel/, list);
    const ask = await shows(zoe, "Cancel the meeting on");
    // Cal.com cancels but the answer is lost, and cannot be asked about it for a while.
    world.cal.inject("cancelBooking", { type: "drop", afterCommit: true });
    world.cal.inject("getBooking", { type: "status", status: 503 }, 1_000);
    await press(zoe, "Yes, cancel it", ask);
    await shows(zoe, "The calendar is still answering.", 10_000);

    world.clock.advance(start - 59 * 60_000 - world.clock.now());
    await world.app.reminders.tick();
    expect(zoe.messages().filter((m) => m.text.startsWith("⏰"))).toHaveLength(0);

    world.cal.clearFaults();
    world.clock.advance(16_000);
    await shows(zoe, "is cancelled", 10_000);
    expect(await world.app.reminders.tick()).toBe(0);
    expect(zoe.messages().filter((m) => m.text.startsWith("⏰"))).toHaveLength(0);
    expect(calBookings(world).find((b) => b.start === start)?.status).toBe("cancelled");
  });
});

describe("/privacy while a booking is still open", () => {
  it("shows it, and Delete everything waits for the calendar's answer, then asks about the meeting (English)", async () => {
    const zoe = await member(world, 880, { first_name: "Zoe", language_code: "en" });
    await toSummary(zoe, "Zoe");
    world.cal.commitLate({ visibleAfterMs: 40_000, answer: "never" });
    await press(zoe, "✅ Confirm");
    await shows(zoe, "The calendar is still answering.", 10_000);

    zoe.command("privacy");
    const report = await shows(zoe, "What the bot keeps about you");
    expect(report.text).toContain("• A booking, move or cancellation the calendar has not answered yet");
    await press(zoe, "🗑 Delete everything", report);
    const wait = await shows(
      zoe,
      "still answering about your booking or its change. You can delete everything once",
    );
    expect(labels(wait)).toEqual(["‹ Back"]);
    expect(world.app.db.prepare("SELECT COUNT(*) AS n FROM booking_attempts").get()).toEqual({ n: 1 });

    // Cal.com shows the late booking: now erasing asks whether to cancel it first.
    world.clock.advance(45_000);
    await shows(zoe, "Done, you're booked!", 10_000);
    zoe.command("privacy");
    const again = await shows(zoe, "What the bot keeps about you");
    expect(again.text).not.toContain("not answered yet");
    await press(zoe, "🗑 Delete everything", again);
    await shows(zoe, "You have 1 upcoming meeting");
  });

  it("in Russian", async () => {
    const ivan = await member(world, 881, { first_name: "Иван", language_code: "ru" });
    // Two hours ahead: moving the clock for the lookups never crosses the 60-minute notice.
    await toSummaryRu(world, ivan, /^Москва/, 2 * 3_600_000);
    world.cal.commitLate({ visibleAfterMs: 40_000, answer: "never" });
    await press(ivan, "✅ Подтвердить");
    await shows(ivan, "Календарь ещё отвечает.", 10_000);
    ivan.command("privacy");
    const report = await shows(ivan, "Что бот хранит о вас");
    expect(report.text).toContain(
      "• Запись, перенос или отмена, на которые календарь ещё не ответил (ответ придёт сюда)",
    );
    await press(ivan, "🗑 Удалить всё", report);
    await shows(
      ivan,
      "Календарь ещё отвечает на вашу запись или её изменение. Удалить всё можно, как только придёт ответ",
    );
  });
});

describe("a move or a cancel whose answer never comes", () => {
  it("a move: the member is told the calendar is still answering about the move, with the move in view (English)", async () => {
    const yana = await member(world, 890, { first_name: "Yana", language_code: "en" });
    await bookFirst(yana, "Yana");
    yana.command("mybookings");
    await press(yana, /^🔁 Move/, await shows(yana, "Your upcoming meetings"));
    const page = await shows(yana, /Moving the meeting on[\s\S]*Free times/);
    const target = timeButtons(page)[1];
    await press(yana, target?.text ?? "", page);
    const ask = await shows(yana, "Move the meeting?");
    world.cal.inject("rescheduleBooking", { type: "hang" });
    await press(yana, /Confirm/, ask);
    const open = await shows(yana, "whether the meeting is moved", 10_000);
    expect(open.text).toMatch(/From: .*\nTo: /);
    expect(open.text).not.toContain("booked");
    expect(open.buttons).toEqual([]);

    // The new time goes on the web meanwhile: the move is not made, and the way on is a move again.
    world.cal.state.addBooking({ start: slotOf(target?.callback_data) });
    world.clock.advance(121_000);
    await shows(yana, "Your meeting was not moved to", 10_000);
    const told = yana.lastChanged()?.text ?? "";
    expect(told).toContain("/mybookings");
    expect(told).not.toContain("/book.");
  });

  it("a cancel: told the calendar is still answering about the cancellation (Russian)", async () => {
    const ivan = await member(world, 891, { first_name: "Иван", language_code: "ru" });
    await bookRussian(world, ivan, /^Москва/);
    ivan.command("mybookings");
    await press(ivan, /^✖️ Отменить/, await shows(ivan, "Ваши предстоящие встречи"));
    const ask = await shows(ivan, "Отменить встречу");
    world.cal.inject("cancelBooking", { type: "hang" });
    await press(ivan, "Да, отменить", ask);
    const open = await shows(
      ivan,
      "Календарь ещё отвечает. Как только станет ясно, отменена ли встреча",
      10_000,
    );
    expect(open.text).not.toContain("записаны");
    // Erasing now would forget a cancel Cal.com may still apply: /privacy shows it and erase waits.
    ivan.command("privacy");
    const report = await shows(ivan, "Что бот хранит о вас");
    expect(report.text).toContain("перенос или отмена, на которые календарь ещё не ответил");
    await press(ivan, "🗑 Удалить всё", report);
    await shows(ivan, "Календарь ещё отвечает на вашу запись или её изменение");
  });
});

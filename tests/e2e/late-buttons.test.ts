/**
 * Buttons tapped while the bot was down or busy (SPEC §3 "Anywhere"): by the time the bot sees the
 * tap, Telegram no longer takes an answer to its callback query ("query is too old and response
 * timeout expired or query ID is invalid", 400). The button still does what it says, and what the
 * toast or alert would have said arrives as a message.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { FakeUser } from "../../fakes/telegram/users.js";
import { bookFirst, calBookings, member, press, shows } from "./booking-helpers.js";
import { ADMIN_ID, startWorld, type World } from "./harness.js";

let world: World;
beforeEach(async () => {
  world = await startWorld();
});
afterEach(async () => {
  await world.close();
});

const WRONG = /Something went wrong|Что-то пошло не так/;

/** The bot is down while `taps` happen and comes back after Telegram's window for answering them. */
async function whileDown(taps: () => void): Promise<void> {
  await world.restart(() => {
    taps();
    world.tg.advanceTime(60_000); // the fake, like Telegram, refuses answers after 15 s
  });
}

/** The bot's answers to the user's taps were refused as too old (so the story tests what it claims). */
function refusedAnswers(): number {
  return world.tg
    .callsOf("answerCallbackQuery")
    .filter((c) => c.response && !c.response.ok && /query is too old/.test(c.response.description ?? ""))
    .length;
}

const noErrorShown = (user: FakeUser) =>
  expect(user.messages().filter((m) => WRONG.test(m.text))).toEqual([]);

describe("a button tapped while the bot was down", () => {
  it("My bookings, Book, a dialog button and “Yes, start over” still do what they say", async () => {
    const nina = await member(world, 1201, { first_name: "Nina", language_code: "en" });
    const menu = nina.lastMessage(); // "You're in!" with the menu (in the default language: Russian)
    if (!menu) throw new Error("no menu");

    await whileDown(() => nina.tap(menu, "menu:mybookings"));
    await shows(nina, "You have no upcoming meetings.");

    await whileDown(() => nina.tap(menu, "menu:book"));
    const zones = await shows(nina, "Which time zone");

    await whileDown(() => nina.tapButton("Moscow (UTC+3)", zones));
    await shows(nina, /^Free times/);

    nina.command("book");
    const ask = await shows(nina, "Start over?");
    await whileDown(() => nina.tapButton("Yes, start over", ask));
    const fresh = await shows(nina, /^Free times/);
    expect(fresh.message_id).not.toBe(zones.message_id);

    // A button of the dialog's earlier rendering, while the new dialog waits: the alert as a message.
    await whileDown(() => nina.tap(zones, zones.buttons[0]?.callback_data ?? "", { force: true }));
    await shows(nina, "This button is no longer active.");
    await press(nina, /^\d\d:\d\d$/, fresh);
    await shows(nina, "What name should I book under?");

    expect(refusedAnswers()).toBe(5);
    noErrorShown(nina);
  });

  it("Cancel, “Yes, cancel it” and Move still act; an alert that could not be shown comes as a message (Russian)", async () => {
    const olga = await member(world, 1202, { first_name: "Ольга", language_code: "en" });
    const start = await bookFirst(olga, "Ольга");
    await bookFirst(olga, "Ольга", 1);
    world.tg.user(1202, { first_name: "Ольга", language_code: "ru", started: true });
    olga.command("mybookings");
    const list = await shows(olga, "Ваши предстоящие встречи");

    await whileDown(() => olga.tapButton(/^✖️ Отменить/, list));
    const ask = await shows(olga, "Отменить встречу");
    await whileDown(() => olga.tapButton("Да, отменить", ask));
    await shows(olga, "отменена. Это время снова свободно");
    expect(world.cal.requestsOf("cancelBooking")).toHaveLength(1);
    expect(calBookings(world).find((b) => b.start === start)?.status).toBe("cancelled");

    // The first booking's Cancel again: the alert "already cancelled" arrives as a message.
    await whileDown(() => olga.tapButton(/^✖️ Отменить/, list));
    await shows(olga, "Эта встреча уже отменена.");

    // A button of a finished booking dialog: "no longer active", as a message.
    await whileDown(() => olga.tap(list, "bk:zzzz:c", { force: true }));
    await shows(olga, "Эта кнопка больше не активна.");

    const second = olga.message(list.message_id)?.buttons.filter((b) => b.text.startsWith("🔁"))[1];
    await whileDown(() => olga.tap(list, second?.callback_data ?? ""));
    await shows(olga, /Переносим встречу[\s\S]*Свободное время/);

    expect(refusedAnswers()).toBe(5);
    noErrorShown(olga);
  });

  it("the admin's Approve still approves; what the toast said comes as a message", async () => {
    const boris = world.tg.user(1203, { first_name: "Борис", language_code: "ru" });
    boris.start();
    const admin = world.tg.user(ADMIN_ID);
    const notice = await admin.waitForMessage((m) => m.text.includes("/approve 1203"));

    await whileDown(() => admin.tapButton(/Approve/, notice));
    await boris.waitForMessage((m) => m.text.startsWith("Доступ открыт!"));
    await admin.waitForMessage(
      (m) => m.message_id !== notice.message_id && m.text.startsWith("✅ Approved: Борис"),
    );
    await admin.waitForMessage((m) => m.message_id === notice.message_id && /Decided by/.test(m.text));

    // A second Approve on another copy of the request: "already approved", as a message.
    await whileDown(() => admin.tap(notice, notice.buttons[0]?.callback_data ?? "", { force: true }));
    await admin.waitForMessage((m) => m.text === "User 1203 is already approved.");

    expect(refusedAnswers()).toBe(2);
    noErrorShown(admin);
  });
});

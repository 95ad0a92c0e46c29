/**
 * The dialog's manners (SPEC §3 "Anywhere"): stale buttons, bad input, /cancel and /start at any
 * step. (Restarts and the idle timeout: booking-resume.test.ts.)
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { MessageView } from "../../fakes/telegram/views.js";
import {
  calBookings,
  dialogData,
  expectStale,
  labels,
  member,
  openSlots,
  pickTime,
  press,
  STALE,
  STALE_RU,
  settled,
  shownSince,
  shows,
  steps,
  timeButtons,
  toSummary,
} from "./booking-helpers.js";
import { ADMIN_ID, startWorld, type World } from "./harness.js";

let world: World;
beforeEach(async () => {
  world = await startWorld();
});
afterEach(async () => {
  await world.close();
});

describe("stale buttons", () => {
  it("a button of an earlier rendering or an older message gets an alert, and nothing happens", async () => {
    const zoe = await member(world, 900, { first_name: "Zoe", language_code: "en" });
    zoe.command("book");
    const zones = await shows(zoe, "Which time zone");
    const oldZoneData = dialogData(zones);
    await press(zoe, "Moscow (UTC+3)");
    const slots = await shows(zoe, /^Free times/);
    // The same message, its earlier (zone) buttons: no longer active.
    await expectStale(zoe, slots.message_id, oldZoneData.slice(0, 3));
    expect(zoe.message(slots.message_id)?.text).toBe(slots.text);

    await pickTime(zoe, slots);
    const askName = zoe.lastChanged();
    zoe.send("Zoe Q");
    await shows(zoe, "Give an email");
    // The name question stays above with its buttons; they are no longer active.
    await expectStale(zoe, askName?.message_id ?? 0, dialogData(askName));
    // The dialog is still at the email step.
    await press(zoe, "Skip");
    const summary = await shows(zoe, "Please check:");
    expect(summary.text).toContain("👤 Zoe Q");
    await press(zoe, "✅ Confirm");
    await shows(zoe, "Done, you're booked!");
    await zoe.waitForMessage((m) => m.document !== undefined);

    // After the dialog: every button seen during it is inactive.
    await expectStale(zoe, summary.message_id, [...oldZoneData.slice(0, 2), ...dialogData(summary)]);
    expect(world.cal.requestsOf("createBooking")).toHaveLength(1);
  });

  it("a forged dialog button (wrong nonce, unknown slot) is refused", async () => {
    const zoe = await member(world, 901, { first_name: "Zoe", language_code: "en" });
    const slots = await openSlots(zoe);
    await expectStale(zoe, slots.message_id, ["bk:zzzz:s:abc", "bk:0000:x"]);
    // A slot that was not offered, under the right nonce: ignored, the slots stay.
    const nonce = dialogData(slots)[0]?.split(":")[1];
    const q = zoe.tap(slots, `bk:${nonce}:s:1`, { force: true });
    await zoe.waitForCallbackAnswer(q);
    const again = await zoe.waitForReply(
      (m) => m.text.startsWith("Free times") && !dialogData(m)[0]?.includes(`:${nonce}:`),
    );
    expect(shownSince(zoe, 0).filter((t) => t.startsWith("What name"))).toEqual([]);
    await pickTime(zoe, again);
  });
});

describe("bad input", () => {
  it("names that are too long, empty-ish, digits or emoji only get a clear message and the same question", async () => {
    const zoe = await member(world, 910, { first_name: "Zoe", language_code: "en" });
    const slots = await openSlots(zoe);
    await pickTime(zoe, slots);
    for (const bad of [
      "x".repeat(4096),
      "a".repeat(101),
      " . ",
      "-",
      "1234567",
      "+7 999 123-45-67",
      "😀😎🎉",
      "!!!",
    ]) {
      zoe.send(bad);
      const again = await shows(
        zoe,
        "A name must be 2 to 100 characters long and contain at least one letter.",
      );
      expect(again.text).toContain("What name should I book under?");
      expect(labels(again)).toEqual(["Use “Zoe”", "✖️ Cancel"]);
    }
    zoe.send("Jo");
    await shows(zoe, "Give an email");
    for (const bad of ["zoe", "zoe@", "@mail.ru", "zoe at mail.ru", "x".repeat(300)]) {
      zoe.send(bad);
      const again = await shows(zoe, "That doesn't look like an email.");
      expect(again.text).toContain("Give an email");
      expect(labels(again)).toEqual(["Skip", "✖️ Cancel"]);
    }
    zoe.send("zoe@mail.ru");
    await shows(zoe, "Remember zoe@mail.ru");
  });

  it("a Telegram name that is not a valid name (emoji only) is not offered with one tap", async () => {
    const uni = await member(world, 913, { first_name: "🦄🦄", language_code: "en" });
    await pickTime(uni, await openSlots(uni));
    expect(labels(uni.lastChanged() as MessageView)).toEqual(["✖️ Cancel"]);
    uni.send("Una");
    await shows(uni, "Give an email");
  });

  it("Russian: a digits-only name is refused in Russian", async () => {
    const petr = await member(world, 911, { first_name: "Пётр", language_code: "ru" });
    petr.command("book");
    await shows(petr, "В каком вы часовом поясе?");
    await press(petr, "Самара (UTC+4)");
    const slots = await shows(petr, /^Свободное время/);
    petr.tap(slots, timeButtons(slots)[0]?.callback_data ?? "");
    await shows(petr, "Как вас записать?");
    petr.send("123");
    await shows(petr, "Имя должно быть от 2 до 100 символов");
    petr.sendSticker();
    await shows(petr, "Пожалуйста, напишите ответ текстом.");
    petr.send("Пётр");
    await shows(petr, "Укажите email");
  });

  it("text, stickers, photos and voice where a button is expected get a hint and the step again", async () => {
    const zoe = await member(world, 912, { first_name: "Zoe", language_code: "en" });
    zoe.command("book");
    await shows(zoe, "Which time zone");
    const sends: Array<[string, () => void]> = [
      ["text", () => zoe.send("Moscow please")],
      ["sticker", () => zoe.sendSticker()],
      ["photo", () => zoe.sendPhoto({ caption: "here" })],
      ["voice", () => zoe.sendVoice()],
    ];
    for (const [, send] of sends) {
      const mark = zoe.mark();
      send();
      await zoe.waitForMessage((m) => m.text === "Please choose with a button.", { since: mark });
      const again = await zoe.waitForMessage((m) => m.text.startsWith("Which time zone"), { since: mark });
      expect(labels(again)).toContain("Moscow (UTC+3)");
    }
    // The step shown again works.
    await press(zoe, "Moscow (UTC+3)");
    await shows(zoe, /^Free times/);

    for (const [, send] of sends) {
      const mark = zoe.mark();
      send();
      await zoe.waitForMessage((m) => m.text === "Please choose with a button.", { since: mark });
      await zoe.waitForMessage((m) => m.text.startsWith("Free times"), { since: mark });
    }
    await pickTime(zoe, zoe.lastChanged() as MessageView);
    // Where text is the answer, media gets "type your answer".
    zoe.sendVoice();
    await shows(zoe, "Please type your answer.");
    await shows(zoe, "What name should I book under?");
    await press(zoe, "Use “Zoe”");
    await shows(zoe, "Give an email");
    await press(zoe, "Skip");
    await shows(zoe, "Please check:");
    zoe.send("yes");
    await shows(zoe, "Please choose with a button.");
    await shows(zoe, "Please check:");
    await press(zoe, "✅ Confirm");
    await shows(zoe, "Done, you're booked!");
  });
});

describe("/cancel", () => {
  let id = 920;
  for (const [step, reach] of Object.entries(steps)) {
    it(`at the ${step} step leaves the dialog; its buttons are then inactive`, async () => {
      const zoe = await member(world, id++, { first_name: "Zoe", language_code: "en" });
      const shown = await reach(zoe, "Zoe");
      zoe.command("cancel");
      const bye = await shows(zoe, "Booking stopped. /book to start again.");
      expect(labels(bye)).toContain("📅 Book");
      await expectStale(zoe, shown.message_id, dialogData(shown));
      // Typed text is no longer taken as an answer.
      zoe.send("Zoe Quinn");
      await shows(zoe, "I understand commands and buttons.");
      zoe.command("cancel");
      await shows(zoe, "There's nothing to stop right now.");
      expect(calBookings(world)).toHaveLength(0);
    });
  }

  it("Russian", async () => {
    const ivan = await member(world, 930, { first_name: "Иван", language_code: "ru" });
    ivan.command("book");
    const zones = await shows(ivan, "В каком вы часовом поясе?");
    ivan.command("cancel");
    await shows(ivan, "Запись прервана.");
    await expectStale(ivan, zones.message_id, dialogData(zones), STALE_RU);
  });

  it("the Cancel button ends the dialog in place", async () => {
    const zoe = await member(world, 931, { first_name: "Zoe", language_code: "en" });
    const { summary } = await toSummary(zoe, "Zoe");
    await press(zoe, "✖️ Cancel");
    const ended = await shows(zoe, "Booking stopped.");
    expect(ended.message_id).toBe(summary.message_id);
    expect(ended.buttons).toEqual([]);
    expect(calBookings(world)).toHaveLength(0);
  });
});

describe("/start or /book in the middle", () => {
  it("asks first: No carries on at the same step, Yes leaves for the menu", async () => {
    const zoe = await member(world, 940, { first_name: "Zoe", language_code: "en" });
    const askEmail = await steps.email?.(zoe, "Zoe");
    zoe.start();
    const ask = await shows(zoe, "Start over? The booking in progress will be lost.");
    expect(labels(ask)).toEqual(["Yes, start over", "No, carry on"]);
    await press(zoe, "No, carry on");
    await shows(zoe, "Carrying on where we were.");
    zoe.send("zoe@mail.ru"); // still the email step
    await shows(zoe, "Remember zoe@mail.ru");
    await press(zoe, "No");
    const summary = await shows(zoe, "Please check:");

    zoe.start();
    await shows(zoe, "Start over?");
    await press(zoe, "Yes, start over");
    const menu = await shows(zoe, "Hello, Zoe! What would you like to do?");
    expect(labels(menu)).toContain("📅 Book");
    await expectStale(zoe, summary.message_id, dialogData(summary));
    await expectStale(zoe, askEmail?.message_id ?? 0, dialogData(askEmail));
    expect(calBookings(world)).toHaveLength(0);
    // The old question's buttons are gone.
    expect(zoe.message(ask.message_id)?.buttons).toEqual([]);
  });

  it("/book and the menu's Book button ask too; Yes starts a fresh dialog (Russian)", async () => {
    const olga = await member(world, 941, { first_name: "Ольга", language_code: "ru" });
    olga.command("book");
    const zones = await shows(olga, "В каком вы часовом поясе?");
    olga.command("book");
    await shows(olga, "Начать сначала? Текущая запись не сохранится.");
    await press(olga, "Нет, продолжить");
    await shows(olga, "Продолжаем с того же места.");
    await press(olga, "Омск (UTC+6)", zones);
    await shows(olga, /^Свободное время \(Омск/);

    await press(olga, "📅 Записаться"); // the menu from "Доступ открыт!"
    await shows(olga, "Начать сначала?");
    await press(olga, "Да, начать заново");
    const fresh = await shows(olga, /^Свободное время \(Омск/);
    expect(fresh.message_id).not.toBe(zones.message_id);
    await expectStale(olga, zones.message_id, dialogData(olga.message(zones.message_id)), STALE_RU);
    const q = olga.tap(fresh, timeButtons(fresh)[0]?.callback_data ?? "");
    expect((await olga.waitForCallbackAnswer(q)).show_alert).toBe(false);
    await shows(olga, "Как вас записать?");
  });

  it("a stale Start-over question gets an alert once the dialog is over", async () => {
    const zoe = await member(world, 942, { first_name: "Zoe", language_code: "en" });
    await steps.slots?.(zoe, "Zoe");
    zoe.start();
    const ask = await shows(zoe, "Start over?");
    zoe.command("cancel");
    await shows(zoe, "Booking stopped.");
    await expectStale(
      zoe,
      ask.message_id,
      ask.buttons.map((b) => b.callback_data ?? ""),
    );
  });

  it("a double tap on “Yes, start over” starts one fresh dialog; the second tap gets the alert", async () => {
    const zoe = await member(world, 943, { first_name: "Zoe", language_code: "en" });
    const first = await steps.slots?.(zoe, "Zoe");
    zoe.command("book");
    const ask = await shows(zoe, "Start over?");
    const yes = ask.buttons.find((b) => b.text === "Yes, start over")?.callback_data ?? "";
    const mark = zoe.mark();
    const q1 = zoe.tap(ask, yes);
    const q2 = zoe.tap(ask, yes, { force: true });
    expect((await zoe.waitForCallbackAnswer(q1)).show_alert).toBe(false);
    expect(await zoe.waitForCallbackAnswer(q2)).toMatchObject(STALE);
    const fresh = await zoe.waitForMessage((m) => m.text.startsWith("Free times"), { since: mark });
    expect(fresh.message_id).not.toBe(first?.message_id);
    await settled(world);
    expect(zoe.messagesSince(mark).filter((m) => m.text.startsWith("Free times"))).toHaveLength(1);
  });

  it("a Start-over question left from an earlier dialog does nothing to the current one", async () => {
    const zoe = await member(world, 944, { first_name: "Zoe", language_code: "en" });
    await steps.slots?.(zoe, "Zoe");
    zoe.start();
    const old = await shows(zoe, "Start over?");
    await press(zoe, "✖️ Cancel"); // the first dialog ends by its own button; the question stays
    await shows(zoe, "Booking stopped.");
    zoe.command("book");
    const current = await shows(zoe, /^Free times/); // the zone is saved now
    await expectStale(
      zoe,
      old.message_id,
      old.buttons.map((b) => b.callback_data ?? ""),
    );
    await pickTime(zoe, current); // the current dialog goes on
  });

  it("other commands in the middle (/help) are answered and the dialog carries on", async () => {
    const zoe = await member(world, 945, { first_name: "Zoe", language_code: "en" });
    await steps.name?.(zoe, "Zoe");
    zoe.command("help");
    await shows(zoe, "/book — book a meeting");
    zoe.send("Zoe Help");
    await shows(zoe, "Give an email");
  });
});

describe("access revoked mid-dialog", () => {
  it("Confirm after the admin revoked access books nothing and says so", async () => {
    const u = await member(world, 6901, { first_name: "Rex", language_code: "en" });
    const { summary } = await toSummary(u, "Rex");
    const admin = world.tg.user(ADMIN_ID);
    admin.command("revoke", "6901");
    await admin.waitForReply((m) => /revoked/.test(m.text));
    await press(u, /Confirm/, summary);
    await shows(u, "don't have access");
    expect(world.cal.requestsOf("createBooking")).toHaveLength(0);
  });
});

/**
 * The booking dialog as members live it (SPEC §3 "Booking"), over the fake Telegram and the fake
 * Cal.com: zone → slot → name → email → summary → result, in English and in Russian.
 */
import { DateTime } from "luxon";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  calBookings,
  createBodies,
  firstDay,
  labels,
  localHeader,
  member,
  openSlots,
  pickTime,
  press,
  shownSince,
  shows,
  slotOf,
  timeButtons,
} from "./booking-helpers.js";
import { ADMIN_ID, startWorld, type World } from "./harness.js";

let world: World;
beforeEach(async () => {
  world = await startWorld();
});
afterEach(async () => {
  await world.close();
});

const RUSSIAN_ZONE_BUTTONS = [
  /^Kaliningrad \(UTC\+2\)$/,
  /^Moscow \(UTC\+3\)$/,
  /^Samara \(UTC\+4\)$/,
  /^Yekaterinburg \(UTC\+5\)$/,
  /^Omsk \(UTC\+6\)$/,
  /^Krasnoyarsk \(UTC\+7\)$/,
  /^Irkutsk \(UTC\+8\)$/,
  /^Yakutsk \(UTC\+9\)$/,
  /^Vladivostok \(UTC\+10\)$/,
  /^Magadan \(UTC\+11\)$/,
  /^Kamchatka \(UTC\+12\)$/,
];

describe("booking, the whole way through", () => {
  it("English, email skipped: booked with the operator's plus-addressed mailbox, told no email will come, .ics and admin notice", async () => {
    const id = 7_654_321;
    const zoe = await member(world, id, { first_name: "Zoe", language_code: "en" });
    zoe.command("book");
    const zones = await shows(zoe, "Which time zone are you in?");
    const zoneLabels = labels(zones);
    for (const z of RUSSIAN_ZONE_BUTTONS) expect(zoneLabels.some((l) => z.test(l))).toBe(true);
    expect(zoneLabels).toEqual(expect.arrayContaining(["Other…", "✖️ Cancel"]));

    await press(zoe, "Moscow (UTC+3)");
    const slots = await shows(zoe, /^Free times \(Moscow \(UTC\+3\)\), page 1 of \d+\. Pick one:$/);
    expect(slots.message_id).toBe(zones.message_id); // edited in place
    expect(labels(slots)).toEqual(
      expect.arrayContaining(["More dates ›", "🌍 Change time zone", "✖️ Cancel"]),
    );
    // Up to three times a row, 24-hour HH:MM.
    const rows = new Map<number, number>();
    for (const b of timeButtons(slots)) rows.set(b.row, (rows.get(b.row) ?? 0) + 1);
    expect(Math.max(...rows.values())).toBeLessThanOrEqual(3);

    const start = await pickTime(zoe, slots);
    const askName = zoe.lastChanged();
    expect(askName?.buttons.map((b) => b.text)).toEqual(["Use “Zoe”", "✖️ Cancel"]);
    await press(zoe, "Use “Zoe”");
    const askEmail = await shows(zoe, "Give an email");
    expect(labels(askEmail)).toEqual(["Skip", "✖️ Cancel"]);
    await press(zoe, "Skip");

    const summary = await shows(zoe, "Please check:");
    expect(summary.text).toMatch(/You won't get Cal\.com's emails/);
    const when = DateTime.fromMillis(start, { zone: "Europe/Moscow" }).setLocale("en");
    expect(summary.text).toContain(when.toFormat("cccc, d MMMM yyyy, HH:mm"));
    expect(summary.text).toContain("Moscow (UTC+3)");
    expect(summary.text).toContain("60 min");
    expect(summary.text).toContain("👤 Zoe");
    expect(summary.text).toContain("✉️ none");
    expect(labels(summary)).toEqual(["✅ Confirm", "✏️ Edit", "✖️ Cancel"]);

    await press(zoe, "✅ Confirm");
    const done = await shows(zoe, "Done, you're booked!");
    expect(done.text).toContain(when.toFormat("cccc, d MMMM yyyy, HH:mm"));
    expect(done.text).toContain("60 min");
    expect(done.text).toContain("📍 https://app.cal.com/video/fake"); // how the meeting happens
    expect(done.buttons).toEqual([]);
    const ics = await zoe.waitForMessage((m) => m.document?.file_name === "meeting.ics");
    expect(ics.document?.text).toContain("BEGIN:VCALENDAR");
    expect(ics.document?.text).toContain(
      `DTSTART:${DateTime.fromMillis(start, { zone: "utc" }).toFormat("yyyyMMdd'T'HHmmss'Z'")}`,
    );
    await world.tg.user(ADMIN_ID).waitForMessage((m) => m.text.includes("New booking: Zoe"));

    // What Cal.com received: the operator's mailbox, plus-addressed with a tag that is not the user's id.
    const [body] = createBodies(world);
    expect(body?.start).toBe(new Date(start).toISOString());
    expect(body?.attendee.email).toMatch(/^sponsor\+[a-z0-9]+@yandex\.ru$/);
    expect(body?.attendee.email).not.toContain(String(id));
    expect(JSON.stringify(body)).not.toContain(String(id));
    expect(body?.attendee).toMatchObject({ name: "Zoe", timeZone: "Europe/Moscow", language: "en" });
    expect(calBookings(world)).toHaveLength(1);
  });

  it("Russian, typed email remembered: the next /book uses the saved zone and offers the email with one tap", async () => {
    const zoya = await member(world, 701, { first_name: "Зоя", language_code: "ru" });
    zoya.command("book");
    const zones = await shows(zoya, "В каком вы часовом поясе?");
    expect(labels(zones)).toEqual(
      expect.arrayContaining(["Москва (UTC+3)", "Владивосток (UTC+10)", "Другой…", "✖️ Отмена"]),
    );
    await press(zoya, "Москва (UTC+3)");
    const slots = await shows(
      zoya,
      /^Свободное время \(Москва \(UTC\+3\)\), стр\. 1 из \d+\. Выберите удобное:$/,
    );
    expect(labels(slots)).toEqual(
      expect.arrayContaining(["Ещё даты ›", "🌍 Сменить часовой пояс", "✖️ Отмена"]),
    );
    const first = timeButtons(slots)[0];
    expect(firstDay(slots).header).toBe(localHeader(slotOf(first?.callback_data), "Europe/Moscow", "ru"));

    const q = zoya.tap(slots, first?.callback_data ?? "");
    await zoya.waitForCallbackAnswer(q);
    await shows(zoya, "Как вас записать?");
    expect(labels(zoya.lastChanged() as never)).toContain("Использовать «Зоя»");
    zoya.send("  Зоя   Петрова ");
    await shows(zoya, "Укажите email");
    zoya.send("Zoya.P@Mail.RU");
    const remember = await shows(zoya, "Запомнить zoya.p@mail.ru для следующих записей?");
    expect(labels(remember)).toEqual(["Да", "Нет"]);
    await press(zoya, "Да");
    const summary = await shows(zoya, "Проверьте, всё ли верно:");
    expect(summary.text).toContain("👤 Зоя Петрова");
    expect(summary.text).toContain("✉️ zoya.p@mail.ru");
    expect(summary.text).toMatch(/60 мин/);
    await press(zoya, "✅ Подтвердить");
    await shows(zoya, "Готово, вы записаны!");
    await zoya.waitForMessage((m) => m.document?.file_name === "vstrecha.ics");
    expect(createBodies(world)[0]?.attendee).toMatchObject({
      name: "Зоя Петрова",
      email: "zoya.p@mail.ru",
      timeZone: "Europe/Moscow",
      language: "ru",
    });

    // Next time: no zone question, the saved zone with "Change time zone", and the email as a button.
    const mark = zoya.mark();
    zoya.command("book");
    const again = await shows(zoya, /^Свободное время \(Москва \(UTC\+3\)\)/);
    expect(labels(again)).toContain("🌍 Сменить часовой пояс");
    expect(shownSince(zoya, mark).filter((text) => text.includes("часовом поясе?"))).toEqual([]);
    const second = timeButtons(again)[0];
    zoya.tap(again, second?.callback_data ?? "");
    await shows(zoya, "Как вас записать?");
    await press(zoya, "Использовать «Зоя»");
    const askEmail = await shows(zoya, "Укажите email");
    expect(labels(askEmail)).toEqual(["zoya.p@mail.ru", "Пропустить", "✖️ Отмена"]);
    await press(zoya, "zoya.p@mail.ru");
    const summary2 = await shows(zoya, "Проверьте, всё ли верно:");
    expect(summary2.text).toContain("✉️ zoya.p@mail.ru");
    expect(shownSince(zoya, mark).filter((text) => text.startsWith("Запомнить"))).toEqual([]); // not asked again
    await press(zoya, "✅ Подтвердить");
    await shows(zoya, "Готово, вы записаны!");
    expect(createBodies(world).map((b) => b.attendee.email)).toEqual(["zoya.p@mail.ru", "zoya.p@mail.ru"]);
  });

  it("a typed email the user does not want remembered is used once and not offered next time", async () => {
    const ann = await member(world, 702, { first_name: "Ann", language_code: "en" });
    const slots = await openSlots(ann);
    await pickTime(ann, slots);
    await press(ann, "Use “Ann”");
    await shows(ann, "Give an email");
    ann.send("ann@gmail.com");
    await shows(ann, "Remember ann@gmail.com for your next bookings?");
    await press(ann, "No");
    const summary = await shows(ann, "Please check:");
    expect(summary.text).toContain("✉️ ann@gmail.com");
    await press(ann, "✅ Confirm");
    await shows(ann, "Done, you're booked!");
    expect(createBodies(world)[0]?.attendee.email).toBe("ann@gmail.com");

    ann.command("book");
    const again = await shows(ann, /^Free times \(Moscow/);
    await pickTime(ann, again, 1);
    await press(ann, "Use “Ann”");
    const askEmail = await shows(ann, "Give an email");
    expect(labels(askEmail)).toEqual(["Skip", "✖️ Cancel"]);
  });
});

describe("changing details from the summary", () => {
  it("Edit → Name: the new name comes back to the summary and is booked; Edit → Time and Edit → Email too", async () => {
    const zoe = await member(world, 720, { first_name: "Zoe", language_code: "en" });
    const slots = await openSlots(zoe);
    await pickTime(zoe, slots, 0);
    await press(zoe, "Use “Zoe”");
    await shows(zoe, "Give an email");
    await press(zoe, "Skip");
    await shows(zoe, "Please check:");

    await press(zoe, "✏️ Edit");
    const what = await shows(zoe, "What would you like to change?");
    expect(labels(what)).toEqual(["Time", "Name", "Email", "‹ Back to summary"]);
    await press(zoe, "Name");
    await shows(zoe, "What name should I book under?");
    zoe.send("Zoe Quinn");
    const renamed = await shows(zoe, "Please check:");
    expect(renamed.text).toContain("👤 Zoe Quinn");
    expect(renamed.text).toContain("✉️ none");

    // Back to summary changes nothing.
    await press(zoe, "✏️ Edit");
    await shows(zoe, "What would you like to change?");
    await press(zoe, "‹ Back to summary");
    const same = await shows(zoe, "Please check:");
    expect(same.text).toContain("👤 Zoe Quinn");

    // A different time: the slots again, then straight back to the summary.
    await press(zoe, "✏️ Edit");
    await shows(zoe, "What would you like to change?");
    await press(zoe, "Time");
    const slots2 = await shows(zoe, /^Free times/);
    const button = timeButtons(slots2)[2];
    const q = zoe.tap(slots2, button?.callback_data ?? "");
    await zoe.waitForCallbackAnswer(q);
    const retimed = await shows(zoe, "Please check:");
    const newStart = slotOf(button?.callback_data);
    expect(retimed.text).toContain(
      DateTime.fromMillis(newStart, { zone: "Europe/Moscow" })
        .setLocale("en")
        .toFormat("cccc, d MMMM yyyy, HH:mm"),
    );
    expect(retimed.text).toContain("👤 Zoe Quinn");

    // An email instead of none.
    await press(zoe, "✏️ Edit");
    await shows(zoe, "What would you like to change?");
    await press(zoe, "Email");
    await shows(zoe, "Give an email");
    zoe.send("zoe@yandex.com");
    await shows(zoe, "Remember zoe@yandex.com");
    await press(zoe, "No");
    const final = await shows(zoe, "Please check:");
    expect(final.text).toContain("✉️ zoe@yandex.com");

    await press(zoe, "✅ Confirm");
    await shows(zoe, "Done, you're booked!");
    expect(createBodies(world)).toHaveLength(1);
    expect(createBodies(world)[0]).toMatchObject({
      start: new Date(newStart).toISOString(),
      attendee: { name: "Zoe Quinn", email: "zoe@yandex.com" },
    });
  });
});

describe("without an operator mailbox (CALCOM_FALLBACK_EMAIL unset)", () => {
  it("the email is required: no Skip, and the address given is booked", async () => {
    await world.close();
    world = await startWorld({ env: { CALCOM_FALLBACK_EMAIL: undefined } });
    const zoe = await member(world, 740, { first_name: "Zoe", last_name: "Quinn", language_code: "en" });
    const slots = await openSlots(zoe);
    await pickTime(zoe, slots);
    await press(zoe, "Use “Zoe Quinn”");
    const ask = await shows(zoe, "Please give your email");
    expect(labels(ask)).toEqual(["✖️ Cancel"]);
    zoe.send("zoe.quinn@mail.ru");
    await press(zoe, "No", await shows(zoe, "Remember zoe.quinn@mail.ru"));
    await shows(zoe, "Please check:");
    await press(zoe, "✅ Confirm");
    await shows(zoe, "Done, you're booked!");
    expect(createBodies(world)[0]?.attendee).toMatchObject({ name: "Zoe Quinn", email: "zoe.quinn@mail.ru" });
  });
});

import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createBodies, labels, pickTime, press, shows } from "./booking-helpers.js";
import { startWorld, type World } from "./harness.js";
import { bookEnglish, joined, slotsPage } from "./privacy-helpers.js";

let world: World;
beforeEach(async () => {
  world = await startWorld();
});
afterEach(async () => {
  await world.close();
});

describe("remembering is opt-in and visible", () => {
  it("the summary says when the saved zone and the remembered email are used, each with a one-tap change", async () => {
    const kira = await joined(world, 7_300_000_001, { first_name: "Kira", language_code: "en" });
    const first = await bookEnglish(kira, "Kira", "kira.v@mail.ru");
    expect(first).not.toContain("saved time zone"); // picked in this dialog

    await pickTime(kira, await slotsPage(kira));
    await press(kira, "Use “Kira”");
    const email = await shows(kira, "Give an email");
    expect(labels(email)).toEqual(["kira.v@mail.ru", "Skip", "✖️ Cancel"]);
    await press(kira, "kira.v@mail.ru");
    const summary = await shows(kira, "Please check:");
    expect(summary.text).toContain("This is your saved time zone");
    expect(summary.text).toContain("This is your remembered email");
    expect(labels(summary)).toEqual([
      "✅ Confirm",
      "✏️ Edit",
      "🌍 Change time zone",
      "✉️ Change email",
      "✖️ Cancel",
    ]);

    await press(kira, "🌍 Change time zone", summary);
    await shows(kira, "Which time zone");
    await press(kira, "Samara (UTC+4)");
    await press(kira, /^\d\d:\d\d$/, await shows(kira, /^Free times \(Samara/));
    const again = await shows(kira, "Please check:"); // name and email known: straight back
    expect(again.text).toContain("Samara");
    expect(again.text).not.toContain("saved time zone");
    await press(kira, "✉️ Change email", again);
    await shows(kira, "Give an email");
    kira.send("kira.other@mail.ru");
    await shows(kira, "Remember kira.other@mail.ru");
    await press(kira, "No");
    const last = await shows(kira, "Please check:");
    expect(last.text).toContain("kira.other@mail.ru");
    expect(last.text).not.toContain("remembered email");
    expect(labels(last)).toEqual(["✅ Confirm", "✏️ Edit", "✖️ Cancel"]);
    await press(kira, /Confirm/, last);
    await shows(kira, "you're booked");
    expect(createBodies(world).at(-1)?.attendee).toMatchObject({
      email: "kira.other@mail.ru",
      timeZone: "Europe/Samara",
    });
  });

  it("in Russian, the saved zone is named on the summary with “Сменить часовой пояс”", async () => {
    const lev = await joined(world, 7_300_000_002, { first_name: "Лев", language_code: "ru" });
    const toSummary = async () => {
      const slots = await shows(lev, /^Свободное время/);
      await press(lev, /^\d\d:\d\d$/, slots);
      await shows(lev, "Как вас записать?");
      await press(lev, "Использовать «Лев»");
      await shows(lev, "email");
      await press(lev, "Пропустить");
      return shows(lev, "Проверьте");
    };
    lev.command("book");
    await shows(lev, "часовом поясе");
    await press(lev, /^Москва/);
    const first = await toSummary();
    expect(first.text).not.toContain("сохранённый часовой пояс");
    lev.command("cancel");
    await shows(lev, "Запись прервана");

    lev.command("book");
    const summary = await toSummary();
    expect(summary.text).toContain("Это ваш сохранённый часовой пояс");
    expect(summary.text).not.toContain("запомненный email");
    expect(labels(summary)).toContain("🌍 Сменить часовой пояс");
  });
});

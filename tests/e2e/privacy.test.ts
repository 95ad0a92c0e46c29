import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { waitFor } from "../../fakes/support/wait.js";
import { calBookings, labels, pickTime, press, settled, shows } from "./booking-helpers.js";
import { ADMIN_ID, startWorld, type World } from "./harness.js";
import { bookEnglish, expectOnlyReducedAudit, joined, rowsNaming, slotsPage } from "./privacy-helpers.js";

let world: World;
beforeEach(async () => {
  world = await startWorld();
});
afterEach(async () => {
  await world.close();
});

const admin = () => world.tg.user(ADMIN_ID);

describe("/privacy: what the bot keeps", () => {
  it("shows a member their stored data with the email masked, and what Cal.com receives; Forget my email works", async () => {
    const anna = await joined(world, 7_100_000_001, {
      first_name: "Annabel",
      last_name: "Quist",
      username: "annabel_q",
      language_code: "en",
    });
    await bookEnglish(anna, "Annabel Quist", "annabel.q@mail.ru");

    anna.command("privacy");
    const report = await shows(anna, "What the bot keeps about you");
    expect(report.text).toContain("Telegram ID 7100000001; name: Annabel Quist (@annabel_q)");
    expect(report.text).toContain("Language: English");
    expect(report.text).toContain("Time zone: Moscow (UTC+3)");
    expect(report.text).toContain("Email: a***@mail.ru");
    expect(report.text).not.toContain("annabel.q@mail.ru");
    expect(report.text).toContain("1 upcoming, 0 past");
    expect(report.text).toMatch(/Cal\.com receives.*Never your Telegram ID or username/s);
    expect(report.text).toContain("pseudonym");
    expect(labels(report)).toEqual(["✉️ Forget my email", "🌍 Forget my time zone", "🗑 Delete everything"]);

    const q = anna.tapButton("✉️ Forget my email", report);
    expect(await anna.waitForCallbackAnswer(q)).toMatchObject({
      text: expect.stringMatching(/email is forgotten/),
    });
    const after = await anna.waitForMessage(
      (m) => m.message_id === report.message_id && m.text.includes("Email: not remembered"),
    );
    expect(labels(after)).toEqual(["🌍 Forget my time zone", "🗑 Delete everything"]);

    // The next booking asks for an email again, with no remembered one to tap.
    await pickTime(anna, await slotsPage(anna));
    await press(anna, "Use “Annabel Quist”");
    expect(labels(await shows(anna, "Give an email"))).toEqual(["Skip", "✖️ Cancel"]);
  });

  it("in Russian: the help reply's Privacy button opens it; Forget my time zone makes the next /book ask again", async () => {
    const boris = await joined(world, 7_100_000_002, { first_name: "Борис", language_code: "ru" });
    boris.command("book");
    await shows(boris, "часовом поясе");
    await press(boris, /^Москва/);
    await shows(boris, /^Свободное время/);
    boris.command("cancel");
    await shows(boris, "Запись прервана");

    boris.command("help");
    const help = await shows(boris, "Команды");
    expect(help.text).toContain("/privacy — что бот о вас хранит");
    await press(boris, "🔒 Приватность", help);
    const report = await shows(boris, "Что бот хранит о вас");
    expect(report.text).toContain("Язык: русский");
    expect(report.text).toContain("Часовой пояс: Москва (UTC+3)");
    expect(report.text).toContain("Email: не запомнен");
    expect(report.text).toContain("Никогда — ваш Telegram ID или username");
    const q = boris.tapButton("🌍 Забыть мой часовой пояс", report);
    expect((await boris.waitForCallbackAnswer(q)).text).toMatch(/часовой пояс забыт/);
    await boris.waitForMessage(
      (m) => m.message_id === report.message_id && /Часовой пояс: не сохранён/.test(m.text),
    );

    boris.command("book");
    await shows(boris, "часовом поясе");
  });

  it("a Forget tapped while the bot was down (its query too old by then) still forgets, shown in the message", async () => {
    const ola = await joined(world, 7_100_000_005, { first_name: "Ola", language_code: "en" });
    await bookEnglish(ola, "Ola", "ola.n@mail.ru");
    ola.command("privacy");
    const report = await shows(ola, "What the bot keeps about you");
    world.tg.botDown();
    ola.tapButton("✉️ Forget my email", report);
    world.tg.botUp();
    await ola.waitForMessage(
      (m) => m.message_id === report.message_id && m.text.includes("Email: not remembered"),
    );
  });

  it("a stranger sees what a request stores, in their language; a declined one sees that too", async () => {
    const cleo = world.tg.user(7_100_000_003, { first_name: "Cleo", language_code: "en" });
    cleo.start();
    await cleo.waitForReply((m) => m.text.includes("7100000003"));
    cleo.command("privacy");
    const en = await shows(cleo, "What the bot keeps about you");
    expect(en.text).toContain("When you ask for access, the bot stores your Telegram ID");
    expect(en.text).toContain("Telegram ID 7100000003; name: Cleo");
    expect(en.text).toMatch(/Your access request: waiting for the admin since \d/);
    expect(labels(en)).toEqual(["🗑 Delete everything"]);

    const dima = world.tg.user(7_100_000_004, { first_name: "Дима", language_code: "ru" });
    dima.start();
    await dima.waitForReply((m) => m.text.includes("7100000004"));
    admin().command("reject", "7100000004");
    await dima.waitForMessage((m) => /отклонил/.test(m.text));
    dima.command("privacy");
    const ru = await shows(dima, "Что бот хранит о вас");
    expect(ru.text).toContain("Когда вы запрашиваете доступ, бот сохраняет");
    expect(ru.text).toContain("Ваш запрос на доступ: отклонён");
  });
});

describe("Delete everything", () => {
  it("asks first, cancels the upcoming meetings at Cal.com only when told, then leaves no row naming the member but the reduced audit", async () => {
    const id = 7_200_000_001;
    const eve = await joined(world, id, {
      first_name: "Evelina",
      last_name: "Zorkaya",
      username: "evelina_z",
      language_code: "en",
    });
    await bookEnglish(eve, "Evelina Zorkaya", "evelina.z@mail.ru");
    await bookEnglish(eve, "Evelina Zorkaya"); // skipped email: a fallback tag
    await world.app.reminders.tick(); // reminders planned for both meetings
    eve.command("book"); // a dialog left open
    await shows(eve, /^Free times/);
    await settled(world);

    const needles = [id, "Evelina", "Zorkaya", "evelina_z", "evelina.z@mail.ru"];
    const before = rowsNaming(world.app.db, needles);
    const named = new Set(before.hits.map((h) => h.table));
    for (const table of ["users", "access_requests", "user_preferences", "bookings", "booking_attempts"]) {
      expect(named).toContain(table);
    }
    expect(named).toContain("calcom_email_tags");
    expect(named).toContain("conversations");
    const reminderCount = () =>
      (world.app.db.prepare("SELECT COUNT(*) AS n FROM reminders").get() as { n: number }).n;
    expect(reminderCount()).toBeGreaterThan(0);

    eve.command("privacy");
    await shows(eve, "What the bot keeps about you");
    await press(eve, "🗑 Delete everything");
    const ask = await shows(eve, "You have 2 upcoming meetings");
    expect(ask.text).toContain("cancels nothing at Cal.com unless you say so");
    expect(labels(ask)).toEqual([
      "Cancel 2 meetings, delete all",
      "Keep meetings, delete the rest",
      "‹ Back",
    ]);
    expect(calBookings(world).every((b) => b.status === "accepted")).toBe(true);

    await press(eve, "Cancel 2 meetings, delete all", ask);
    await shows(eve, "Your 2 meetings are cancelled at Cal.com");
    await settled(world);
    expect(calBookings(world).map((b) => b.status)).toEqual(["cancelled", "cancelled"]);

    const after = rowsNaming(world.app.db, needles);
    expect(after.tables).toEqual(before.tables);
    expect(after.hits.length).toBeGreaterThan(0); // the approval in the audit
    expectOnlyReducedAudit(after.hits, id);
    expect(reminderCount()).toBe(0);

    await admin().waitForMessage(
      (m) => m.text.includes(`deleted everything the bot kept`) && m.text.includes(String(id)),
    );

    // A stranger again: /start asks for access anew.
    eve.start();
    await eve.waitForReply((m) => m.text.includes("sent an access request"));
  });

  it("Keep meetings: Cal.com keeps them, the bot forgets them (no reminder follows)", async () => {
    const id = 7_200_000_002;
    const fay = await joined(world, id, { first_name: "Faina", language_code: "en" });
    await bookEnglish(fay, "Faina");
    const [booking] = calBookings(world);
    fay.command("privacy");
    await shows(fay, "What the bot keeps about you");
    await press(fay, "🗑 Delete everything");
    await shows(fay, "You have 1 upcoming meeting");
    await press(fay, "Keep meetings, delete the rest");
    await shows(fay, "everything the bot kept about you is deleted");
    await settled(world);
    expect(calBookings(world)[0]?.status).toBe("accepted");
    expectOnlyReducedAudit(rowsNaming(world.app.db, [id, "Faina"]).hits, id);

    world.clock.advance(Date.parse(String(booking?.start)) - 3_600_000 + 60_000 - world.clock.now());
    await world.app.reminders.tick();
    expect(fay.messages().filter((m) => m.text.startsWith("⏰"))).toHaveLength(0);
  });

  it("in Russian, without meetings: one question, Back deletes nothing, Yes deletes", async () => {
    const id = 7_200_000_003;
    const gleb = await joined(world, id, { first_name: "Глеб", language_code: "ru" });
    gleb.command("privacy");
    await shows(gleb, "Что бот хранит о вас");
    await press(gleb, "🗑 Удалить всё");
    const ask = await shows(gleb, "Удалить всё, что бот о вас хранит?");
    expect(labels(ask)).toEqual(["Да, удалить всё", "‹ Назад"]);
    await press(gleb, "‹ Назад", ask);
    await shows(gleb, "ничего не удалено");
    expect(rowsNaming(world.app.db, [id]).hits.some((h) => h.table === "users")).toBe(true);

    gleb.command("privacy");
    await shows(gleb, "Что бот хранит о вас");
    await press(gleb, "🗑 Удалить всё");
    await shows(gleb, "Удалить всё, что бот о вас хранит?");
    await press(gleb, "Да, удалить всё");
    await shows(gleb, "всё, что бот о вас хранил, удалено");
    await settled(world);
    expectOnlyReducedAudit(rowsNaming(world.app.db, [id, "Глеб"]).hits, id);
    gleb.command("book");
    await shows(gleb, "нет доступа");
  });

  it("erased mid-dialog after a 'Start over?': that question goes too (English)", async () => {
    const id = 7_200_000_009;
    const hana = await joined(world, id, { first_name: "Hana", language_code: "en" });
    hana.command("book");
    await shows(hana, "Which time zone");
    hana.command("book");
    await shows(hana, "Start over?");
    hana.command("privacy");
    await press(hana, "🗑 Delete everything", await shows(hana, "What the bot keeps about you"));
    await press(hana, "Yes, delete everything", await shows(hana, "Delete everything the bot keeps"));
    await shows(hana, "everything the bot kept about you is deleted");
    await settled(world);
    expectOnlyReducedAudit(rowsNaming(world.app.db, [id, "Hana"]).hits, id);
  });

  it("when Cal.com cannot cancel, nothing is deleted and the member is told", async () => {
    const id = 7_200_000_004;
    const hana = await joined(world, id, { first_name: "Hana", language_code: "en" });
    await bookEnglish(hana, "Hana");
    world.cal.inject("cancelBooking", { type: "status", status: 503 }, 10);
    hana.command("privacy");
    await shows(hana, "What the bot keeps about you");
    await press(hana, "🗑 Delete everything");
    await shows(hana, "You have 1 upcoming meeting");
    await press(hana, "Cancel the meeting, delete all");
    await shows(hana, "Nothing was deleted", 15_000);
    await settled(world);
    const left = new Set(rowsNaming(world.app.db, [id]).hits.map((h) => h.table));
    expect(left).toContain("users");
    expect(left).toContain("bookings");
    hana.command("mybookings");
    await shows(hana, "Your upcoming meetings");
  });

  it("a declined person who deletes their data stays declined, and the admin is not asked again", async () => {
    const id = 7_200_000_005;
    const ivan = world.tg.user(id, { first_name: "Ivan", language_code: "en" });
    ivan.start();
    await admin().waitForMessage((m) => m.text.includes(`/approve ${id}`));
    admin().command("reject", String(id));
    await ivan.waitForMessage((m) => /declined/.test(m.text));
    ivan.command("privacy");
    await shows(ivan, "What the bot keeps about you");
    await press(ivan, "🗑 Delete everything");
    await shows(ivan, "Delete everything the bot keeps about you?");
    await press(ivan, "Yes, delete everything");
    await shows(ivan, "everything the bot kept about you is deleted");
    await settled(world);
    expectOnlyReducedAudit(rowsNaming(world.app.db, [id, "Ivan"]).hits, id);

    ivan.start();
    await ivan.waitForReply((m) => /declined/.test(m.text));
    await settled(world);
    expect(
      admin()
        .messages()
        .filter((m) => m.text.includes(`/approve ${id}`)),
    ).toHaveLength(1);
    await waitFor(() =>
      admin()
        .messages()
        .some((m) => m.text.includes("deleted everything")),
    );
  });
});

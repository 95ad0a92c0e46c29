/**
 * Cal.com down when the bot starts (issue 10 item 6): the bot starts anyway — access, admin
 * commands, /mybookings from its records — tells the admins once, answers "the calendar isn't
 * answering" with a Retry where Cal.com is needed, and recovers by itself once Cal.com answers.
 */
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  bookFirst,
  calBookings,
  labels,
  member,
  pickTime,
  press,
  shows,
  timeButtons,
} from "./booking-helpers.js";
import { ADMIN_ID, startWorld, type World } from "./harness.js";

const RU_ADMIN = 900_002;
let world: World;
beforeEach(async () => {
  world = await startWorld({ env: { ADMIN_TELEGRAM_ID: `${ADMIN_ID},${RU_ADMIN}` } });
  const ru = world.tg.user(RU_ADMIN, { first_name: "Спонсор", language_code: "ru" });
  ru.start();
  await ru.waitForReply((m) => m.text.includes("админ"));
});
afterEach(async () => {
  await world.close();
});

const admin = () => world.tg.user(ADMIN_ID);
const ruAdmin = () => world.tg.user(RU_ADMIN);

describe("Cal.com unreachable at start-up", () => {
  it("with a remembered event type: starts, answers /start and /mybookings at once, offers Retry for booking, books once Cal.com is back", async () => {
    const una = await member(world, 880, { first_name: "Una", language_code: "en" });
    await bookFirst(una, "Una");
    await world.restart(() => world.cal.setOutage("refused"));

    await admin().waitForMessage((m) => m.text.includes("Cal.com isn't answering"));
    await ruAdmin().waitForMessage((m) => m.text.includes("Cal.com не отвечает"));

    const began = Date.now();
    una.command("start");
    await una.waitForReply((m) => /Hello, Una/.test(m.text));
    expect(Date.now() - began).toBeLessThan(2_000);
    una.command("mybookings");
    const list = await shows(una, "Your upcoming meetings");
    expect(list.buttons.length).toBeGreaterThan(0);

    una.command("book");
    const down = await shows(una, "The calendar isn't answering right now.");
    expect(labels(down)).toContain("🔄 Retry");

    await world.cal.setOutage(false);
    await admin().waitForMessage((m) => m.text.includes("Cal.com is answering again"));
    await ruAdmin().waitForMessage((m) => m.text.includes("Cal.com снова отвечает"));
    await press(una, "🔄 Retry");
    const slots = await shows(una, /^Free times/);
    expect(timeButtons(slots).length).toBeGreaterThan(0);
    expect(
      admin()
        .messages()
        .filter((m) => m.text.includes("Cal.com isn't answering")),
    ).toHaveLength(1);
  });

  it("bookings but no remembered event type (the first start of this version, or a new CALCOM_EVENT_TYPE_ID): Move says the calendar isn't answering", async () => {
    const una = await member(world, 882, { first_name: "Una", language_code: "en" });
    await bookFirst(una, "Una");
    await world.restart(async () => {
      await world.cal.setOutage("refused");
      const db = new Database(world.env.DATABASE_PATH as string);
      db.prepare("DELETE FROM calcom_event_type").run(); // as before migration 031
      db.close();
    });
    await admin().waitForMessage((m) => m.text.includes("started for the first time"));
    una.command("mybookings");
    const list = await shows(una, "Your upcoming meetings");
    await press(una, /^🔁 Move/, list);
    const down = await shows(una, "The calendar isn't answering right now.");
    expect(labels(down)).toContain("🔄 Retry");
  });

  it("a first-ever start (nothing remembered): starts, says so to the admins, and books once Cal.com is back", async () => {
    await world.restart(async () => {
      await world.cal.setOutage("refused");
      world.env.DATABASE_PATH = join(world.dataDir, "fresh.db");
    });
    // A fresh database knows no one's language yet: the default (Russian) for both admins.
    await admin().waitForMessage((m) => m.text.includes("Бот запущен впервые"));
    await ruAdmin().waitForMessage((m) => m.text.includes("Бот запущен впервые"));
    // Admin commands work without an event type (/help used to read the unknown event type and fail).
    const helpMark = ruAdmin().mark();
    ruAdmin().command("help");
    const help = await ruAdmin().waitForMessage((m) => m.text.includes("/approve"), { since: helpMark });
    expect(help.text).not.toContain("пошло не так");

    const vera = await member(world, 881, { first_name: "Vera", language_code: "en" });
    ruAdmin().command("limit", "881 60");
    await ruAdmin().waitForMessage((m) => m.text.includes("длительности встреч пока неизвестны"), {
      since: helpMark,
    });
    vera.command("book");
    await shows(vera, "Which time zone");
    await press(vera, "Moscow (UTC+3)");
    await shows(vera, "The calendar isn't answering right now.");

    await world.cal.setOutage(false);
    // The English admin has written since (approving Vera): their language is known again.
    await admin().waitForMessage((m) => m.text.includes("Cal.com is answering again"));
    await ruAdmin().waitForMessage((m) => m.text.includes("Cal.com снова отвечает"));
    await press(vera, "🔄 Retry");
    await pickTime(vera, await shows(vera, /^Free times/));
    await press(vera, "Use “Vera”");
    await shows(vera, "Give an email");
    await press(vera, "Skip");
    const summary = await shows(vera, "Please check:");
    // The length step found no event type then: the summary still says the meeting's length.
    expect(summary.text).toContain("⏱ 60 min");
    await press(vera, "✅ Confirm");
    await shows(vera, "Done, you're booked!");
    expect(calBookings(world).filter((b) => b.status === "accepted")).toHaveLength(1);
  });
});

describe("a first-ever start with Cal.com unreachable, on an event type of several lengths", () => {
  it("Russian: once Cal.com is back, the member is asked the length before the times (not booked at a length never asked)", async () => {
    await world.close();
    world = await startWorld({
      env: { ADMIN_TELEGRAM_ID: `${ADMIN_ID},${RU_ADMIN}` },
      calcom: { eventTypes: [{ lengthInMinutes: 60, lengthInMinutesOptions: [30, 60, 90] }] },
    });
    await world.restart(async () => {
      await world.cal.setOutage("refused");
      world.env.DATABASE_PATH = join(world.dataDir, "fresh.db");
    });
    await admin().waitForMessage((m) => m.text.includes("Бот запущен впервые"));
    const lev = await member(world, 882, { first_name: "Лев", language_code: "ru" });
    lev.command("book");
    await shows(lev, "В каком вы часовом поясе?");
    await press(lev, /^Москва/);
    await shows(lev, "Календарь сейчас не отвечает.");
    await world.cal.setOutage(false);
    await admin().waitForMessage((m) => m.text.includes("Cal.com is answering again"));
    await press(lev, "🔄 Повторить");
    const first = await shows(lev, /^Свободное время/);
    await press(lev, timeButtons(first)[0]?.text ?? "", first);
    const ask = await shows(lev, "Сколько должна длиться встреча?");
    expect(labels(ask)).toEqual(["30 мин", "60 мин", "90 мин", "✖️ Отмена"]);
    await press(lev, "90 мин", ask);
    const slots = await shows(lev, /^Свободное время/);
    expect(world.cal.requestsOf("getSlots").at(-1)?.query.duration).toBe("90");
    await press(lev, timeButtons(slots)[0]?.text ?? "", slots);
    await shows(lev, "Как вас записать?");
    await press(lev, "Использовать «Лев»");
    await shows(lev, "Укажите email");
    await press(lev, "Пропустить");
    expect((await shows(lev, "Проверьте")).text).toContain("⏱ 90 мин");
  });
});

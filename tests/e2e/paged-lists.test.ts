/**
 * Every list fits Telegram's limits by paging (SPEC §6): a page is at most 4,096 characters and
 * 100 buttons, with ‹ › and "Page n of m"; a page is read again from the bot's records when paged
 * to, so it is current; the title counts the whole list.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { FakeUser } from "../../fakes/telegram/users.js";
import type { MessageView } from "../../fakes/telegram/views.js";
import { BookingsRepo } from "../../src/db/bookings.js";
import { member, press, shows } from "./booking-helpers.js";
import { ADMIN_ID, startWorld, type World, type WorldOptions } from "./harness.js";

const HOUR = 3_600_000;
let world: World;
afterEach(async () => {
  await world.close();
});
const open = async (options: WorldOptions = {}) => {
  world = await startWorld(options);
};
const admin = () => world.tg.user(ADMIN_ID);

/**
 * `n` upcoming bookings of one member, hourly from tomorrow. Fifty bookings through the dialog
 * would take a minute; they are written where the dialog writes them: at Cal.com and in the bot's
 * records of what it booked.
 */
function seedBookings(telegramId: number, n: number, name: (i: number) => string): void {
  const repo = new BookingsRepo(world.app.db);
  const now = new Date(world.clock.now()).toISOString();
  for (let i = 0; i < n; i++) {
    const start = world.clock.now() + 24 * HOUR + i * HOUR;
    const attendee = {
      name: name(i),
      email: `m${telegramId}@mail.ru`,
      timeZone: "Europe/Moscow",
      language: "en",
    };
    const b = world.cal.state.addBooking({ start, attendee });
    repo.upsert(
      {
        uid: b.uid,
        telegramId,
        reference: undefined,
        startUtc: new Date(b.start).toISOString(),
        endUtc: new Date(b.end).toISOString(),
        status: "accepted",
        attendeeName: attendee.name,
        attendeeEmail: attendee.email,
        timeZone: "Europe/Moscow",
        language: "en",
        location: b.location ?? undefined,
        rescheduledFromUid: undefined,
      },
      now,
    );
  }
}

const buttonCount = (m: MessageView) => m.buttons.length;
const codePoints = (s: string) => [...s].length;

/** Pages through a list with › from its first page; returns every page as shown. */
async function allPages(user: FakeUser, first: MessageView, pageOf: (n: number, m: number) => string) {
  const pages = [first];
  for (;;) {
    const page = pages.at(-1) as MessageView;
    expect(codePoints(page.text)).toBeLessThanOrEqual(4096);
    expect(buttonCount(page)).toBeLessThanOrEqual(100);
    if (!page.buttons.some((b) => b.text === "›")) return pages;
    const total = Number(/ (\d+)$/.exec(page.text)?.[1]);
    await press(user, "›", page);
    const next = await shows(user, pageOf(pages.length + 1, total));
    expect(next.message_id).toBe(first.message_id); // paged in place
    pages.push(next);
  }
}
const pageOfEn = (n: number, m: number) => `Page ${n} of ${m}`;
const pageOfRu = (n: number, m: number) => `Страница ${n} из ${m}`;

describe("lists bigger than one message", () => {
  it("/mybookings of an admin with 51 meetings (102 Move/Cancel buttons) pages, ‹ goes back", async () => {
    await open();
    seedBookings(ADMIN_ID, 51, () => "Sponsor");
    admin().command("mybookings");
    const first = await shows(admin(), "Your upcoming meetings:");
    expect(first.text).toContain(pageOfEn(1, 6));
    const pages = await allPages(admin(), first, pageOfEn);
    expect(pages).toHaveLength(6);
    const moves = pages.flatMap((p) => p.buttons.filter((b) => b.text.startsWith("🔁 Move")));
    expect(new Set(moves.map((b) => b.callback_data)).size).toBe(51);
    await press(admin(), "‹", pages.at(-1));
    await shows(admin(), pageOfEn(5, 6));
  });

  it("a member's /mybookings pages in Russian, and a page shows the bookings as they are now", async () => {
    await open({ env: { MAX_UPCOMING_BOOKINGS_PER_USER: "20" } });
    const olga = await member(world, 1501, { first_name: "Ольга", language_code: "ru" });
    seedBookings(1501, 12, () => "Ольга");
    olga.command("mybookings");
    const first = await shows(olga, "Ваши предстоящие встречи:");
    expect(first.text).toContain(pageOfRu(1, 2));
    expect(first.buttons.filter((b) => b.text.startsWith("✖️ Отменить"))).toHaveLength(10);
    // One of page 2's meetings is cancelled on the calendar before the member pages to it.
    const last = [...world.cal.state.bookings.values()].sort((a, b) => b.start - a.start)[0];
    if (last) last.status = "cancelled";
    await press(olga, "›", first);
    const second = await shows(olga, pageOfRu(2, 2));
    expect(second.text).toContain("Эта встреча изменилась в календаре");
    expect(second.buttons.filter((b) => b.text.startsWith("✖️ Отменить"))).toHaveLength(1);
  });

  it("/bookings names every one of 120 bookings across its pages under a title that counts them all", async () => {
    await open();
    seedBookings(1502, 120, (i) => `Участница номер ${i + 1} с довольно длинным именем`);
    admin().command("bookings");
    const first = await shows(admin(), "Upcoming bookings: 120");
    const pages = await allPages(admin(), first, pageOfEn);
    const lines = pages.flatMap((p) => p.text.split("\n").filter((l) => l.startsWith("• ")));
    expect(lines).toHaveLength(120);
    for (let i = 1; i <= 120; i++) {
      expect(lines.filter((l) => l.includes(`номер ${i} с`))).toHaveLength(1);
    }
  });

  it("/pending pages with ✅ / ❌ for every request; deciding on a page shows that page again, current", async () => {
    await open();
    for (let i = 1; i <= 25; i++) {
      const s = world.tg.user(1600 + i, { first_name: `Stranger ${i}`, language_code: "en" });
      s.start();
      await admin().waitForMessage((m) => m.text.includes(`/approve ${1600 + i}`));
    }
    admin().command("pending");
    const first = await shows(admin(), "Waiting for a decision: 25");
    const pages = await allPages(admin(), first, pageOfEn);
    expect(pages).toHaveLength(3);
    const approves = pages.flatMap((p) => p.buttons.filter((b) => b.text.startsWith("✅")));
    expect(approves).toHaveLength(25);

    await press(admin(), "✅ Stranger 25", pages[2]);
    await world.tg.user(1625).waitForMessage((m) => m.text.startsWith("You're in!"));
    const after = await shows(admin(), "Waiting for a decision: 24");
    expect(after.message_id).toBe(first.message_id);
    expect(after.text).toContain(pageOfEn(3, 3));
    expect(after.text).not.toContain("Stranger 25");
    expect(after.buttons.filter((b) => b.text.startsWith("✅"))).toHaveLength(4);
  });

  it("/users pages", async () => {
    await open();
    for (let i = 1; i <= 12; i++) admin().command("approve", String(1700 + i));
    await admin().waitForMessage((m) => m.text.includes("1712") && /Approved/.test(m.text));
    admin().command("users");
    const first = await shows(admin(), "Approved members: 12");
    const pages = await allPages(admin(), first, pageOfEn);
    expect(pages.map((p) => p.text.split("\n").filter((l) => l.startsWith("• ")).length)).toEqual([10, 2]);
  });
});

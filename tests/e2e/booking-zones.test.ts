/**
 * Time zones and the times shown in them (SPEC §3 "Booking" 1 and 2): the Russian zones, a typed
 * zone or city, the saved zone, conversion from Cal.com's UTC slots, paging, loading and the cache.
 */

import { DateTime } from "luxon";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  DAY_MS,
  firstDay,
  freeStarts,
  labels,
  localHeader,
  localLabel,
  member,
  openSlots,
  pickTime,
  press,
  shows,
  slotOf,
  timeButtons,
} from "./booking-helpers.js";
import { startWorld, type World } from "./harness.js";

let world: World;
beforeEach(async () => {
  world = await startWorld();
});
afterEach(async () => {
  await world.close();
});

describe("time zones and times", () => {
  it("times are the fake's UTC slots converted to the chosen zone (Vladivostok, UTC+10), crossing midnight correctly", async () => {
    const vlad = await member(world, 710, { first_name: "Vlad", language_code: "en" });
    const slots = await openSlots(vlad, "Vladivostok (UTC+10)");
    expect(slots.text).toMatch(/^Free times \(Vladivostok \(UTC\+10\)\)/);
    const shown = timeButtons(slots).map((b) => ({ label: b.text, at: slotOf(b.callback_data), row: b.row }));
    // Exactly the fake's free starts, in order (allowing for one slot passing the notice boundary meanwhile).
    const expected = freeStarts(world);
    const from = expected.indexOf(shown[0]?.at ?? -1);
    expect(from).toBeGreaterThanOrEqual(0);
    expect(from).toBeLessThanOrEqual(1);
    expect(shown.map((s) => s.at)).toEqual(expected.slice(from, from + shown.length));
    for (const s of shown) expect(s.label).toBe(localLabel(s.at, "Asia/Vladivostok"));
    // The fake's working day starts 09:00 UTC: that is 19:00 in Vladivostok.
    const nine = shown.find((s) => new Date(s.at).getUTCHours() === 9);
    expect(nine?.label).toBe("19:00");
    // 14:00 UTC is midnight in Vladivostok: listed under the next local day.
    const fourteen = shown.find((s) => new Date(s.at).getUTCHours() === 14);
    if (fourteen) {
      expect(fourteen.label).toBe("00:00");
      const header = slots.buttons.filter((b) => b.text.startsWith("📅") && b.row < fourteen.row).at(-1);
      expect(header?.text).toBe(localHeader(fourteen.at, "Asia/Vladivostok", "en"));
      expect(header?.text).toBe(localHeader(fourteen.at - 10 * 3_600_000 + DAY_MS, "UTC", "en"));
    }
    expect(firstDay(slots).header).toBe(localHeader(shown[0]?.at ?? 0, "Asia/Vladivostok", "en"));

    // The summary says the same local time and zone.
    const picked = await pickTime(vlad, slots, 0);
    await press(vlad, "Use “Vlad”");
    await shows(vlad, "Give an email");
    await press(vlad, "Skip");
    const summary = await shows(vlad, "Please check:");
    expect(summary.text).toContain(`, ${localLabel(picked, "Asia/Vladivostok")}`);
    expect(summary.text).toContain("Vladivostok (UTC+10)");
  });

  it("the saved zone is used next time, with Change time zone offered; a new choice is saved", async () => {
    const ira = await member(world, 711, { first_name: "Ira", language_code: "en" });
    await openSlots(ira, "Irkutsk (UTC+8)");
    await press(ira, "✖️ Cancel");
    await shows(ira, "Booking stopped.");

    ira.command("book");
    const slots = await shows(ira, /^Free times \(Irkutsk \(UTC\+8\)\)/);
    expect(labels(slots)).toContain("🌍 Change time zone");
    await press(ira, "🌍 Change time zone");
    const zones = await shows(ira, "Which time zone are you in?");
    expect(zones.message_id).toBe(slots.message_id);
    await press(ira, "Omsk (UTC+6)");
    const omsk = await shows(ira, /^Free times \(Omsk \(UTC\+6\)\)/);
    for (const b of timeButtons(omsk)) expect(b.text).toBe(localLabel(slotOf(b.callback_data), "Asia/Omsk"));
    await press(ira, "✖️ Cancel");
    await shows(ira, "Booking stopped.");

    ira.command("book");
    await shows(ira, /^Free times \(Omsk \(UTC\+6\)\)/);
  });

  it("Other…: an IANA zone or a city is accepted, junk is refused with a clear message and the question stays", async () => {
    const max = await member(world, 712, { first_name: "Max", language_code: "en" });
    max.command("book");
    await shows(max, "Which time zone are you in?");
    await press(max, "Other…");
    const ask = await shows(max, "Type a time zone like Europe/Berlin, or a city:");
    expect(ask.text).toContain("Tbilisi");
    expect(labels(ask)).toEqual(["‹ Back", "✖️ Cancel"]);

    for (const junk of ["Mars/Olympus_Mons", "asdf", "UTC+25"]) {
      max.send(junk);
      const refused = await shows(max, "I don't recognise that time zone.");
      expect(refused.text).toContain("Europe/Berlin");
      expect(labels(refused)).toEqual(["‹ Back", "✖️ Cancel"]);
    }
    max.send("Tbilisi");
    const tbilisi = await shows(max, /^Free times \(Asia\/Tbilisi \(UTC\+4\)\)/);
    for (const b of timeButtons(tbilisi))
      expect(b.text).toBe(localLabel(slotOf(b.callback_data), "Asia/Tbilisi"));

    await press(max, "🌍 Change time zone");
    await shows(max, "Which time zone are you in?");
    await press(max, "Other…");
    await shows(max, "Type a time zone");
    max.send("europe/berlin");
    const offset = DateTime.now().setZone("Europe/Berlin").offset / 60;
    const berlin = await shows(max, `Free times (Europe/Berlin (UTC+${offset}))`);
    for (const b of timeButtons(berlin))
      expect(b.text).toBe(localLabel(slotOf(b.callback_data), "Europe/Berlin"));

    // Back from the typed-zone question returns to the buttons.
    await press(max, "🌍 Change time zone");
    await shows(max, "Which time zone are you in?");
    await press(max, "Other…");
    await shows(max, "Type a time zone");
    await press(max, "‹ Back");
    await shows(max, "Which time zone are you in?");
  });

  it("Other… in Russian: a city typed in Russian is accepted, junk refused in Russian", async () => {
    const lev = await member(world, 713, { first_name: "Лев", language_code: "ru" });
    lev.command("book");
    await shows(lev, "В каком вы часовом поясе?");
    await press(lev, "Другой…");
    await shows(lev, "Напишите часовой пояс в формате Europe/Berlin или город:");
    lev.send("Нарния");
    await shows(lev, "Не узнаю такой часовой пояс.");
    lev.send("Ереван");
    await shows(lev, /^Свободное время \(Asia\/Yerevan \(UTC\+4\)\)/);
  });

  it("paging: More dates shows the next days, Back returns to the first page", async () => {
    const pam = await member(world, 714, { first_name: "Pam", language_code: "en" });
    const page1 = await openSlots(pam);
    const pages = Number(/page 1 of (\d+)/.exec(page1.text)?.[1]);
    expect(pages).toBeGreaterThan(1);
    const days1 = page1.buttons.filter((b) => b.text.startsWith("📅")).map((b) => b.text);
    expect(days1.length).toBeGreaterThan(0);
    expect(days1.length).toBeLessThanOrEqual(3);
    expect(labels(page1)).not.toContain("‹ Back");

    await press(pam, "More dates ›");
    const page2 = await shows(pam, `page 2 of ${pages}`);
    expect(page2.message_id).toBe(page1.message_id);
    expect(labels(page2)).toEqual(expect.arrayContaining(["‹ Back", "🌍 Change time zone", "✖️ Cancel"]));
    const days2 = page2.buttons.filter((b) => b.text.startsWith("📅")).map((b) => b.text);
    expect(days2.some((d) => days1.includes(d))).toBe(false);
    // Page 2 continues right after page 1, in time order.
    const last1 = Math.max(...timeButtons(page1).map((b) => slotOf(b.callback_data)));
    const first2 = Math.min(...timeButtons(page2).map((b) => slotOf(b.callback_data)));
    const all = freeStarts(world);
    expect(all.indexOf(first2)).toBe(all.indexOf(last1) + 1);

    for (let p = 3; p <= pages; p++) {
      await press(pam, "More dates ›");
      await shows(pam, `page ${p} of ${pages}`);
    }
    expect(labels(pam.lastChanged() as never)).not.toContain("More dates ›");

    for (let p = pages - 1; p >= 1; p--) {
      await press(pam, "‹ Back");
      await shows(pam, `page ${p} of ${pages}`);
    }
    const back = pam.lastChanged();
    expect(back?.buttons.filter((b) => b.text.startsWith("📅")).map((b) => b.text)).toEqual(days1);

    // A time from a later page books that time.
    await press(pam, "More dates ›");
    const again2 = await shows(pam, `page 2 of ${pages}`);
    const picked = await pickTime(pam, again2, 0);
    expect(picked).toBe(first2);
  });
});

describe("availability", () => {
  it("shows “loading” in the dialog message while Cal.com answers, then the times in the same message", async () => {
    world.cal.setLatency(800, "getSlots");
    const zoe = await member(world, 735, { first_name: "Zoe", language_code: "en" });
    zoe.command("book");
    const zones = await shows(zoe, "Which time zone");
    // The prefetch /book started is still waiting for Cal.com when the zone is tapped.
    await press(zoe, "Moscow (UTC+3)");
    const slots = await shows(zoe, /^Free times/);
    expect(slots.message_id).toBe(zones.message_id);
    expect(slots.edits.map((e) => e.text)).toContain("Looking for free times…");
  });

  it("is fetched from Cal.com once for several users in different zones within the cache TTL", async () => {
    const people = await Promise.all([
      member(world, 730, { first_name: "Ann", language_code: "en" }),
      member(world, 731, { first_name: "Bob", language_code: "en" }),
      member(world, 732, { first_name: "Вера", language_code: "ru" }),
    ]);
    const zones = ["Moscow (UTC+3)", "Vladivostok (UTC+10)", "Калининград (UTC+2)"];
    const ianas = ["Europe/Moscow", "Asia/Vladivostok", "Europe/Kaliningrad"];
    for (const p of people) p.command("book");
    await Promise.all(people.map((p) => p.waitForReply((m) => m.buttons.length > 0)));
    await Promise.all(people.map((p, i) => press(p, zones[i] as string)));
    const pages = await Promise.all(people.map((p) => shows(p, /^(Free times|Свободное время)/)));
    pages.forEach((page, i) => {
      for (const b of timeButtons(page))
        expect(b.text).toBe(localLabel(slotOf(b.callback_data), ianas[i] as string));
    });
    expect(world.cal.counts.getSlots).toBe(1);

    // A fourth user a few minutes later, still within the TTL (300 s): no new request.
    world.clock.advance(4 * 60_000);
    const dan = await member(world, 733, { first_name: "Dan", language_code: "en" });
    await openSlots(dan, "Samara (UTC+4)");
    expect(world.cal.counts.getSlots).toBe(1);

    // Past the TTL the next user gets fresh availability.
    world.clock.advance(2 * 60_000);
    const eve = await member(world, 734, { first_name: "Eve", language_code: "en" });
    await openSlots(eve, "Omsk (UTC+6)");
    expect(world.cal.counts.getSlots).toBe(2);
  });
});

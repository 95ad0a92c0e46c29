/**
 * Event-type settings the bot cannot serve (issue 10 item 3), as the people see it: at start-up
 * the admins are told, once, which setting to change in Cal.com, and members get a clear "not
 * now" at /book instead of a failure at Confirm. Settings it adapts to are only logged.
 */
import { afterEach, describe, expect, it } from "vitest";
import { member, shows } from "./booking-helpers.js";
import { ADMIN_ID, startWorld, type World } from "./harness.js";

let world: World;
afterEach(async () => {
  await world.close();
});

describe("an event type the bot cannot serve", () => {
  it("a required question: the admin is told once (not again after a restart), members cannot start booking (EN and RU)", async () => {
    world = await startWorld({
      calcom: {
        eventTypes: [{ bookingFields: [{ slug: "city", type: "text", required: true, label: "City" }] }],
      },
      captureLogs: true,
      // The admin has not written yet: the notice comes in the default language.
      env: { DEFAULT_LANGUAGE: "en" },
    });
    const admin = world.tg.user(ADMIN_ID);
    const told = await admin.waitForMessage((m) => m.text.startsWith("⚠️ Members cannot book"));
    expect(told.text).toContain(
      "• a required booking question “City” the bot does not ask — Event Types → the event → Advanced → Booking questions: make it optional",
    );
    expect(
      world.logs.some((l) => l.includes('"verdict":"refuse"') && l.includes("Required booking question")),
    ).toBe(true);

    const en = await member(world, 6101, { first_name: "Ann", language_code: "en" });
    en.command("book");
    await shows(en, "Booking is not possible right now: the sponsor's calendar needs a setting changed.");
    const ru = await member(world, 6102, { first_name: "Оля", language_code: "ru" });
    ru.command("book");
    await shows(ru, "Сейчас записаться нельзя: в календаре спонсора нужно изменить настройку.");
    expect(world.cal.requestsOf("getSlots")).toHaveLength(0);
    expect(world.cal.counts.createBooking).toBe(0);

    await world.restart();
    await admin.command("start");
    await admin.waitForReply((m) => m.text.startsWith("Hello, Sponsor"));
    expect(admin.messages().filter((m) => m.text.startsWith("⚠️ Members cannot book"))).toHaveLength(1);
  });

  it("seats, in Russian (the default language): the notice names the setting", async () => {
    world = await startWorld({
      calcom: {
        eventTypes: [
          { seats: { seatsPerTimeSlot: 3, showAttendeeInfo: false, showAvailabilityCount: true } },
        ],
      },
    });
    const admin = world.tg.user(ADMIN_ID);
    const told = await admin.waitForMessage((m) => m.text.startsWith("⚠️ Участники не могут записаться"));
    expect(told.text).toContain(
      "• места (seats) — Event Types → встреча → Advanced: выключите «Offer seats»",
    );
  });

  it("settings it adapts to (several lengths, a notice, limits) do not close booking and tell nobody", async () => {
    world = await startWorld({
      calcom: {
        eventTypes: [
          {
            lengthInMinutes: 60,
            lengthInMinutesOptions: [30, 60],
            bookingLimitsCount: { day: 3 },
            disableCancelling: true,
          },
        ],
      },
      captureLogs: true,
    });
    const u = await member(world, 6201, { first_name: "Bo", language_code: "en" });
    u.command("book");
    await shows(u, "Which time zone");
    expect(
      world.logs.some((l) => l.includes('"setting":"bookingLimits"') && l.includes('"verdict":"adapt"')),
    ).toBe(true);
    expect(
      world.tg
        .user(ADMIN_ID)
        .messages()
        .some((m) => m.text.startsWith("⚠️")),
    ).toBe(false);
  });
});

/**
 * Replies of the shapes the real Cal.com emits but a tidy fake would not (issue 10 item 4):
 * an attendee's `language` null, a deleted event type (`eventType: null`), no location, and
 * seated and recurring bookings the same person made on the web (output.service.ts of
 * apps/api/v2/src/ee/bookings/2024-08-13). None of them may break /mybookings, a lookup after a
 * lost answer, or the reconcile.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { newSeat } from "../../fakes/calcom/state.js";
import { bookFirst, calBookings, DAY_MS, member, shows } from "./booking-helpers.js";
import { startWorld, type World } from "./harness.js";

let world: World;
beforeEach(async () => {
  world = await startWorld();
});
afterEach(async () => {
  await world.close();
});

/** The same person books on the web: a seated booking and two occurrences of a recurring one. */
function webBookingsOf(email: string, after: number): void {
  const attendee = { name: "Web Me", email, timeZone: "Europe/Moscow", language: "ru" };
  const at = (days: number) => Math.ceil((after + days * DAY_MS) / 3_600_000) * 3_600_000;
  world.cal.state.addBooking({ start: at(3), seats: [newSeat(attendee)], attendee });
  for (const d of [4, 11]) {
    world.cal.state.addBooking({ start: at(d), recurringBookingUid: "rec-web-1", attendee, metadata: {} });
  }
}

describe("Cal.com's real output shapes", () => {
  it("null language, deleted event type, no location, seated and recurring bookings: /mybookings and a lookup still work", async () => {
    const una = await member(world, 860, { first_name: "Una", language_code: "en" });
    const start = await bookFirst(una, "Una");
    const mine = calBookings(world).find((b) => b.start === start);
    if (!mine) throw new Error("no booking at the fake");
    world.cal.setOutputQuirks({ attendeeLanguageNull: true, eventTypeNull: true, location: "null" });
    webBookingsOf(mine.attendee.email, start);

    una.command("mybookings");
    const list = await shows(una, "Your upcoming meetings");
    expect(list.text).not.toContain("changed on the calendar");
    expect(list.buttons.map((b) => b.text)).toEqual([
      expect.stringMatching(/^🔁 Move/),
      expect.stringMatching(/^✖️ Cancel/),
    ]);

    // A lost answer: the lookup lists the member's bookings, odd ones among them, and finds the new one.
    world.cal.inject("createBooking", { type: "hang", afterCommit: true });
    await bookFirst(una, "Una", 1);
    expect(world.cal.counts.createBooking).toBe(2); // the first booking and this one, no re-send
  });
});

/**
 * What people must learn arrives, exactly once (SPEC §6 "outbox"): a booking's result and the
 * admins' notices survive Telegram errors and restarts, and are never sent twice.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { waitFor } from "../../fakes/support/wait.js";
import { Faults } from "../../fakes/telegram/index.js";
import { calBookings, member, press, shownSince, shows, toSummary } from "./booking-helpers.js";
import { ADMIN_ID, startWorld, type World } from "./harness.js";

let world: World;
beforeEach(async () => {
  world = await startWorld();
});
afterEach(async () => {
  await world.close();
});

const results = (texts: string[]) => texts.filter((t) => t.includes("Done, you're booked!"));

describe("a booking's result", () => {
  it("four 502s on the message that carries the result: the member is told once they pass, never 'something went wrong', and the admin is told", async () => {
    const zoe = await member(world, 700, { first_name: "Zoe", language_code: "en" });
    await toSummary(zoe, "Zoe");
    const mark = zoe.mark();
    // Whatever carries the result to the member (an edit of the summary, a new message, the file).
    world.tg.failNext("*", Faults.badGateway(), 4, (p) => {
      const text = String(p.text ?? p.caption ?? "");
      return p.chat_id === 700 && (text.includes("Done, you're booked!") || p.document !== undefined);
    });
    await press(zoe, "✅ Confirm");
    await waitFor(() => calBookings(world).length === 1, { description: "Cal.com to hold the booking" });
    // The sender backs off between tries (seconds on the bot's clock): let that time pass.
    await waitFor(
      () => {
        world.clock.advance(30_000);
        return results(shownSince(zoe, mark)).length > 0;
      },
      { timeoutMs: 10_000, description: "the result to reach the member" },
    );
    await world.tg.user(ADMIN_ID).waitForMessage((m) => m.text.includes("New booking: Zoe"));
    const shown = shownSince(zoe, mark);
    expect(shown.filter((t) => /something went wrong/i.test(t))).toEqual([]);
    expect(results(shown)).toHaveLength(1);
    expect(calBookings(world)).toHaveLength(1);
  });
});

describe("admin notices", () => {
  it("notices the admin chat could not take yet survive a restart, and arrive merged into one message", async () => {
    const admin = world.tg.user(ADMIN_ID);
    const people = [
      { user: await member(world, 710, { first_name: "Ann", language_code: "en" }), name: "Ann" },
      { user: await member(world, 711, { first_name: "Bob", language_code: "en" }), name: "Bob" },
      { user: await member(world, 712, { first_name: "Cid", language_code: "en" }), name: "Cid" },
    ];
    // The admin's chat cannot be reached for now (Telegram's edge answers 502), so notices wait.
    world.tg.failNext("*", Faults.badGateway(), 1000, (p) => p.chat_id === ADMIN_ID);
    for (const { user, name } of people) {
      await toSummary(user, name);
      await press(user, "✅ Confirm");
      await shows(user, "Done, you're booked!");
    }
    await world.restart();
    const mark = admin.mark();
    world.tg.clearFaults();
    await waitFor(
      () => {
        world.clock.advance(60_000);
        return admin.messagesSince(mark).some((m) => m.text.includes("Cid"));
      },
      { timeoutMs: 10_000, description: "the admin to get the notices" },
    );
    const notices = admin.messagesSince(mark).filter((m) => m.text.includes("New booking"));
    expect(notices).toHaveLength(1);
    for (const name of ["Ann", "Bob", "Cid"]) expect(notices[0]?.text).toContain(`New booking: ${name}`);
  });
});

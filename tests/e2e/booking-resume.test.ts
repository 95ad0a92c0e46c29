/**
 * The dialog over time (SPEC §3 "Anywhere"): it survives a restart of the bot at any step, and it
 * ends silently after CONVERSATION_TIMEOUT_MINUTES of silence (the injected clock, never a sleep).
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { MessageView } from "../../fakes/telegram/views.js";
import {
  calBookings,
  dialogData,
  expectStale,
  member,
  openSlots,
  pickTime,
  press,
  STALE,
  settled,
  shownSince,
  shows,
  steps,
  toSummary,
} from "./booking-helpers.js";
import { startWorld, type World } from "./harness.js";

let world: World;
beforeEach(async () => {
  world = await startWorld();
});
afterEach(async () => {
  await world.close();
});

describe("a restart of the bot", () => {
  it("at every step, the dialog continues where the user was, and books once", async () => {
    const zoe = await member(world, 950, { first_name: "Zoe", language_code: "en" });
    zoe.command("book");
    await shows(zoe, "Which time zone");
    await world.restart();
    await press(zoe, "Vladivostok (UTC+10)");
    const slots = await shows(zoe, /^Free times \(Vladivostok/);
    await world.restart();
    await press(zoe, "More dates ›");
    const page2 = await shows(zoe, /page 2 of/);
    await world.restart();
    await pickTime(zoe, page2);
    await world.restart();
    zoe.send("Zoe Restart");
    await shows(zoe, "Give an email");
    await world.restart();
    await press(zoe, "Skip");
    const summary = await shows(zoe, "Please check:");
    expect(summary.text).toContain("👤 Zoe Restart");
    expect(summary.text).toContain("Vladivostok (UTC+10)");
    await world.restart();
    await press(zoe, "✅ Confirm");
    await shows(zoe, "Done, you're booked!");
    expect(calBookings(world)).toHaveLength(1);
    expect(calBookings(world)[0]?.attendee.name).toBe("Zoe Restart");
    expect(slots.message_id).toBe(page2.message_id);
  });

  it("a stale button stays stale after a restart", async () => {
    const zoe = await member(world, 951, { first_name: "Zoe", language_code: "en" });
    zoe.command("book");
    const zones = await shows(zoe, "Which time zone");
    const old = dialogData(zones);
    await press(zoe, "Moscow (UTC+3)");
    await shows(zoe, /^Free times/);
    await world.restart();
    await expectStale(zoe, zones.message_id, old.slice(0, 2));
    await press(zoe, "More dates ›");
    await shows(zoe, /page 2 of/);
  });

  it("a Start-over question asked before a restart can still be answered after it", async () => {
    const zoe = await member(world, 952, { first_name: "Zoe", language_code: "en" });
    await steps.name?.(zoe, "Zoe");
    zoe.start();
    await shows(zoe, "Start over?");
    await world.restart();
    await press(zoe, "No, carry on");
    await shows(zoe, "Carrying on where we were.");
    zoe.send("Zoe After");
    await shows(zoe, "Give an email");
  });

  it("after a restart, only the last Start-over question is live: older ones, and one from an earlier dialog, stay stale", async () => {
    const zoe = await member(world, 953, { first_name: "Zoe", language_code: "en" });
    await steps.slots?.(zoe, "Zoe");
    zoe.start();
    const earlier = await shows(zoe, "Start over?");
    await press(zoe, "✖️ Cancel"); // the first dialog ends by its own button; the question stays
    await shows(zoe, "Booking stopped.");
    zoe.command("book");
    const current = await shows(zoe, /^Free times/); // a new dialog (the zone is saved now)
    zoe.start();
    const older = await shows(zoe, "Start over?");
    zoe.command("book");
    const last = await shows(zoe, "Start over?");
    expect(last.message_id).not.toBe(older.message_id);
    await world.restart();

    const data = (m: MessageView) => m.buttons.map((b) => b.callback_data ?? "");
    await expectStale(zoe, earlier.message_id, data(earlier));
    await expectStale(zoe, older.message_id, data(older));
    await press(zoe, "No, carry on", last);
    await shows(zoe, "Carrying on where we were.");
    await expectStale(zoe, last.message_id, data(last)); // answered: a second tap is stale too
    await pickTime(zoe, current);
    expect(calBookings(world)).toHaveLength(0);
  });
});

describe("the idle timeout", () => {
  it("ends the dialog silently; its buttons then get the stale alert, and /book starts afresh", async () => {
    const zoe = await member(world, 960, { first_name: "Zoe", language_code: "en" });
    const { summary } = await toSummary(zoe, "Zoe");
    await settled(world);
    const mark = zoe.mark();
    world.clock.advance(31 * 60_000); // CONVERSATION_TIMEOUT_MINUTES defaults to 30
    const q = zoe.tap(summary, summary.buttons.find((b) => b.text === "✅ Confirm")?.callback_data ?? "");
    expect(await zoe.waitForCallbackAnswer(q)).toMatchObject(STALE);
    expect(shownSince(zoe, mark)).toEqual([]);
    expect(world.cal.requestsOf("createBooking")).toHaveLength(0);

    zoe.command("book");
    const fresh = await shows(zoe, /^Free times \(Moscow/);
    expect(shownSince(zoe, mark).some((t) => t.startsWith("Start over?"))).toBe(false);
    expect(fresh.message_id).not.toBe(summary.message_id);
  });

  it("typed text after the timeout is not taken as an answer", async () => {
    const zoe = await member(world, 961, { first_name: "Zoe", language_code: "en" });
    await steps.name?.(zoe, "Zoe");
    await settled(world);
    world.clock.advance(31 * 60_000);
    zoe.send("Zoe Late");
    await shows(zoe, "I understand commands and buttons.");
    await settled(world);
    expect(shownSince(zoe, 0).filter((t) => t.startsWith("Give an email"))).toEqual([]);
    zoe.command("cancel");
    await shows(zoe, "There's nothing to stop right now.");
  });

  it("a user who comes back within the timeout carries on", async () => {
    const zoe = await member(world, 962, { first_name: "Zoe", language_code: "en" });
    const slots = await openSlots(zoe);
    await settled(world);
    world.clock.advance(25 * 60_000);
    await pickTime(zoe, slots);
    await settled(world);
    world.clock.advance(25 * 60_000);
    await press(zoe, "Use “Zoe”");
    await shows(zoe, "Give an email");
  });

  it("a timed-out dialog left alone is swept: /start then gives the menu without asking", async () => {
    const zoe = await member(world, 963, { first_name: "Zoe", language_code: "en" });
    const slots = await openSlots(zoe);
    await settled(world);
    world.clock.advance(31 * 60_000);
    // The app sweeps idle dialogs every minute of real time; run that sweep now instead of waiting.
    expect(world.app.sweepIdleDialogs()).toBe(1);
    expect(shownSince(zoe, 0).filter((t) => /closed|stopped/.test(t))).toEqual([]); // silently
    await expectStale(zoe, slots.message_id, dialogData(slots));
    zoe.start();
    await shows(zoe, "Hello, Zoe! What would you like to do?");
  });
});

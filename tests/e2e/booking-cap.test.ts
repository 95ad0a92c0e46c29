/**
 * A member holds at most MAX_UPCOMING_BOOKINGS_PER_USER upcoming meetings (default 4; admins
 * exempt): checked when a booking dialog would start, and again right before Cal.com is asked.
 */
import { afterEach, describe, expect, it } from "vitest";
import { bookFirst, labels, member, press, shows } from "./booking-helpers.js";
import { ADMIN_ID, startWorld, type World, type WorldOptions } from "./harness.js";

let world: World;
afterEach(async () => {
  await world.close();
});
const open = async (options: WorldOptions = {}) => {
  world = await startWorld(options);
};
const creates = () => world.cal.requestsOf("createBooking").length;

describe("the per-member cap on upcoming bookings", () => {
  // The default (4) is config.test.ts's; two keep the story under the per-user flood limit.
  it("a member at the cap is refused /book with a way to /mybookings; a cancel frees a place", async () => {
    await open({ env: { MAX_UPCOMING_BOOKINGS_PER_USER: "2" } });
    const nina = await member(world, 1801, { first_name: "Nina", language_code: "en" });
    await bookFirst(nina, "Nina");
    await bookFirst(nina, "Nina", 1);
    nina.command("book");
    const refused = await shows(nina, "You already have as many upcoming meetings as one member may hold.");
    expect(refused.text).toContain("/mybookings");
    expect(labels(refused)).toEqual(["🗓 My bookings"]);
    await press(nina, "🗓 My bookings", refused);
    const list = await shows(nina, "Your upcoming meetings:");
    expect(creates()).toBe(2);

    await press(nina, /^✖️ Cancel/, list);
    await press(nina, "Yes, cancel it", await shows(nina, "Cancel the meeting on"));
    await shows(nina, "is cancelled");
    nina.command("book");
    await shows(nina, /^Free times/);
  });

  it("the menu's Book is refused too (Russian); admins are exempt", async () => {
    await open({ env: { MAX_UPCOMING_BOOKINGS_PER_USER: "1" } });
    const olga = await member(world, 1802, { first_name: "Ольга", language_code: "en" });
    await bookFirst(olga, "Ольга");
    world.tg.user(1802, { first_name: "Ольга", language_code: "ru", started: true });
    olga.tap(olga.messages()[0] ?? 0, "menu:book");
    const refused = await shows(
      olga,
      "У вас уже столько предстоящих встреч, сколько можно одному участнику.",
    );
    expect(labels(refused)).toEqual(["🗓 Мои встречи"]);

    const sponsor = world.tg.user(ADMIN_ID);
    await bookFirst(sponsor, "Sponsor", 1);
    await bookFirst(sponsor, "Sponsor", 2);
    expect(creates()).toBe(3);
  });

  it("is checked again right before Cal.com is asked (the cap was lowered while the dialog was open)", async () => {
    await open({ env: { MAX_UPCOMING_BOOKINGS_PER_USER: "2" } });
    const zoe = await member(world, 1803, { first_name: "Zoe", language_code: "en" });
    await bookFirst(zoe, "Zoe");
    zoe.command("book");
    const slots = await shows(zoe, /^Free times/);
    await press(zoe, /^\d\d:\d\d$/, slots);
    await press(zoe, "Use “Zoe”", await shows(zoe, "What name"));
    await press(zoe, "Skip", await shows(zoe, "Give an email"));
    const summary = await shows(zoe, "Please check:");

    world.env.MAX_UPCOMING_BOOKINGS_PER_USER = "1"; // the operator lowers the cap and redeploys
    await world.restart();
    await press(zoe, /Confirm/, summary);
    const refused = await shows(zoe, "You already have as many upcoming meetings as one member may hold.");
    expect(refused.message_id).toBe(summary.message_id);
    expect(refused.buttons).toEqual([]);
    expect(creates()).toBe(1);
  });

  it("a member at the cap may still move a booking (a move adds none)", async () => {
    await open({ env: { MAX_UPCOMING_BOOKINGS_PER_USER: "1" } });
    const yan = await member(world, 1804, { first_name: "Yan", language_code: "en" });
    await bookFirst(yan, "Yan");
    yan.command("mybookings");
    await press(yan, /^🔁 Move/, await shows(yan, "Your upcoming meetings:"));
    const page = await shows(yan, /Moving the meeting on[\s\S]*Free times/);
    const later = page.buttons.filter((b) => /^\d\d:\d\d$/.test(b.text))[3];
    await press(yan, later?.text ?? "", page);
    await press(yan, /Confirm/, await shows(yan, "Move the meeting?"));
    await shows(yan, "Done, the meeting is moved.");
    expect(world.cal.requestsOf("rescheduleBooking")).toHaveLength(1);
  });
});

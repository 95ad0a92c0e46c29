/**
 * Text is shortened by grapheme, never inside a character (SPEC §6): an emoji cut in half is a
 * lone surrogate, which Telegram refuses ("strings must be encoded in UTF-8"), so a cut in the
 * wrong place costs the whole message or answer.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { calBookings, member, openSlots, pickTime, press, shows } from "./booking-helpers.js";
import { ADMIN_ID, startWorld, type World } from "./harness.js";

let world: World;
beforeEach(async () => {
  world = await startWorld();
});
afterEach(async () => {
  await world.close();
});

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const admin = () => world.tg.user(ADMIN_ID);

describe("names with emoji", () => {
  it("a member whose Telegram name ends in emoji books with one tap on “Use …”, under the whole name", async () => {
    const name = "Мария-Александра Константинопольская 🌸🙏";
    const maria = await member(world, 1401, {
      first_name: "Мария-Александра",
      last_name: "Константинопольская 🌸🙏",
      language_code: "en",
    });
    await pickTime(maria, await openSlots(maria));
    await press(maria, `Use “${name}”`);
    await shows(maria, "Give an email");
    await press(maria, "Skip");
    const summary = await shows(maria, "Please check:");
    expect(summary.text).toContain(`👤 ${name}`);
    await press(maria, /Confirm/);
    await shows(maria, "you're booked");
    expect(calBookings(world)[0]?.attendee.name).toBe(name);
  });

  it("a name too long for a button is cut between characters on the button, and booked whole", async () => {
    const first = "Мария-Александра-Елизавета";
    const last = "Константинопольская-Петропавловская 👩‍👩‍👧‍👦🙏";
    const maria = await member(world, 1402, { first_name: first, last_name: last, language_code: "en" });
    await pickTime(maria, await openSlots(maria));
    const ask = maria.lastChanged();
    const use = ask?.buttons.find((b) => b.text.startsWith("Use “"));
    expect(use?.text).toMatch(/^Use “Мария-Александра-Елизавета Конст.*…”$/);
    expect(use?.text).not.toMatch(LONE_SURROGATE);
    await press(maria, /^Use “/);
    await press(maria, "Skip", await shows(maria, "Give an email"));
    await press(maria, /Confirm/, await shows(maria, "Please check:"));
    await shows(maria, "you're booked");
    expect(calBookings(world)[0]?.attendee.name).toBe(`${first} ${last}`);
  });

  it("a stranger with an emoji where a button label is cut does not blank the admin's /pending", async () => {
    const alex = world.tg.user(1403, { first_name: "Александра Константинов🌸🌸", language_code: "ru" });
    alex.start();
    await admin().waitForMessage((m) => m.text.includes("/approve 1403"));
    admin().command("pending");
    const list = await admin().waitForReply((m) => m.text.startsWith("Waiting for a decision: 1"));
    expect(list.text).toContain("Александра Константинов🌸🌸");
    const approve = list.buttons.find((b) => b.text.startsWith("✅"));
    expect(approve?.text).toMatch(/^✅ Александра Константино.*…$/);
    expect(approve?.text).not.toMatch(LONE_SURROGATE);
    await press(admin(), approve?.text ?? "✅", list);
    await alex.waitForMessage((m) => m.text.startsWith("Доступ открыт!"));
  });

  it("the admin's toast for a name of many emoji is cut between characters", async () => {
    const flower = world.tg.user(1404, {
      first_name: `Ф${"🌸".repeat(63)}`,
      last_name: `Ж${"🙏".repeat(63)}`,
      language_code: "ru",
    });
    flower.start();
    const notice = await admin().waitForMessage((m) => m.text.includes("/approve 1404"));
    const q = admin().tapButton(/Approve/, notice);
    const toast = await admin().waitForCallbackAnswer(q);
    expect(toast.show_alert).toBe(false);
    expect(toast.text).toMatch(/^✅ Approved: Ф🌸🌸/);
    expect(toast.text).not.toMatch(LONE_SURROGATE);
    await flower.waitForMessage((m) => m.text.startsWith("Доступ открыт!"));
  });
});

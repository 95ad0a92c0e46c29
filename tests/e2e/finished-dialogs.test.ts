/**
 * A dialog that is over does not look live: left with /cancel, or finished (booked, refused,
 * stopped with its Cancel button), its last message keeps its text and loses its buttons.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  bookFirst,
  dialogData,
  expectStale,
  labels,
  member,
  press,
  STALE_RU,
  shows,
  steps,
  toSummary,
} from "./booking-helpers.js";
import { ADMIN_ID, startWorld, type World } from "./harness.js";

let world: World;
beforeEach(async () => {
  world = await startWorld();
});
afterEach(async () => {
  await world.close();
});

describe("a dialog that is over", () => {
  let id = 1301;
  for (const step of ["zone", "slots", "name", "summary"] as const) {
    it(`left with /cancel at the ${step} step keeps its text and loses its buttons`, async () => {
      const zoe = await member(world, id++, { first_name: "Zoe", language_code: "en" });
      const shown = await steps[step]?.(zoe, "Zoe");
      if (!shown) throw new Error(`no ${step} step`);
      zoe.command("cancel");
      const bye = await shows(zoe, "Booking stopped. /book to start again.");
      expect(labels(bye)).toContain("📅 Book");
      const after = zoe.message(shown.message_id);
      expect(after?.text).toBe(shown.text);
      expect(after?.buttons).toEqual([]);
      await expectStale(zoe, shown.message_id, dialogData(shown));
    });
  }

  it("moving a booking, left with /cancel (Russian): the times lose their buttons", async () => {
    const ivan = await member(world, 1310, { first_name: "Иван", language_code: "en" });
    await bookFirst(ivan, "Иван");
    world.tg.user(1310, { first_name: "Иван", language_code: "ru", started: true });
    ivan.command("mybookings");
    await press(ivan, /^🔁 Перенести/, await shows(ivan, "Ваши предстоящие встречи"));
    const page = await shows(ivan, /Переносим встречу[\s\S]*Свободное время/);
    ivan.command("cancel");
    await shows(ivan, "Запись прервана.");
    expect(ivan.message(page.message_id)?.buttons).toEqual([]);
    await expectStale(ivan, page.message_id, dialogData(page), STALE_RU);
  });

  it("booked, refused or stopped with its Cancel button: the last message has no buttons", async () => {
    const zoe = await member(world, 1311, { first_name: "Zoe", language_code: "en" });
    await bookFirst(zoe, "Zoe");
    expect(zoe.lastChanged()?.buttons).toEqual([]);

    const yan = await member(world, 1312, { first_name: "Yan", language_code: "en" });
    const { summary } = await toSummary(yan, "Yan");
    await press(yan, "✖️ Cancel", summary);
    await shows(yan, "Booking stopped.");
    expect(yan.message(summary.message_id)?.buttons).toEqual([]);

    const xia = await member(world, 1313, { first_name: "Xia", language_code: "en" });
    const again = await toSummary(xia, "Xia");
    const admin = world.tg.user(ADMIN_ID);
    admin.command("revoke", "1313");
    await admin.waitForReply((m) => /revoked/.test(m.text));
    await press(xia, /Confirm/, again.summary);
    await shows(xia, "You don't have access yet.");
    expect(xia.message(again.summary.message_id)?.buttons).toEqual([]);
  });
});

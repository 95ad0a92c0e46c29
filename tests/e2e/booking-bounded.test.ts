/**
 * A member who pages the free times back and forth for an hour: the conversations plugin keeps
 * every update a dialog waited for (keyboards included) and re-reads and rewrites that log on
 * each update, so the dialog must bound what it keeps, and still answer correctly.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { FakeUser } from "../../fakes/telegram/users.js";
import type { MessageView } from "../../fakes/telegram/views.js";
import {
  calBookings,
  dialogData,
  member,
  openSlots,
  pickTime,
  press,
  STALE,
  settled,
  shows,
  tapData,
  timeButtons,
} from "./booking-helpers.js";
import { startWorld, type World } from "./harness.js";

const TAPS = 2000;
/** The stored dialog of one chat never grows past this (a few pages' worth of updates). */
const MAX_STATE_BYTES = 48 * 1024;

let world: World;
beforeEach(async () => {
  // Thousands of taps in a row: neither the per-user flood limit nor Telegram's pace is the story.
  world = await startWorld({
    flood: { limit: 100_000, windowMs: 1000 },
    pace: { globalLimit: 10_000, perChatPerSecond: 10_000, perChatBurst: 10_000 },
  });
});
afterEach(async () => {
  await world.close();
});

/** Bytes of the chat's row in the conversations table (0 when there is none). */
function storedBytes(chatId: number): number {
  const row = world.app.db
    .prepare("SELECT length(CAST(state AS BLOB)) AS n FROM conversations WHERE key = ?")
    .get(String(chatId)) as { n: number } | undefined;
  return row?.n ?? 0;
}

/** A member paging the free times: "More dates" to the last page, then "Back" to the first, and so on. */
class Pager {
  at = 1;
  private forward = true;
  readonly pages: number;

  constructor(
    private readonly user: FakeUser,
    public page: MessageView,
  ) {
    this.pages = Number(/page 1 of (\d+)/.exec(page.text)?.[1]);
  }

  async tap(direction: "on" | "back" = "on"): Promise<void> {
    if (this.at === this.pages) this.forward = false;
    if (this.at === 1) this.forward = true;
    const forward = direction === "on" && this.forward;
    await press(this.user, forward ? "More dates ›" : "‹ Back", this.page);
    this.at += forward ? 1 : -1;
    this.page = await shows(this.user, `page ${this.at} of ${this.pages}`);
  }
}

/** From a page of times: its first time, the Telegram name, no email, Confirm. Returns the start booked. */
async function bookFirstTime(user: FakeUser, page: MessageView, name: string): Promise<number> {
  const start = await pickTime(user, page);
  await press(user, `Use “${name}”`);
  await shows(user, "Give an email");
  await press(user, "Skip");
  await shows(user, "Please check:");
  await press(user, "✅ Confirm");
  await shows(user, "Done, you're booked!");
  return start;
}

describe("a dialog paged for an hour", () => {
  it(`stays small after ${TAPS} taps on More dates / Back, and the page shown is still the right one`, async () => {
    const zoe = await member(world, 960, { first_name: "Zoe", language_code: "en" });
    const pager = new Pager(zoe, await openSlots(zoe));
    expect(pager.pages).toBeGreaterThan(2);
    const firstPage = pager.page.text;
    let largest = 0;
    for (let tap = 1; tap <= TAPS; tap++) {
      await pager.tap();
      if (tap % 50 === 0) {
        largest = Math.max(largest, storedBytes(zoe.chatId));
        expect(largest, `stored dialog after ${tap} taps`).toBeLessThan(MAX_STATE_BYTES);
      }
    }
    // Back to the first page: the same times as at the start, and one of them still books.
    while (pager.at > 1) await pager.tap("back");
    expect(pager.page.text).toBe(firstPage);
    expect(timeButtons(pager.page).length).toBeGreaterThan(0);
    const start = await bookFirstTime(zoe, pager.page, "Zoe");
    await settled(world);
    expect(calBookings(world).map((b) => b.start)).toEqual([start]);
    expect(storedBytes(zoe.chatId)).toBe(0); // the dialog is over: nothing kept
  }, 300_000);

  it("a restart at any tap while paging (before, at and after the dialog trims its log) goes on from the page shown; older buttons stay stale", async () => {
    const zoe = await member(world, 961, { first_name: "Zoe", language_code: "en" });
    const pager = new Pager(zoe, await openSlots(zoe));
    const firstRendering = dialogData(pager.page);
    for (let tap = 1; tap <= 24; tap++) {
      await pager.tap();
      await settled(world);
      await world.restart();
    }
    for (const data of firstRendering.slice(0, 2)) {
      expect(await tapData(zoe, pager.page.message_id, data)).toMatchObject(STALE);
    }
    const start = await bookFirstTime(zoe, pager.page, "Zoe");
    expect(calBookings(world).map((b) => b.start)).toEqual([start]);
  });

  it("300 taps on a stale button, and as many stickers, keep the step small, and it still answers", async () => {
    const zoe = await member(world, 962, { first_name: "Zoe", language_code: "en" });
    const first = await openSlots(zoe);
    await press(zoe, "More dates ›", first);
    const page = await shows(zoe, /page 2 of/);
    const old = dialogData(first)[0] ?? "";
    let largest = 0;
    for (let i = 1; i <= 300; i++) {
      expect(await tapData(zoe, page.message_id, old)).toMatchObject(STALE);
      zoe.sendSticker();
      await zoe.waitForReply((m) => m.text.startsWith("Free times") && m.message_id !== page.message_id);
      if (i % 50 === 0) largest = Math.max(largest, storedBytes(zoe.chatId));
    }
    expect(largest).toBeLessThan(MAX_STATE_BYTES);
    await pickTime(zoe, zoe.lastChanged() as MessageView);
  }, 120_000);
});

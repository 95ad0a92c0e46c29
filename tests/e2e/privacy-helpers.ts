/**
 * Steps for the privacy and onboarding stories: a person who asked and was approved (so the bot
 * holds their names), a booking with or without a remembered email, and a look at every row of
 * every table for anything that names someone.
 */
import { expect } from "vitest";
import type { FakeUser, UserInit } from "../../fakes/telegram/users.js";
import type { MessageView } from "../../fakes/telegram/views.js";
import type { Db } from "../../src/db/index.js";
import { pickTime, press, shows, slotOf, timeButtons } from "./booking-helpers.js";
import { ADMIN_ID, type World } from "./harness.js";

/** A stranger who sends /start, asks, and is approved by the admin's /approve. */
export async function joined(world: World, id: number, init: UserInit): Promise<FakeUser> {
  const user = world.tg.user(id, init);
  user.start();
  await user.waitForReply((m) => m.text.includes(String(id)));
  const admin = world.tg.user(ADMIN_ID);
  admin.command("approve", String(id));
  await admin.waitForReply((m) => m.text.includes(String(id)) && /Approved|Доступ открыт/.test(m.text));
  await user.waitForMessage((m) => /You're in!|Доступ открыт/.test(m.text));
  return user;
}

/** /book → the slots page, choosing Moscow if the bot asks for a zone (none saved yet). */
export async function slotsPage(user: FakeUser): Promise<MessageView> {
  user.command("book");
  const first = await shows(user, /^(Which time zone|Free times)/);
  if (first.text.startsWith("Free times")) return first;
  await press(user, "Moscow (UTC+3)");
  return shows(user, /^Free times/);
}

/**
 * An English member books the first free time in Moscow under their Telegram name: with an email
 * typed and remembered (`email`), or skipping it. Returns the summary's text.
 */
export async function bookEnglish(user: FakeUser, name: string, email?: string): Promise<string> {
  await pickTime(user, await slotsPage(user));
  await press(user, `Use “${name}”`);
  await shows(user, "Give an email");
  if (email) {
    user.send(email);
    await shows(user, "Remember");
    await press(user, "Yes");
  } else {
    await press(user, "Skip");
  }
  const summary = await shows(user, "Please check:");
  await press(user, /Confirm/);
  await shows(user, "you're booked");
  return summary.text;
}

export interface Hit {
  table: string;
  column: string;
  row: Record<string, unknown>;
}

/** Every value, in every column of every table, that contains one of `needles` (case-insensitive). */
export function rowsNaming(db: Db, needles: readonly (string | number)[]): { tables: string[]; hits: Hit[] } {
  const tables = (
    db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as {
      name: string;
    }[]
  ).map((t) => t.name);
  const wanted = needles.map((n) => String(n).toLowerCase());
  const hits: Hit[] = [];
  for (const table of tables) {
    for (const row of db.prepare(`SELECT * FROM "${table}"`).all() as Record<string, unknown>[]) {
      for (const [column, value] of Object.entries(row)) {
        if (value === null || value === undefined) continue;
        const text = Buffer.isBuffer(value) ? value.toString("utf8") : String(value);
        if (wanted.some((w) => text.toLowerCase().includes(w))) hits.push({ table, column, row });
      }
    }
  }
  return { tables, hits };
}

/** What may be left of an erased person: admin audit entries (id and decision) naming them by target id. */
export function expectOnlyReducedAudit(hits: readonly Hit[], id: number): void {
  for (const hit of hits) {
    expect(`${hit.table}.${hit.column}`).toBe("admin_audit.target_id");
    expect(hit.row.target_id).toBe(id);
    expect(Object.keys(hit.row).sort()).toEqual(["action", "admin_id", "at", "id", "target_id"]);
  }
}

/** Books (email skipped) the first free time at or after `minStartMs`, paging as needed. Returns its start. */
export async function bookFrom(user: FakeUser, name: string, minStartMs: number): Promise<number> {
  let page = await slotsPage(user);
  for (;;) {
    const button = timeButtons(page).find((b) => slotOf(b.callback_data) >= minStartMs);
    if (button?.callback_data) {
      const q = user.tap(page, button.callback_data);
      expect((await user.waitForCallbackAnswer(q)).show_alert).toBe(false);
      await shows(user, "What name should I book under?");
      await press(user, `Use “${name}”`);
      await shows(user, "Give an email");
      await press(user, "Skip");
      await shows(user, "Please check:");
      await press(user, /Confirm/);
      await shows(user, "you're booked");
      return slotOf(button.callback_data);
    }
    await press(user, /More dates/, page);
    page = await shows(user, /^Free times/);
  }
}

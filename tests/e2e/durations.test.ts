/**
 * Event types that offer several lengths (issue 10 item 2): the member picks a length before the
 * times, the times are Cal.com's for that length, the summary and the booking carry it; the admin
 * caps a member's longest length (/limit, /limits, /users); a meeting of a non-default length is
 * not moved (Cal.com's reschedule would give it the default length).
 */
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import {
  calBookings,
  createBodies,
  labels,
  member,
  press,
  shows,
  slotOf,
  timeButtons,
} from "./booking-helpers.js";
import { ADMIN_ID, startWorld, type World } from "./harness.js";

let world: World;
afterEach(async () => {
  await world.close();
});

const SEVERAL = { eventTypes: [{ lengthInMinutes: 60, lengthInMinutesOptions: [30, 60, 90] }] };
const MINUTE = 60_000;

/** /book → Moscow → the length question (English, no saved zone). */
async function openLengths(u: ReturnType<World["tg"]["user"]>) {
  u.command("book");
  await shows(u, "Which time zone");
  await press(u, "Moscow (UTC+3)");
  return shows(u, "How long should the meeting be?");
}

/** Picks a length, then the first time, the Telegram name and no email; returns the start and the summary. */
async function bookWithLength(
  u: ReturnType<World["tg"]["user"]>,
  o: { length: string; name: string; ru?: boolean },
) {
  await press(u, o.length);
  const slots = await shows(u, o.ru ? /^Свободное время/ : /^Free times/);
  const button = timeButtons(slots)[0];
  if (!button?.callback_data) throw new Error(`no time on:\n${u.dump()}`);
  await press(u, button.text, slots);
  await shows(u, o.ru ? "Как вас записать?" : "What name should I book under?");
  await press(u, o.ru ? `Использовать «${o.name}»` : `Use “${o.name}”`);
  await shows(u, o.ru ? "Укажите email" : "Give an email");
  await press(u, o.ru ? /Пропустить/ : "Skip");
  const summary = await shows(u, o.ru ? "Проверьте" : "Please check:");
  return { start: slotOf(button.callback_data), summary };
}

describe("several lengths", () => {
  it("English: the length comes before the times, the times are for it, summary and booking carry 90 minutes", async () => {
    world = await startWorld({ calcom: SEVERAL });
    const u = await member(world, 5101, { first_name: "Liam", language_code: "en" });
    const ask = await openLengths(u);
    expect(labels(ask)).toEqual(["30 min", "60 min", "90 min", "✖️ Cancel"]);

    const { start, summary } = await bookWithLength(u, { length: "90 min", name: "Liam" });
    expect(world.cal.requestsOf("getSlots").at(-1)?.query.duration).toBe("90");
    expect(summary.text).toContain("⏱ 90 min");
    // The last offered time fits 90 minutes before the end of the working day (17:00 UTC).
    await press(u, /Confirm/);
    const done = await shows(u, "you're booked");
    expect(done.text).toContain("⏱ 90 min");
    expect(createBodies(world).at(-1)).toMatchObject({ lengthInMinutes: 90 });
    const booked = calBookings(world).find((b) => b.start === start);
    expect(booked && (booked.end - booked.start) / MINUTE).toBe(90);
  });

  it("Russian: the length question, the summary and the result in Russian; 30 minutes booked", async () => {
    world = await startWorld({ calcom: SEVERAL });
    const u = await member(world, 5102, { first_name: "Оля", language_code: "ru" });
    u.command("book");
    await shows(u, "В каком вы часовом поясе?");
    await press(u, /^Москва/);
    const ask = await shows(u, "Сколько должна длиться встреча?");
    expect(labels(ask)).toEqual(["30 мин", "60 мин", "90 мин", expect.stringMatching(/Отмена/)]);
    const { start, summary } = await bookWithLength(u, { length: "30 мин", name: "Оля", ru: true });
    expect(summary.text).toContain("⏱ 30 мин");
    await press(u, /Подтвердить/);
    await u.waitForMessage((m) => m.kind === "document");
    const booked = calBookings(world).find((b) => b.start === start);
    expect(booked && (booked.end - booked.start) / MINUTE).toBe(30);
  });

  it("Edit → Length asks again and needs a new time; the times follow the new length", async () => {
    world = await startWorld({ calcom: SEVERAL });
    const u = await member(world, 5103, { first_name: "Max", language_code: "en" });
    await openLengths(u);
    await bookWithLength(u, { length: "30 min", name: "Max" });
    await press(u, /Edit/);
    const edit = await shows(u, "What would you like to change?");
    // Two to a row (four would cut the labels short on a phone): the meeting, then the person.
    expect(edit.buttons.map((b) => `${b.row}:${b.text}`)).toEqual([
      "0:Length",
      "0:Time",
      "1:Name",
      "1:Email",
      "2:‹ Back to summary",
    ]);
    await press(u, "Length");
    await shows(u, "How long should the meeting be?");
    await press(u, "90 min");
    const slots = await shows(u, /^Free times/);
    expect(world.cal.requestsOf("getSlots").at(-1)?.query.duration).toBe("90");
    const button = timeButtons(slots)[0];
    await press(u, button?.text ?? "?", slots);
    const summary = await shows(u, "Please check:");
    expect(summary.text).toContain("⏱ 90 min");
  });

  it("one length: no length step, and no duration sent for slots or the booking", async () => {
    world = await startWorld();
    const u = await member(world, 5104, { first_name: "Ada", language_code: "en" });
    u.command("book");
    await shows(u, "Which time zone");
    await press(u, "Moscow (UTC+3)");
    await shows(u, /^Free times/);
    expect(world.cal.requestsOf("getSlots").every((r) => r.query.duration === undefined)).toBe(true);
  });
});

describe("the admin's length limit", () => {
  it("/limit caps the longest length (shown in /users and /limits), the member sees only the allowed ones, /limit off lifts it", async () => {
    world = await startWorld({ calcom: SEVERAL });
    const admin = world.tg.user(ADMIN_ID);
    const u = await member(world, 5201, { first_name: "Tom", language_code: "en" });
    admin.command("limit", "5201 60");
    await admin.waitForReply((m) => m.text === "ID 5201 may now book meetings up to 60 min (30, 60 min).");
    admin.command("limits");
    await admin.waitForReply(
      (m) => m.text.includes("Length limits (1):") && m.text.includes("ID 5201 — up to 60 min"),
    );
    admin.command("users");
    await admin.waitForReply((m) => m.text.includes("ID 5201") && m.text.includes("(meetings up to 60 min)"));

    const ask = await openLengths(u);
    expect(labels(ask)).toEqual(["30 min", "60 min", "✖️ Cancel"]);
    // A forged tap on a length above the cap is not taken.
    const data = ask.buttons[0]?.callback_data?.replace(/:30$/, ":90") ?? "";
    u.tap(ask.message_id, data, { force: true });
    await shows(u, "How long should the meeting be?");
    await press(u, "✖️ Cancel");

    admin.command("limit", "5201 20");
    await admin.waitForReply((m) => m.text.startsWith("The shortest length offered is 30 min"));
    admin.command("limit", "5201 off");
    await admin.waitForReply((m) => m.text === "ID 5201 may book every length again.");
    admin.command("limit", "banana");
    await admin.waitForReply((m) => m.text.startsWith("Usage: /limit <id> <minutes>"));
    u.command("limit", "5201 30");
    await u.waitForReply((m) => /admins/i.test(m.text));
    admin.command("help");
    await admin.waitForReply((m) =>
      m.text.includes("/limit <id> <minutes> — the longest meeting a member may book"),
    );
  });

  it("the member's /privacy shows the limit an admin set (English and Russian), and no line without one", async () => {
    world = await startWorld({ calcom: SEVERAL });
    const admin = world.tg.user(ADMIN_ID);
    const en = await member(world, 5211, { first_name: "Ada", language_code: "en" });
    const ru = await member(world, 5212, { first_name: "Вера", language_code: "ru" });
    en.command("privacy");
    expect((await shows(en, "What the bot keeps about you")).text).not.toContain("limit");
    admin.command("limit", "5211 60");
    await admin.waitForReply((m) => m.text.startsWith("ID 5211 may now book"));
    admin.command("limit", "5212 30");
    await admin.waitForReply((m) => m.text.startsWith("ID 5212 may now book"));
    en.command("privacy");
    await en.waitForReply((m) => m.text.includes("• A limit the admin set: meetings up to 60 min"));
    ru.command("privacy");
    await ru.waitForReply((m) =>
      m.text.includes("• Ограничение, заданное администратором: встречи не дольше 30 мин"),
    );
  });

  it("a cap that leaves one length: no length step, and that length is booked", async () => {
    world = await startWorld({ calcom: SEVERAL });
    const admin = world.tg.user(ADMIN_ID);
    const u = await member(world, 5202, { first_name: "Kim", language_code: "ru" });
    admin.command("limit", "5202 30");
    await admin.waitForReply((m) => m.text.startsWith("ID 5202 may now book meetings up to 30 min"));
    u.command("book");
    await shows(u, "В каком вы часовом поясе?");
    await press(u, /^Москва/);
    await shows(u, /^Свободное время/);
    expect(world.cal.requestsOf("getSlots").at(-1)?.query.duration).toBe("30");
  });
});

describe("moving keeps the length", () => {
  it("a 90-minute meeting is not moved (Cal.com would make it 60): the member is told to cancel and book anew", async () => {
    world = await startWorld({ calcom: SEVERAL });
    const u = await member(world, 5301, { first_name: "Eva", language_code: "en" });
    await openLengths(u);
    await bookWithLength(u, { length: "90 min", name: "Eva" });
    await press(u, /Confirm/);
    await shows(u, "you're booked");
    u.command("mybookings");
    const list = await shows(u, "Your upcoming meetings");
    await press(u, /^🔁 Move/, list);
    await shows(u, "This meeting lasts 90 min, and Cal.com can only move a meeting to its standard length.");
    expect(world.cal.requestsOf("rescheduleBooking")).toHaveLength(0);
  });

  it("a meeting of the default length (60 of 30/60/90) moves, stays 60 minutes, times offered for 60", async () => {
    world = await startWorld({ calcom: SEVERAL });
    const u = await member(world, 5302, { first_name: "Ian", language_code: "en" });
    await openLengths(u);
    const { start } = await bookWithLength(u, { length: "60 min", name: "Ian" });
    await press(u, /Confirm/);
    await shows(u, "you're booked");
    u.command("mybookings");
    const list = await shows(u, "Your upcoming meetings");
    await press(u, /^🔁 Move/, list);
    const page = await shows(u, /Moving the meeting on[\s\S]*Free times/);
    expect(world.cal.requestsOf("getSlots").at(-1)?.query.duration).toBeUndefined();
    const target = timeButtons(page).find((b) => slotOf(b.callback_data) > start);
    await press(u, target?.text ?? "?", page);
    await press(u, /Confirm/, await shows(u, "Move the meeting?"));
    await shows(u, "the meeting is moved");
    const moved = calBookings(world).find((b) => b.start === slotOf(target?.callback_data));
    expect(moved && (moved.end - moved.start) / MINUTE).toBe(60);
  });
});

describe("a dialog saved before the length step (flow version 4)", () => {
  it("is dropped at the next start: its buttons say they are no longer active, and /book starts afresh with the length step", async () => {
    world = await startWorld({ calcom: SEVERAL });
    const u = await member(world, 5401, { first_name: "Old", language_code: "en" });
    const ask = await openLengths(u);
    await world.restart(() => {
      // What the previous release wrote: the same row under data version 4.
      const db = new Database(world.env.DATABASE_PATH as string);
      const row = db.prepare("SELECT state FROM conversations WHERE key = ?").get("5401") as {
        state: string;
      };
      const state = JSON.parse(row.state) as { version: [number, number] };
      state.version[1] = 4;
      db.prepare("UPDATE conversations SET state = ? WHERE key = ?").run(JSON.stringify(state), "5401");
      db.close();
    });
    const q = u.tapButton("90 min", ask);
    expect(await u.waitForCallbackAnswer(q)).toMatchObject({
      show_alert: true,
      text: "This button is no longer active.",
    });
    u.command("book");
    await shows(u, "How long should the meeting be?");
  });
});

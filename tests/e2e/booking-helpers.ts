/**
 * Shared steps for the booking dialog stories: a member of the bot (approved by the admin), taps
 * that check the spinner stopped, and reading the dialog's buttons the way a user sees them.
 */
import { DateTime } from "luxon";
import { expect } from "vitest";
import { waitFor } from "../../fakes/support/wait.js";
import type { FakeUser, UserInit } from "../../fakes/telegram/users.js";
import type { MessageView } from "../../fakes/telegram/views.js";
import { ADMIN_ID, type World } from "./harness.js";

export const DAY_MS = 86_400_000;

/** A user the admin has approved (and who has opened the bot). */
export async function member(world: World, id: number, init: UserInit): Promise<FakeUser> {
  const user = world.tg.user(id, { ...init, started: true });
  const admin = world.tg.user(ADMIN_ID);
  admin.command("approve", String(id));
  await admin.waitForReply((m) => m.text.includes(String(id)) && /Approved|already approved/.test(m.text));
  await user.waitForMessage((m) => /You're in!|Доступ открыт/.test(m.text));
  return user;
}

/** Taps a button by its label on the newest message that has it; the tap must be answered without an alert. */
export async function press(
  user: FakeUser,
  label: string | RegExp,
  ref?: { message_id: number },
): Promise<void> {
  const q = user.tapButton(label, ref);
  const answer = await user.waitForCallbackAnswer(q);
  expect(answer.show_alert, `tap on ${String(label)} got an alert: ${answer.text}`).toBe(false);
}

/** Taps raw callback data (possibly of an older rendering) and returns how the bot answered. */
export async function tapData(user: FakeUser, messageId: number, data: string) {
  const q = user.tap(messageId, data, { force: true });
  return user.waitForCallbackAnswer(q);
}

/** Waits for the bot to show (send or edit to) a message matching `text` after the user's last action. */
export function shows(user: FakeUser, text: string | RegExp, timeoutMs = 5000): Promise<MessageView> {
  const matches = (m: MessageView) => (typeof text === "string" ? m.text.includes(text) : text.test(m.text));
  return user.waitForReply(matches, { timeoutMs, description: `a message with ${String(text)}` });
}

export const labels = (m: MessageView) => m.buttons.map((b) => b.text);
export const isTime = (label: string) => /^\d\d:\d\d$/.test(label);
export const timeButtons = (m: MessageView) => m.buttons.filter((b) => isTime(b.text));

/** The slot a time button books, as a UTC epoch (callback data `bk:<nonce>:s:<minutes base 36>`). */
export function slotOf(data: string | undefined): number {
  const arg = data?.split(":")[3];
  if (arg === undefined) throw new Error(`not a slot button: ${data}`);
  return Number.parseInt(arg, 36) * 60_000;
}

/** The first day on a slots page: its header and its time buttons, in order. */
export function firstDay(m: MessageView): { header: string; times: string[] } {
  const header = m.buttons.find((b) => b.text.startsWith("📅"));
  if (!header) throw new Error(`no day header on:\n${m.text}`);
  const times = m.buttons.filter((b) => b.row > header.row && isTime(b.text));
  const nextHeader = m.buttons.find((b) => b.row > header.row && b.text.startsWith("📅"));
  return {
    header: header.text,
    times: times.filter((b) => nextHeader === undefined || b.row < nextHeader.row).map((b) => b.text),
  };
}

/** Free starts the fake Cal.com offers now, within the bot's booking window (14 days by default). */
export function freeStarts(world: World, days = 14): number[] {
  const et = world.cal.state.eventTypes[0];
  if (!et) throw new Error("no event type");
  const now = world.clock.now();
  return world.cal.state.freeStarts(et, now, now + days * DAY_MS);
}

export function localLabel(utcMs: number, zone: string): string {
  return DateTime.fromMillis(utcMs, { zone }).toFormat("HH:mm");
}

export function localHeader(utcMs: number, zone: string, locale: "en" | "ru"): string {
  const s = DateTime.fromMillis(utcMs, { zone }).setLocale(locale).toFormat("ccc, d MMMM");
  return `📅 ${s.charAt(0).toLocaleUpperCase()}${s.slice(1)}`;
}

/** Bookings the fake Cal.com holds (made through the API or added to its state). */
export const calBookings = (world: World) => [...world.cal.state.bookings.values()];

export interface CreateBody {
  start: string;
  attendee: { name: string; email: string; timeZone: string; language?: string };
  metadata?: Record<string, unknown>;
}
export const createBodies = (world: World) =>
  world.cal.requestsOf("createBooking").map((r) => r.body as CreateBody);

/** /book → the zone question → a zone button → the slots page (English user without a saved zone). */
export async function openSlots(user: FakeUser, zone = "Moscow (UTC+3)"): Promise<MessageView> {
  user.command("book");
  await shows(user, "Which time zone");
  await press(user, zone);
  return shows(user, /^Free times/);
}

async function pickZone(user: FakeUser): Promise<MessageView> {
  await press(user, "Moscow (UTC+3)");
  return shows(user, /^Free times/);
}

/** Taps the `index`-th time on a slots page; returns the UTC start it stands for. */
export async function pickTime(user: FakeUser, slots: MessageView, index = 0): Promise<number> {
  const button = timeButtons(slots)[index];
  if (!button?.callback_data) throw new Error(`no time button #${index} on:\n${user.dump()}`);
  const q = user.tap(slots, button.callback_data);
  expect((await user.waitForCallbackAnswer(q)).show_alert).toBe(false);
  await shows(user, "What name should I book under?");
  return slotOf(button.callback_data);
}

/**
 * How far past the first free time (itself just past the fake's minimum notice) a summary's time
 * lies, so a story may move the clock a few minutes (an open write's lookups, a rate-limit reset)
 * and still book it, whatever the wall-clock time the suite runs at.
 */
const CLEAR_OF_NOTICE_MS = 3_600_000;

/**
 * From /book to the summary: Moscow, the first free time an hour past the first one offered (else
 * the page's last), the Telegram name, email skipped.
 */
export async function toSummary(
  user: FakeUser,
  name: string,
): Promise<{ start: number; summary: MessageView }> {
  const slots = await openSlots(user);
  const times = timeButtons(slots).map((b) => slotOf(b.callback_data));
  const clear = times.findIndex((t) => t >= (times[0] ?? 0) + CLEAR_OF_NOTICE_MS);
  const start = await pickTime(user, slots, clear >= 0 ? clear : times.length - 1);
  await press(user, `Use “${name}”`);
  await shows(user, "Give an email");
  await press(user, "Skip");
  return { start, summary: await shows(user, "Please check:") };
}

/** Every text the bot showed since `mark` (messages sent, and every version of messages edited). */
export function shownSince(user: FakeUser, mark: number): string[] {
  return user
    .messagesSince(mark, { includeDeleted: true })
    .flatMap((m) => [...m.edits.map((e) => e.text ?? ""), m.text]);
}

/**
 * Waits until the bot has taken every queued update and finished handling it (what the user sees
 * may appear before the dialog has stored its state, e.g. when the idle clock starts).
 */
export async function settled(world: World): Promise<void> {
  await waitFor(
    async () => {
      if (!world.tg.updateLog().every((u) => u.confirmedAt !== undefined)) return false;
      const res = await fetch(`http://127.0.0.1:${world.app.healthPort}/health`);
      return ((await res.json()) as { inFlight?: number }).inFlight === 0;
    },
    { description: "the bot to finish every update" },
  );
}

export const STALE = { show_alert: true, text: "This button is no longer active." };
export const STALE_RU = { show_alert: true, text: "Эта кнопка больше не активна." };
/** The dialog buttons of a message: the first two and the last two (a user taps only so fast). */
export const dialogData = (m: MessageView | undefined) => {
  const all = (m?.buttons ?? []).map((b) => b.callback_data ?? "").filter((d) => d.startsWith("bk:"));
  return all.length <= 4 ? all : [...all.slice(0, 2), ...all.slice(-2)];
};

/** Taps buttons of a message (data as it was) and checks each gets the stale alert and nothing else happens. */
export async function expectStale(
  user: FakeUser,
  messageId: number,
  data: string[],
  stale = STALE,
): Promise<void> {
  expect(data.length).toBeGreaterThan(0);
  const mark = user.mark();
  for (const d of data) expect(await tapData(user, messageId, d)).toMatchObject(stale);
  expect(shownSince(user, mark)).toEqual([]);
}

/** Brings a fresh member to a step of the dialog and returns the dialog message showing it. */
export const steps: Record<string, (user: FakeUser, name: string) => Promise<MessageView>> = {
  zone: async (user) => {
    user.command("book");
    return shows(user, "Which time zone");
  },
  slots: async (user) => openSlots(user),
  name: async (user) => {
    await pickTime(user, await openSlots(user));
    return user.lastChanged() as MessageView;
  },
  email: async (user, name) => {
    await pickTime(user, await openSlots(user));
    await press(user, `Use “${name}”`);
    return shows(user, "Give an email");
  },
  summary: async (user, name) => (await toSummary(user, name)).summary,
};

/**
 * Books through the dialog (English): Moscow unless the zone is remembered, the `index`-th free time,
 * the Telegram name, no email. Returns the booked start.
 */
export async function bookFirst(
  user: FakeUser,
  name: string,
  index = 0,
  done: string | RegExp = "you're booked",
): Promise<number> {
  user.command("book");
  const first = await shows(user, /^Which time zone|^Free times/);
  const slots = first.text.startsWith("Free times") ? first : await pickZone(user);
  const start = await pickTime(user, slots, index);
  await press(user, `Use “${name}”`);
  await shows(user, "Give an email");
  await press(user, "Skip");
  await shows(user, "Please check:");
  await press(user, /Confirm/);
  await shows(user, done);
  return start;
}

/**
 * In Russian to the summary: zone `zone` (or the saved one), the first free time at least
 * `minAheadMs` away, the Telegram name, no email. Returns its start and the time button's label.
 */
export async function toSummaryRu(
  world: World,
  user: FakeUser,
  zone: RegExp | "saved",
  minAheadMs = 0,
): Promise<{ start: number; label: string }> {
  user.command("book");
  if (zone !== "saved") {
    await shows(user, "часовом поясе");
    await press(user, zone);
  }
  let page = await shows(user, /^Свободное время/);
  const min = world.clock.now() + minAheadMs;
  let button = timeButtons(page).find((b) => slotOf(b.callback_data) >= min);
  while (!button) {
    await press(user, /Ещё даты/, page);
    page = await shows(user, /^Свободное время/);
    button = timeButtons(page).find((b) => slotOf(b.callback_data) >= min);
  }
  const q = user.tap(page, button.callback_data ?? "");
  await user.waitForCallbackAnswer(q);
  await shows(user, "Как вас записать");
  await press(user, /Использовать/);
  await shows(user, "email");
  await press(user, "Пропустить");
  await shows(user, "Проверьте");
  return { start: slotOf(button.callback_data), label: button.text };
}

/** Books in Russian (see toSummaryRu) and confirms: "вы записаны". */
export async function bookRussian(
  world: World,
  user: FakeUser,
  zone: RegExp | "saved",
  minAheadMs = 0,
): Promise<{ start: number; label: string }> {
  const picked = await toSummaryRu(world, user, zone, minAheadMs);
  await press(user, /Подтвердить/);
  await shows(user, "вы записаны");
  return picked;
}

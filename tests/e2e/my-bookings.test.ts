import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { waitFor } from "../../fakes/support/wait.js";
import type { FakeUser } from "../../fakes/telegram/users.js";
import type { MessageView } from "../../fakes/telegram/views.js";
import { bookRussian, calBookings, member, press, shows, slotOf, timeButtons } from "./booking-helpers.js";
import { ADMIN_ID, startWorld, type World } from "./harness.js";
import { bookFrom } from "./privacy-helpers.js";

const HOUR = 3_600_000;
let world: World;
beforeEach(async () => {
  world = await startWorld();
});
afterEach(async () => {
  await world.close();
});

/** Books, through the dialog, the first free time at least `minAheadMs` away. Returns its UTC start. */
const bookAhead = (user: FakeUser, name: string, minAheadMs = 0): Promise<number> =>
  bookFrom(user, name, world.clock.now() + minAheadMs);

const reminders = (user: FakeUser) => user.messages().filter((m) => m.text.startsWith("⏰"));

describe("my bookings", () => {
  it("a member with no bookings is told so and offered the menu", async () => {
    const u = await member(world, 801, { first_name: "Nina", language_code: "en" });
    u.command("mybookings");
    const reply = await shows(u, "no upcoming meetings");
    expect(reply.buttons.map((b) => b.text)).toEqual(expect.arrayContaining([expect.stringMatching(/Book/)]));
  });

  it("lists an upcoming booking in the user's zone with Move and Cancel; cancelling asks, frees the slot, tells the admin", async () => {
    const u = await member(world, 802, { first_name: "Oleg", language_code: "en" });
    const start = await bookAhead(u, "Oleg");
    u.command("mybookings");
    const list = await shows(u, "Your upcoming meetings");
    expect(list.text).toContain("Moscow (UTC+3)");
    expect(list.buttons.map((b) => b.text)).toEqual([
      expect.stringMatching(/^🔁 Move/),
      expect.stringMatching(/^✖️ Cancel/),
    ]);

    await press(u, /^✖️ Cancel/, list);
    const ask = await shows(u, "Cancel the meeting on");
    await press(u, "No, keep it", ask);
    await shows(u, "stays as it is");
    expect(world.cal.requestsOf("cancelBooking")).toHaveLength(0);

    await press(u, /^✖️ Cancel/, list);
    const ask2 = await shows(u, "Cancel the meeting on");
    await press(u, "Yes, cancel it", ask2);
    await shows(u, "is cancelled. That time is free again");
    expect(world.cal.requestsOf("cancelBooking")).toHaveLength(1);
    expect(calBookings(world).find((b) => b.start === start)?.status).toBe("cancelled");
    await world.tg.user(ADMIN_ID).waitForMessage((m) => m.text.startsWith("❌ Cancelled: Oleg"));

    // A second tap on the same "Yes" does nothing more.
    const q = u.tap(ask2, ask2.buttons.length ? (ask2.buttons[0]?.callback_data ?? "") : `mb:cy:x`, {
      force: true,
    });
    expect((await u.waitForCallbackAnswer(q)).show_alert).toBe(true);
    expect(world.cal.requestsOf("cancelBooking")).toHaveLength(1);

    // The freed time is offered again (the zone is remembered now).
    u.command("book");
    const slots = await shows(u, /^Free times/);
    expect(timeButtons(slots).some((b) => slotOf(b.callback_data) === start)).toBe(true);
  });

  it("a booking cancelled on Cal.com's side shows as changed, not as upcoming", async () => {
    const u = await member(world, 803, { first_name: "Pia", language_code: "en" });
    const start = await bookAhead(u, "Pia");
    const b = calBookings(world).find((x) => x.start === start);
    if (!b) throw new Error("no booking at the fake");
    b.status = "cancelled";
    u.command("mybookings");
    await shows(u, "changed on the calendar");
    expect(u.lastMessage()?.text).toContain("no upcoming meetings");
  });

  it("the admin's /bookings lists upcoming bookings with name and time in the admin's zone; others are refused", async () => {
    const u = await member(world, 804, { first_name: "Rita", language_code: "en" });
    await bookAhead(u, "Rita");
    const admin = world.tg.user(ADMIN_ID);
    admin.command("bookings");
    const list = await admin.waitForReply((m) => m.text.startsWith("Upcoming bookings: 1"));
    expect(list.text).toContain("Rita");
    u.command("bookings");
    await shows(u, "admins only");
  });

  it("a revoked member still sees their upcoming meetings with Cancel only and can cancel them; they can neither move nor book", async () => {
    const u = await member(world, 805, { first_name: "Sam", language_code: "en" });
    const start = await bookAhead(u, "Sam");
    u.command("mybookings");
    const before = await shows(u, "Your upcoming meetings");
    const admin = world.tg.user(ADMIN_ID);
    admin.command("revoke", "805");
    await admin.waitForReply((m) => /revoked/.test(m.text));
    await u.waitForMessage((m) => /revoked/.test(m.text));

    u.command("mybookings");
    const list = await shows(u, "You can still cancel the ones you hold");
    expect(list.text).toContain("Moscow (UTC+3)");
    expect(list.buttons.map((b) => b.text)).toEqual([expect.stringMatching(/^✖️ Cancel/)]);
    // Move (on the list shown before the revoke) says why not, and no dialog opens.
    const move = u.tapButton(/^🔁 Move/, before);
    expect(await u.waitForCallbackAnswer(move)).toMatchObject({
      show_alert: true,
      text: "Your access has been closed: a meeting can no longer be moved, only cancelled.",
    });
    u.command("book");
    await shows(u, "don't have access");

    await press(u, /^✖️ Cancel/, list);
    const ask = await shows(u, "Cancel the meeting on");
    await press(u, "Yes, cancel it", ask);
    await shows(u, "is cancelled. That time is free again");
    expect(world.cal.requestsOf("cancelBooking")).toHaveLength(1);
    expect(calBookings(world).find((b) => b.start === start)?.status).toBe("cancelled");
    await admin.waitForMessage((m) => m.text.startsWith("❌ Cancelled: Sam"));
    expect(world.cal.requestsOf("rescheduleBooking")).toHaveLength(0);

    // Nothing left to cancel: a revoked member is then simply someone without access.
    u.command("mybookings");
    await shows(u, "don't have access");
  });

  it("Russian: a revoked member's reminder offers Cancel only, and cancelling from it works", async () => {
    const u = await member(world, 806, { first_name: "Вера", language_code: "ru" });
    const { start } = await bookRussian(world, u, /Москва/);
    const admin = world.tg.user(ADMIN_ID);
    admin.command("revoke", "806");
    await admin.waitForReply((m) => /revoked/.test(m.text));

    u.command("mybookings");
    const list = await shows(u, "Свои встречи вы по-прежнему можете отменить");
    expect(list.buttons.map((b) => b.text)).toEqual([expect.stringMatching(/^✖️ Отменить/)]);

    world.clock.advance(start - HOUR + 60_000 - world.clock.now());
    await world.app.reminders.tick();
    await waitFor(() => reminders(u).length === 1);
    const reminder = reminders(u)[0] as MessageView;
    expect(reminder.buttons.map((b) => b.text)).toEqual(["✖️ Отменить"]);
    await press(u, "✖️ Отменить", reminder);
    const ask = await shows(u, "Отменить встречу");
    await press(u, "Да, отменить", ask);
    await shows(u, "Это время снова свободно");
    expect(calBookings(world).find((b) => b.start === start)?.status).toBe("cancelled");
  });
});

describe("revoking a member who holds meetings", () => {
  it("/revoke tells the admin how many upcoming meetings the member holds; one button cancels them all, and the member is told each in their language and zone", async () => {
    const vera = await member(world, 807, { first_name: "Вера", language_code: "ru" });
    const first = await bookRussian(world, vera, /Владивосток/);
    const second = await bookRussian(world, vera, "saved");
    const idle = await member(world, 808, { first_name: "Ida", language_code: "en" });
    const admin = world.tg.user(ADMIN_ID);

    admin.command("revoke", "808");
    const plain = await admin.waitForReply((m) => m.text.startsWith("Access revoked for user 808."));
    expect(plain.text).not.toContain("Upcoming meetings");
    expect(plain.buttons).toEqual([]);
    expect(idle.user.id).toBe(808);

    admin.command("revoke", "807");
    const told = await admin.waitForReply((m) => m.text.startsWith("Access revoked for user 807."));
    expect(told.text).toContain("Upcoming meetings they hold: 2.");
    expect(told.buttons.map((b) => b.text)).toEqual(["✖️ Cancel all their meetings"]);
    const data = told.buttons[0]?.callback_data ?? "";

    // Only an admin may use it (forged into the member's own chat: refused, nothing cancelled).
    const forged = vera.tap(vera.lastMessage() as MessageView, data, { force: true });
    expect(await vera.waitForCallbackAnswer(forged)).toMatchObject({ show_alert: true });

    const mark = vera.mark();
    await press(admin, "✖️ Cancel all their meetings", told);
    await admin.waitForReply((m) => m.message_id === told.message_id && /Cancelled: 2\./.test(m.text));
    expect(admin.message(told.message_id)?.buttons).toEqual([]);
    const cancels = world.cal.requestsOf("cancelBooking");
    expect(cancels.map((r) => (r.body as { cancellationReason?: string }).cancellationReason)).toEqual([
      "Cancelled by the sponsor in Telegram",
      "Cancelled by the sponsor in Telegram",
    ]);
    for (const { start } of [first, second]) {
      expect(calBookings(world).find((b) => b.start === start)?.status).toBe("cancelled");
    }
    // Every queued notice delivered, and exactly one message per cancelled meeting.
    await waitFor(
      () =>
        (
          world.app.db.prepare("SELECT count(*) AS n FROM outbox WHERE sent_at IS NULL").get() as {
            n: number;
          }
        ).n === 0 && vera.messagesSince(mark).length >= 2,
    );
    const notes = vera.messagesSince(mark).map((m) => m.text);
    expect(notes).toHaveLength(2);
    expect(new Set(notes).size).toBe(2);
    for (const { label } of [first, second]) {
      const note = notes.find((t) => t.includes(label));
      expect(note).toMatch(/^❌ Спонсор отменил вашу встречу .*Владивосток \(UTC\+10\)/);
    }

    // Tapped again: nothing left, nothing sent.
    const again = admin.tap(told, data, { force: true });
    expect(await admin.waitForCallbackAnswer(again)).toMatchObject({
      show_alert: true,
      text: "No upcoming meetings left to cancel.",
    });
    expect(world.cal.requestsOf("cancelBooking")).toHaveLength(2);
    vera.command("mybookings");
    await shows(vera, "нет доступа");
  });

  it("a meeting the calendar did not cancel is counted, and the button stays for a retry that finishes the job", async () => {
    const rex = await member(world, 809, { first_name: "Rex", language_code: "en" });
    const start = await bookAhead(rex, "Rex");
    const admin = world.tg.user(ADMIN_ID);
    admin.command("revoke", "809");
    const told = await admin.waitForReply((m) => m.text.includes("Upcoming meetings they hold: 1."));
    world.cal.inject("cancelBooking", { type: "status", status: 503 }, 100);
    await press(admin, "✖️ Cancel all their meetings", told);
    const failed = await admin.waitForReply(
      (m) =>
        m.message_id === told.message_id && m.text.includes("Not cancelled, the calendar did not answer: 1."),
    );
    expect(failed.text).toContain("Cancelled: 0.");
    expect(failed.buttons.map((b) => b.text)).toEqual(["✖️ Cancel all their meetings"]);
    expect(calBookings(world).find((b) => b.start === start)?.status).not.toBe("cancelled");
    expect(rex.messages().filter((m) => m.text.startsWith("Your sponsor cancelled"))).toEqual([]);

    world.cal.clearFaults();
    await press(admin, "✖️ Cancel all their meetings", failed);
    await admin.waitForReply((m) => m.message_id === told.message_id && /Cancelled: 1\./.test(m.text));
    expect(calBookings(world).find((b) => b.start === start)?.status).toBe("cancelled");
    await rex.waitForMessage(
      (m) => m.text.startsWith("❌ Your meeting on") && m.text.includes("was cancelled by your sponsor"),
    );
    expect(admin.message(told.message_id)?.buttons).toEqual([]);
  });
});

describe("moving a booking", () => {
  it("offers the times again (its own included), shows old → new, moves it at Cal.com, and reminders follow", async () => {
    const u = await member(world, 821, { first_name: "Yana", language_code: "en" });
    const oldStart = await bookAhead(u, "Yana", 30 * HOUR);
    u.command("mybookings");
    const list = await shows(u, "Your upcoming meetings");
    await press(u, /^🔁 Move/, list);
    const page = await shows(u, /Moving the meeting on[\s\S]*Free times/);
    expect(timeButtons(page).some((b) => slotOf(b.callback_data) === oldStart)).toBe(true);
    const target = timeButtons(page).find((b) => slotOf(b.callback_data) > oldStart);
    if (!target?.callback_data) throw new Error(`no later time on:\n${u.dump()}`);
    const newStart = slotOf(target.callback_data);
    const q = u.tap(page, target.callback_data);
    expect((await u.waitForCallbackAnswer(q)).show_alert).toBe(false);
    const ask = await shows(u, "Move the meeting?");
    expect(ask.text).toMatch(/From: .*\nTo: /);
    await press(u, /Confirm/, ask);
    await shows(u, "the meeting is moved");
    await u.waitForMessage((m) => m.kind === "document");

    const bookings = calBookings(world);
    expect(bookings.find((b) => b.start === oldStart)?.status).toBe("cancelled");
    const moved = bookings.find((b) => b.start === newStart);
    expect(moved?.status).toBe("accepted");
    expect(moved?.rescheduledFromUid).toBeDefined();
    expect(world.cal.requestsOf("rescheduleBooking")).toHaveLength(1);
    await world.tg.user(ADMIN_ID).waitForMessage((m) => m.text.startsWith("🔁 Moved: Yana"));

    u.command("mybookings");
    const after = await shows(u, "Your upcoming meetings");
    expect(after.buttons).toHaveLength(2);
    expect(after.buttons[0]?.callback_data).toContain(moved?.uid ?? "?");

    // Old buttons point at the old booking: refused with an alert.
    const stale = u.tapButton(/^🔁 Move/, list);
    expect((await u.waitForCallbackAnswer(stale)).show_alert).toBe(true);

    world.clock.advance(newStart - HOUR + 60_000 - world.clock.now());
    await world.app.reminders.tick();
    await waitFor(() => reminders(u).length >= 1);
    const last = reminders(u).at(-1);
    expect(last?.text).toContain("in 1 hour");
    expect(reminders(u).filter((m) => m.text.includes("in 1 hour"))).toHaveLength(1);
  });

  it("a meeting that has begun can be neither moved nor cancelled", async () => {
    const u = await member(world, 822, { first_name: "Zlata", language_code: "en" });
    const start = await bookAhead(u, "Zlata");
    u.command("mybookings");
    const list = await shows(u, "Your upcoming meetings");
    world.clock.advance(start + 60_000 - world.clock.now());
    for (const label of [/^🔁 Move/, /^✖️ Cancel/]) {
      const q = u.tapButton(label, list);
      const answer = await u.waitForCallbackAnswer(q);
      expect(answer.show_alert).toBe(true);
      expect(answer.text).toMatch(/already begun/);
    }
    expect(world.cal.requestsOf("cancelBooking")).toHaveLength(0);
    expect(world.cal.requestsOf("rescheduleBooking")).toHaveLength(0);
  });
});

describe("reminders", () => {
  it("arrive 24 h and 1 h before, once each, in the user's language and zone, with Move and Cancel", async () => {
    const u = await member(world, 811, { first_name: "Тимур", language_code: "ru" });
    const { start, label } = await bookRussian(world, u, /Владивосток/, 30 * HOUR);

    await world.app.reminders.tick();
    expect(reminders(u)).toHaveLength(0);

    world.clock.advance(start - 24 * HOUR + 60_000 - world.clock.now());
    await world.app.reminders.tick();
    await world.app.reminders.tick();
    await waitFor(() => reminders(u).length === 1);
    const first = reminders(u)[0];
    expect(first?.text).toContain("завтра");
    expect(first?.text).toContain("Владивосток (UTC+10)");
    expect(first?.text).toContain(label);
    expect(first?.buttons.map((b) => b.text)).toEqual(["🔁 Перенести", "✖️ Отменить"]);

    world.clock.advance(23 * HOUR);
    await world.app.reminders.tick();
    await waitFor(() => reminders(u).length === 2);
    expect(reminders(u)[1]?.text).toContain("через 1 ч");
    world.clock.advance(30 * 60_000);
    await world.app.reminders.tick();
    expect(reminders(u)).toHaveLength(2);
  });

  it("a reminder due while the bot was down goes out once after the restart; one whose meeting began does not", async () => {
    const u = await member(world, 812, { first_name: "Uma", language_code: "en" });
    const start = await bookAhead(u, "Uma", 30 * HOUR);
    await world.app.stop();
    world.clock.advance(start - 2 * HOUR - world.clock.now());
    await world.restart();
    await waitFor(() => reminders(u).length === 1, { description: "the missed 24 h reminder" });
    await world.app.reminders.tick();
    expect(reminders(u)).toHaveLength(1);

    await world.app.stop();
    world.clock.advance(3 * HOUR);
    await world.restart();
    await world.app.reminders.tick();
    expect(reminders(u)).toHaveLength(1);
  });

  it("no reminder for a cancelled booking, and none (and no crash) for a user who blocked the bot", async () => {
    const u = await member(world, 813, { first_name: "Vera", language_code: "en" });
    const start = await bookAhead(u, "Vera", 30 * HOUR);
    u.command("mybookings");
    const list = await shows(u, "Your upcoming meetings");
    await press(u, /^✖️ Cancel/, list);
    await shows(u, "Cancel the meeting on");
    await press(u, "Yes, cancel it");
    await shows(u, "is cancelled");

    const w = await member(world, 814, { first_name: "Walt", language_code: "en" });
    await bookAhead(w, "Walt", 30 * HOUR);
    w.block();
    world.clock.advance(start - 24 * HOUR + 60_000 - world.clock.now());
    await world.app.reminders.tick();
    await world.app.reminders.tick();
    expect(reminders(u)).toHaveLength(0);
    expect(
      world.tg.callsOf("sendMessage").filter((c) => c.chatId === 814 && c.httpStatus === 403),
    ).toHaveLength(1);
    // Still alive.
    u.command("help");
    await shows(u, "Commands");
  });

  it("after a long downtime only the nearest reminder goes, and it tells the real time left", async () => {
    const u = await member(world, 815, { first_name: "Xena", language_code: "en" });
    const start = await bookAhead(u, "Xena", 30 * HOUR);
    await world.app.stop();
    world.clock.advance(start - 30 * 60_000 - world.clock.now());
    await world.restart();
    await world.app.reminders.tick();
    await waitFor(() => reminders(u).length === 1);
    expect(reminders(u)[0]?.text).toContain("in 30 min");
    await world.app.reminders.tick();
    expect(reminders(u)).toHaveLength(1);
  });

  it("follows the host: a meeting cancelled in Cal.com gets no reminder, a moved one is reminded at its new time", async () => {
    const u = await member(world, 816, { first_name: "Yuri", language_code: "en" });
    const start = await bookAhead(u, "Yuri", 30 * HOUR);
    const w = await member(world, 817, { first_name: "Zara", language_code: "en" });
    const other = await bookAhead(w, "Zara", 30 * HOUR);

    // The host cancels Yuri's meeting and moves Zara's three hours later, in Cal.com itself.
    const bookings = calBookings(world);
    const yuri = bookings.find((b) => b.start === start);
    const zara = bookings.find((b) => b.start === other);
    if (!yuri || !zara) throw new Error("bookings missing at the fake");
    yuri.status = "cancelled";
    const moved = world.cal.state.addBooking({
      start: other + 3 * HOUR,
      attendee: zara.attendee,
      rescheduledFromUid: zara.uid,
    });
    zara.status = "cancelled";
    zara.rescheduledToUid = moved.uid;

    world.clock.advance(Math.max(start, other) - HOUR + 60_000 - world.clock.now());
    await world.app.reminders.tick();
    await world.app.reminders.tick();
    expect(reminders(u)).toHaveLength(0);
    expect(reminders(w)).toHaveLength(0);

    world.clock.advance(other + 3 * HOUR - HOUR + 60_000 - world.clock.now());
    await world.app.reminders.tick();
    await world.app.reminders.tick();
    await waitFor(() => reminders(w).length === 1);
    expect(reminders(w)[0]?.text).toContain("in 1 hour");
    expect(reminders(w)[0]?.buttons[0]?.callback_data).toContain(moved.uid);
  });
});

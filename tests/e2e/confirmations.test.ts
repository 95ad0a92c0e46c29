/**
 * Event types that require the sponsor's confirmation (issue 10 item 1): Cal.com answers
 * `pending`, the member is told the request went to the sponsor, admins Confirm or Decline here
 * (or in Cal.com itself), and the member learns the outcome once, in their language and zone —
 * the calendar file and reminders only once accepted.
 */
import { afterEach, describe, expect, it } from "vitest";
import { waitFor } from "../../fakes/support/wait.js";
import type { FakeUser } from "../../fakes/telegram/users.js";
import type { MessageView } from "../../fakes/telegram/views.js";
import {
  calBookings,
  labels,
  member,
  press,
  shows,
  slotOf,
  tapData,
  timeButtons,
  toSummary,
  toSummaryRu,
} from "./booking-helpers.js";
import { ADMIN_ID, startWorld, type World, type WorldOptions } from "./harness.js";

const HOUR = 3_600_000;
let world: World;
afterEach(async () => {
  await world.close();
});

const needsConfirmation = (extra: WorldOptions["calcom"] = {}): Promise<World> =>
  startWorld({ calcom: { eventTypes: [{ requiresConfirmation: true }], ...extra } });

const admin = () => world.tg.user(ADMIN_ID);
const documents = (u: FakeUser) => u.messages().filter((m) => m.kind === "document");
const reminders = (u: FakeUser) => u.messages().filter((m) => m.text.startsWith("⏰"));
const request = (name: string) =>
  admin().waitForMessage((m) => m.text.startsWith(`📨 Booking request: ${name}`) && m.buttons.length === 2);

/** English: the dialog to its end; the summary becomes "Request sent". Returns the Cal.com uid. */
async function requestEn(u: FakeUser, name: string): Promise<{ uid: string; start: number }> {
  const { start } = await toSummary(u, name);
  await press(u, "✅ Confirm");
  const sent = await shows(u, "Request sent to your sponsor");
  expect(sent.text).toContain("Moscow (UTC+3)");
  const b = calBookings(world).find((x) => x.start === start && x.status === "pending");
  if (!b) throw new Error("no pending booking at the fake");
  return { uid: b.uid, start };
}

/** A world that needs confirmation, Zoe (English) with a request sent, and the admins' request message. */
async function zoeRequested(id: number): Promise<{ zoe: FakeUser; uid: string; req: MessageView }> {
  world = await needsConfirmation();
  const zoe = await member(world, id, { first_name: "Zoe", language_code: "en" });
  const { uid } = await requestEn(zoe, "Zoe");
  return { zoe, uid, req: await request("Zoe") };
}

/** Russian: /book → Moscow → the first time at least `minAheadMs` away → … → "Запрос отправлен". */
async function requestRu(u: FakeUser, minAheadMs = 0): Promise<{ uid: string; start: number }> {
  const start = await summaryRu(u, minAheadMs);
  await press(u, /Подтвердить/);
  await shows(u, "Запрос отправлен спонсору");
  const b = calBookings(world).find((x) => x.start === start && x.status === "pending");
  if (!b) throw new Error("no pending booking at the fake");
  return { uid: b.uid, start };
}

/** Russian: /book → Moscow → the first time at least `minAheadMs` away → the summary. */
async function summaryRu(u: FakeUser, minAheadMs = 0): Promise<number> {
  return (await toSummaryRu(world, u, /Москва/, minAheadMs)).start;
}

describe("a booking that needs the sponsor's confirmation", () => {
  it("English: told it went to the sponsor (no .ics, no 'booked'); /mybookings shows it awaiting with Cancel only; Confirm → .ics, admin message settled, a second tap is told", async () => {
    world = await needsConfirmation();
    const zoe = await member(world, 7101, { first_name: "Zoe", language_code: "en" });
    await requestEn(zoe, "Zoe");
    expect(zoe.messages().some((m) => m.text.includes("you're booked"))).toBe(false);
    expect(documents(zoe)).toHaveLength(0);

    const req = await request("Zoe");
    expect(labels(req)).toEqual(["✅ Confirm", "❌ Decline"]);
    expect(req.text).toContain("Moscow (UTC+3)");

    zoe.command("mybookings");
    const list = await shows(zoe, "Your upcoming meetings");
    expect(list.text).toContain("awaiting your sponsor's confirmation");
    expect(labels(list)).toEqual([expect.stringMatching(/^✖️ Cancel/)]);

    await press(admin(), "✅ Confirm", req);
    const ics = await zoe.waitForMessage((m) => m.document?.file_name === "meeting.ics");
    expect(ics.text).toContain("Your sponsor confirmed the meeting!");
    expect(ics.text).toContain("Moscow (UTC+3)");
    expect(world.cal.requestsOf("confirmBooking")).toHaveLength(1);
    await admin().waitForMessage(
      (m) =>
        m.message_id === req.message_id && m.text.includes("✅ Confirmed: Zoe") && m.buttons.length === 0,
    );
    expect(calBookings(world).find((b) => b.status === "accepted")).toBeDefined();

    // Late or second tap on the old buttons: told it was decided, Cal.com not asked again.
    const again = await tapData(admin(), req.message_id, req.buttons[0]?.callback_data ?? "");
    expect(again.show_alert).toBe(true);
    expect(again.text).toContain("already confirmed");
    expect(world.cal.requestsOf("confirmBooking")).toHaveLength(1);

    zoe.command("mybookings");
    const after = await shows(zoe, "Your upcoming meetings");
    expect(after.text).not.toContain("awaiting");
    expect(labels(after)).toEqual([expect.stringMatching(/^🔁 Move/), expect.stringMatching(/^✖️ Cancel/)]);
    expect(documents(zoe)).toHaveLength(1);
  });

  it("the admins' /bookings marks a request as awaiting their confirmation, in their language (no Cal.com status word)", async () => {
    world = await needsConfirmation();
    const zoe = await member(world, 7111, { first_name: "Zoe", language_code: "en" });
    await requestEn(zoe, "Zoe");
    admin().command("bookings");
    const en = await admin().waitForReply((m) => m.text.startsWith("Upcoming bookings: 1"));
    expect(en.text).toMatch(/— Zoe — ⏳ awaiting your confirmation$/m);
    expect(en.text).not.toMatch(/pending|accepted/);

    const ru = world.tg.user(ADMIN_ID, { first_name: "Спонсор", language_code: "ru" });
    ru.command("bookings");
    const list = await ru.waitForReply((m) => m.text.startsWith("Предстоящие записи: 1"));
    expect(list.text).toMatch(/— Zoe — ⏳ ждёт вашего подтверждения$/m);

    await press(admin(), "✅ Confirm", await request("Zoe"));
    await zoe.waitForMessage((m) => m.text.includes("Your sponsor confirmed the meeting!"));
    ru.command("bookings");
    const after = await ru.waitForReply((m) => m.text.startsWith("Предстоящие записи: 1") && m !== list);
    expect(after.text).toMatch(/— Zoe$/m);
    expect(after.text).not.toMatch(/accepted|ждёт/);
  });

  it("the admins' /help says booking requests come with Confirm / Decline (English and Russian)", async () => {
    world = await needsConfirmation();
    admin().command("help");
    await admin().waitForReply((m) =>
      m.text.includes("each booking request comes here with “✅ Confirm” and “❌ Decline”"),
    );
    const ru = world.tg.user(ADMIN_ID, { first_name: "Спонсор", language_code: "ru" });
    ru.command("help");
    await ru.waitForReply((m) =>
      m.text.includes("каждый запрос на встречу приходит сюда с кнопками «✅ Подтвердить» и «❌ Отклонить»"),
    );
  });

  it("an admin's open 'why decline?' shows in the privacy report (its button: a command would drop it), and erasing drops it: a later message declines nothing", async () => {
    world = await needsConfirmation();
    const zoe = await member(world, 7112, { first_name: "Zoe", language_code: "en" });
    const { uid } = await requestEn(zoe, "Zoe");
    const ru = world.tg.user(ADMIN_ID, { first_name: "Спонсор", language_code: "ru" });
    ru.command("help");
    const help = await ru.waitForReply((m) => m.text.startsWith("Команды администратора"));
    await press(
      ru,
      "❌ Decline",
      await ru.waitForMessage((m) => m.text.startsWith("📨 Booking request: Zoe")),
    );
    await ru.waitForMessage((m) => m.text.startsWith("Отклонить запрос: Zoe"));
    await press(ru, "🔒 Приватность", help);
    const report = await shows(ru, "🔒 Что бот хранит о вас");
    expect(report.text).toContain("• Ваш открытый вопрос «Почему отклонить?» по запросу на встречу");
    await press(ru, "🗑 Удалить всё", report);
    await press(ru, "Да, удалить всё", await shows(ru, "Удалить всё, что бот о вас хранит?"));
    await shows(ru, "всё, что бот о вас хранил, удалено");
    const en = world.tg.user(ADMIN_ID, { first_name: "Sponsor", language_code: "en" });
    en.send("hello there");
    await en.waitForReply((m) => m.text.includes("/help"));
    expect(world.cal.requestsOf("declineBooking")).toHaveLength(0);
    expect(calBookings(world).find((b) => b.uid === uid)?.status).toBe("pending");
  });

  it("the member's zone in an admin's message is named in the admin's language, not the member's", async () => {
    world = await needsConfirmation();
    const ivan = await member(world, 7113, { first_name: "Иван", language_code: "ru" });
    await requestRu(ivan);
    const req = await request("Иван");
    expect(req.text).toContain("Member's time zone: Moscow (UTC+3)");
    expect(req.text).not.toContain("Москва");
    await world.close();

    world = await startWorld();
    const zoe = await member(world, 7114, { first_name: "Zoe", language_code: "en" });
    const ru = world.tg.user(ADMIN_ID, { first_name: "Спонсор", language_code: "ru" });
    ru.command("help");
    await ru.waitForReply((m) => m.text.startsWith("Команды администратора"));
    await toSummary(zoe, "Zoe");
    await press(zoe, "✅ Confirm");
    const told = await ru.waitForMessage((m) => m.text.startsWith("📅 Новая запись: Zoe"));
    expect(told.text).toContain("Часовой пояс участника: Москва (UTC+3)");
    expect(told.text).not.toContain("Moscow");
  });

  it("a request whose member erased their data but kept their meetings: Confirm / Decline say the bot no longer keeps it, decide in Cal.com", async () => {
    const { zoe, uid, req } = await zoeRequested(7115);
    zoe.command("privacy");
    await press(zoe, "🗑 Delete everything", await shows(zoe, "What the bot keeps about you"));
    await press(zoe, "Keep meetings, delete the rest", await shows(zoe, "You have 1 upcoming meeting"));
    await shows(zoe, "everything the bot kept about you is deleted");

    const en = await tapData(admin(), req.message_id, req.buttons[0]?.callback_data ?? "");
    expect(en).toMatchObject({ show_alert: true });
    expect(en.text).toContain(
      "the member deleted their data. If it still waits, confirm or decline it in Cal.com.",
    );
    const ru = world.tg.user(ADMIN_ID, { first_name: "Спонсор", language_code: "ru" });
    const told = await tapData(ru, req.message_id, req.buttons[1]?.callback_data ?? "");
    expect(told.text).toContain(
      "участник удалил свои данные. Если запрос ещё ждёт, подтвердите или отклоните его в Cal.com.",
    );
    expect(world.cal.requestsOf("confirmBooking")).toHaveLength(0);
    expect(calBookings(world).find((b) => b.uid === uid)?.status).toBe("pending");
  });

  it("Russian: Decline asks why; the reason survives a restart, reaches Cal.com and the member in Russian, in their zone", async () => {
    world = await needsConfirmation();
    const ivan = await member(world, 7102, { first_name: "Иван", language_code: "ru" });
    const { uid } = await requestRu(ivan);
    const req = await request("Иван");
    await press(admin(), "❌ Decline", req);
    const ask = await admin().waitForMessage((m) => m.text.startsWith("Decline the request: Иван"));
    expect(labels(ask)).toEqual(["No reason", "↩️ Don't decline"]);

    await world.restart();
    admin().send("I'm away that week, sorry");
    await admin().waitForMessage((m) => m.text.includes("❌ Declined: Иван"));
    const told = await ivan.waitForMessage((m) => m.text.startsWith("❌ Спонсор не подтвердил встречу:"));
    expect(told.text).toContain("Причина: I'm away that week, sorry");
    expect(told.text).toContain("/book");
    expect(world.cal.requestsOf("declineBooking").map((r) => r.body)).toEqual([
      { reason: "I'm away that week, sorry" },
    ]);
    expect(world.cal.state.bookings.get(uid)?.status).toBe("rejected");
    await admin().waitForMessage((m) => m.message_id === req.message_id && m.buttons.length === 0);
    expect(documents(ivan)).toHaveLength(0);

    // The admin's next message is a message again, not a reason.
    admin().send("hello");
    await admin().waitForReply(() => true);
    expect(world.cal.requestsOf("declineBooking")).toHaveLength(1);
    ivan.command("mybookings");
    await shows(ivan, "Предстоящих встреч нет");
  });

  it("English: No reason declines without one; Don't decline leaves the request waiting", async () => {
    world = await needsConfirmation();
    const zoe = await member(world, 7103, { first_name: "Zoe", language_code: "en" });
    await requestEn(zoe, "Zoe");
    const req = await request("Zoe");
    await press(admin(), "❌ Decline", req);
    const ask = await admin().waitForMessage((m) => m.text.startsWith("Decline the request: Zoe"));
    await press(admin(), "↩️ Don't decline", ask);
    await admin().waitForMessage((m) => m.message_id === ask.message_id && m.text.includes("Not declined"));
    expect(world.cal.requestsOf("declineBooking")).toHaveLength(0);

    await press(admin(), "❌ Decline", req);
    const ask2 = await admin().waitForMessage(
      (m) => m.text.startsWith("Decline the request: Zoe") && m.message_id !== ask.message_id,
    );
    await press(admin(), "No reason", ask2);
    const told = await zoe.waitForMessage((m) =>
      m.text.startsWith("❌ Your sponsor declined the meeting on"),
    );
    expect(told.text).not.toContain("Reason");
    expect(world.cal.requestsOf("declineBooking").map((r) => r.body)).toEqual([{}]);
  });

  it("confirmed by the sponsor in Cal.com itself: picked up on /mybookings, told once, admins told, old buttons say so", async () => {
    world = await needsConfirmation();
    const zoe = await member(world, 7104, { first_name: "Zoe", language_code: "en" });
    const { uid } = await requestEn(zoe, "Zoe");
    const req = await request("Zoe");
    world.cal.host.confirm(uid);

    zoe.command("mybookings");
    const list = await shows(zoe, "Your upcoming meetings");
    expect(list.text).not.toContain("awaiting");
    await zoe.waitForMessage((m) => m.document?.file_name === "meeting.ics");
    await admin().waitForMessage((m) => m.text.startsWith("✅ Confirmed in Cal.com: Zoe"));

    zoe.command("mybookings");
    await shows(zoe, "Your upcoming meetings");
    const late = await tapData(admin(), req.message_id, req.buttons[1]?.callback_data ?? "");
    expect(late.text).toContain("already confirmed");
    expect(documents(zoe)).toHaveLength(1);
    expect(world.cal.requestsOf("confirmBooking")).toHaveLength(0);
  });

  it("cancelled by the sponsor in Cal.com, then an admin taps Confirm here: the member is told it was cancelled, once", async () => {
    world = await needsConfirmation();
    const zoe = await member(world, 7107, { first_name: "Zoe", language_code: "en" });
    const { uid } = await requestEn(zoe, "Zoe");
    const req = await request("Zoe");
    world.cal.host.cancel(uid, "Away that week");

    const tap = await tapData(admin(), req.message_id, req.buttons[0]?.callback_data ?? "");
    expect(tap.text).toContain("no longer waits");
    const told = await shows(zoe, "was cancelled by your sponsor");
    expect(told.text).toContain("Reason: Away that week");
    await world.app.sync.tick();
    zoe.command("mybookings");
    await shows(zoe, "no upcoming meetings");
    expect(zoe.messages().filter((m) => m.text.includes("cancelled by your sponsor"))).toHaveLength(1);
    expect(world.cal.requestsOf("confirmBooking")).toHaveLength(0);
  });

  it("Russian: no reminder while unconfirmed; confirmed in Cal.com, the check before the next reminder tells the member, then reminds", async () => {
    world = await needsConfirmation();
    const ivan = await member(world, 7105, { first_name: "Иван", language_code: "ru" });
    const { uid, start } = await requestRu(ivan, 30 * HOUR);

    world.clock.advance(start - 24 * HOUR + 60_000 - world.clock.now());
    await world.app.reminders.tick();
    expect(reminders(ivan)).toHaveLength(0);
    expect(world.cal.requestsOf("getBooking").length).toBeGreaterThan(0); // it did ask Cal.com

    world.cal.host.confirm(uid);
    world.clock.advance(start - HOUR + 60_000 - world.clock.now());
    await world.app.reminders.tick();
    await waitFor(() => reminders(ivan).length === 1);
    const ics = await ivan.waitForMessage((m) => m.document?.file_name === "vstrecha.ics");
    expect(ics.text).toContain("Спонсор подтвердил встречу");
    expect(ics.text).toContain("Москва (UTC+3)");
  });

  it("two admins: the first to tap decides; the other is told who decided and their tap says it is decided", async () => {
    const second = 900_002;
    world = await startWorld({
      env: { ADMIN_TELEGRAM_ID: `${ADMIN_ID},${second}` },
      calcom: { eventTypes: [{ requiresConfirmation: true }] },
    });
    const other = world.tg.user(second, { first_name: "Deputy", language_code: "ru", started: true });
    const zoe = await member(world, 7107, { first_name: "Zoe", language_code: "en" });
    await requestEn(zoe, "Zoe");
    const mine = await request("Zoe");
    const theirs = await other.waitForMessage((m) => m.text.startsWith("📨 Запрос на встречу: Zoe"));
    expect(labels(theirs)).toEqual(["✅ Подтвердить", "❌ Отклонить"]);

    await press(admin(), "✅ Confirm", mine);
    await other.waitForMessage((m) => m.text.startsWith("✅ Подтверждено другим админом: Zoe"));
    const late = await tapData(other, theirs.message_id, theirs.buttons[1]?.callback_data ?? "");
    expect(late.show_alert).toBe(true);
    expect(late.text).toBe("Этот запрос уже подтверждён.");
    expect(world.cal.requestsOf("confirmBooking")).toHaveLength(1);
    expect(world.cal.requestsOf("declineBooking")).toHaveLength(0);
    expect(
      admin()
        .messages()
        .filter((m) => m.text.includes("by another admin")),
    ).toHaveLength(0);
  });

  it("a member withdraws a request with Cancel; the admins' request then says it no longer waits", async () => {
    const { zoe, uid, req } = await zoeRequested(7106);
    zoe.command("mybookings");
    const list = await shows(zoe, "Your upcoming meetings");
    await press(zoe, /^✖️ Cancel/, list);
    await press(zoe, "Yes, cancel it", await shows(zoe, "Cancel the meeting on"));
    await shows(zoe, "is cancelled");
    expect(world.cal.state.bookings.get(uid)?.status).toBe("cancelled");
    const late = await tapData(admin(), req.message_id, req.buttons[0]?.callback_data ?? "");
    expect(late.show_alert).toBe(true);
    expect(late.text).toContain("no longer waits");
    expect(world.cal.requestsOf("confirmBooking")).toHaveLength(0);
  });
});

describe("moving a booking on such an event type", () => {
  /** A confirmed booking of `name` (English), and its /mybookings list. */
  async function confirmed(u: FakeUser, name: string): Promise<{ start: number; list: MessageView }> {
    const { uid, start } = await requestEn(u, name);
    world.cal.host.confirm(uid);
    u.command("mybookings");
    await u.waitForMessage((m) => m.document?.file_name === "meeting.ics");
    u.command("mybookings");
    return { start, list: await shows(u, "Your upcoming meetings") };
  }

  async function moveLater(u: FakeUser, list: MessageView, oldStart: number): Promise<void> {
    await press(u, /^🔁 Move/, list);
    const page = await shows(u, /Moving the meeting on[\s\S]*Free times/);
    const target = timeButtons(page).find((b) => slotOf(b.callback_data) > oldStart);
    if (!target?.callback_data) throw new Error(`no later time on:\n${u.dump()}`);
    await u.waitForCallbackAnswer(u.tap(page, target.callback_data));
    await press(u, /Confirm/, await shows(u, "Move the meeting?"));
  }

  it("is sent with rescheduledBy = the sponsor, so the sponsor need not confirm their sponsee's move", async () => {
    // Cal.com builds without the key-owner fallback would leave a bare reschedule pending.
    world = await needsConfirmation({ rescheduleByKeyOwner: false });
    const zoe = await member(world, 7201, { first_name: "Zoe", language_code: "en" });
    const { start, list } = await confirmed(zoe, "Zoe");
    await moveLater(zoe, list, start);
    await shows(zoe, "the meeting is moved");
    expect(
      world.cal
        .requestsOf("rescheduleBooking")
        .map((r) => (r.body as { rescheduledBy?: string }).rescheduledBy),
    ).toEqual(["sponsor@mail.ru"]);
    expect(calBookings(world).filter((b) => b.status === "accepted")).toHaveLength(1);
  });

  it("when Cal.com still leaves the move pending: the member is told it waits, admins get a move request", async () => {
    world = await needsConfirmation({ rescheduleByKeyOwner: false });
    const zoe = await member(world, 7202, { first_name: "Zoe", language_code: "en" });
    const { start, list } = await confirmed(zoe, "Zoe");
    world.cal.inject("getMe", { type: "status", status: 503 }, 10); // the bot cannot learn the sponsor's email
    await moveLater(zoe, list, start);
    await shows(zoe, "Move sent to your sponsor");
    const req = await admin().waitForMessage((m) => m.text.startsWith("📨 Move request: Zoe"));
    expect(labels(req)).toEqual(["✅ Confirm", "❌ Decline"]);
    await press(admin(), "✅ Confirm", req);
    await zoe.waitForMessage((m) => m.text.startsWith("✅ Your sponsor confirmed"));
  });
});

describe("a refusal that is not a refused key (issue 10 item 8)", () => {
  it("English: a 403 on booking says to tell the sponsor, and raises no 'key refused' alarm", async () => {
    world = await startWorld();
    const zoe = await member(world, 7301, { first_name: "Zoe", language_code: "en" });
    await toSummary(zoe, "Zoe");
    world.cal.inject("createBooking", {
      type: "body",
      status: 403,
      body: {
        status: "error",
        error: { code: "ForbiddenException", message: "BookingPbacGuard - no access" },
      },
    });
    await press(zoe, "✅ Confirm");
    const said = await shows(zoe, "calendar's setup");
    expect(said.text).toContain("let your sponsor know");
    expect(said.text).not.toContain("has been told");
    expect(
      admin()
        .messages()
        .some((m) => m.text.includes("refuses the bot's API key")),
    ).toBe(false);
  });

  it("Russian: a refused key does raise the alarm, and only then is the member told the admin knows", async () => {
    world = await startWorld();
    const ivan = await member(world, 7302, { first_name: "Иван", language_code: "ru" });
    await summaryRu(ivan);
    world.cal.inject("createBooking", { type: "status", status: 401 });
    await press(ivan, /Подтвердить/);
    await shows(ivan, "Администратор уже знает");
    await admin().waitForMessage((m) => m.text.includes("refuses the bot's API key"));
  });

  it("a confirm Cal.com refuses as not authorized (401 TRPCError) is told to the admin, with no alarm", async () => {
    world = await needsConfirmation();
    const zoe = await member(world, 7303, { first_name: "Zoe", language_code: "en" });
    await requestEn(zoe, "Zoe");
    const req = await request("Zoe");
    world.cal.inject("confirmBooking", {
      type: "body",
      status: 401,
      body: {
        status: "error",
        error: { code: "TRPCError", message: "User is not authorized to confirm this booking" },
      },
    });
    const q = admin().tapButton("✅ Confirm", req);
    const answer = await admin().waitForCallbackAnswer(q);
    expect(answer.show_alert).toBe(true);
    expect(answer.text).toContain("Confirm or decline it in Cal.com");
    expect(
      admin()
        .messages()
        .some((m) => m.text.includes("refuses the bot's API key")),
    ).toBe(false);
    expect(
      labels(
        admin()
          .messages()
          .find((m) => m.message_id === req.message_id) as MessageView,
      ),
    ).toHaveLength(2);
  });
});

import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { FakeUser } from "../../fakes/telegram/users.js";
import { calBookings, press, shows, slotOf, timeButtons } from "./booking-helpers.js";
import { ADMIN_ID, startWorld, type World } from "./harness.js";
import { bookFrom, joined } from "./privacy-helpers.js";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
let world: World;
beforeEach(async () => {
  world = await startWorld();
});
afterEach(async () => {
  await world.close();
});

const admin = () => world.tg.user(ADMIN_ID);

/** The member moves their `index`-th meeting in /mybookings to the first free time after `afterMs`. */
async function moveTo(user: FakeUser, index: number, afterMs: number): Promise<void> {
  user.command("mybookings");
  const list = await shows(user, "Your upcoming meetings");
  const move = list.buttons.filter((b) => b.text.startsWith("🔁 Move"))[index];
  if (!move?.callback_data) throw new Error(user.dump());
  user.tap(list, move.callback_data);
  let page = await shows(user, /Moving the meeting on[\s\S]*Free times/);
  for (;;) {
    const target = timeButtons(page).find((b) => slotOf(b.callback_data) > afterMs);
    if (target?.callback_data) {
      user.tap(page, target.callback_data);
      break;
    }
    await press(user, /More dates/, page);
    page = await shows(user, /Free times/);
  }
  await press(user, /Confirm/, await shows(user, "Move the meeting?"));
  await shows(user, "the meeting is moved");
}

/** The member cancels their `index`-th meeting in /mybookings. */
async function cancelNth(user: FakeUser, index: number): Promise<void> {
  user.command("mybookings");
  const list = await shows(user, "Your upcoming meetings");
  const cancel = list.buttons.filter((b) => b.text.startsWith("✖️ Cancel"))[index];
  if (!cancel?.callback_data) throw new Error(user.dump());
  user.tap(list, cancel.callback_data);
  await press(user, "Yes, cancel it", await shows(user, "Cancel the meeting on"));
  await shows(user, "is cancelled");
}

describe("/stats", () => {
  it("counts members, bookings, whose cancellations and moves, reminders and blocks — no names", async () => {
    const from = world.clock.now() + 30 * HOUR;
    const dora = await joined(world, 7_700_000_001, { first_name: "Dora", language_code: "en" });
    const s1 = await bookFrom(dora, "Dora", from);
    const amir = await joined(world, 7_700_000_002, { first_name: "Amir", language_code: "en" });
    const s2 = await bookFrom(amir, "Amir", s1 + 1);
    // Bella books and cancels, then loses access; Emil books and moves far out.
    const bella = await joined(world, 7_700_000_003, { first_name: "Bella", language_code: "en" });
    await bookFrom(bella, "Bella", s2 + 1);
    await cancelNth(bella, 0);
    admin().command("revoke", "7700000003");
    await admin().waitForReply((m) => /revoked/.test(m.text));
    const emil = await joined(world, 7_700_000_005, { first_name: "Emil", language_code: "en" });
    await bookFrom(emil, "Emil", s2 + 1);
    await moveTo(emil, 0, s2 + 3 * DAY);
    world.tg.user(7_700_000_004, { first_name: "Cyril", language_code: "en" }).start();
    await admin().waitForMessage((m) => m.text.includes("/approve 7700000004"));

    // Fedor books two; the sponsor, in Cal.com, cancels one and moves the other.
    const fedor = await joined(world, 7_700_000_006, { first_name: "Fedor", language_code: "en" });
    await bookFrom(fedor, "Fedor", s2 + 1);
    await bookFrom(fedor, "Fedor", s2 + 1);
    const [sponsorCancels, sponsorMoves] = calBookings(world).filter((b) => b.attendee.name === "Fedor");
    if (!sponsorCancels || !sponsorMoves) throw new Error("Fedor's bookings are missing at the fake");
    sponsorCancels.status = "cancelled";
    const moved = world.cal.state.addBooking({
      start: s2 + 5 * DAY,
      attendee: sponsorMoves.attendee,
      rescheduledFromUid: sponsorMoves.uid,
    });
    sponsorMoves.status = "cancelled";
    sponsorMoves.rescheduledToUid = moved.uid;
    fedor.command("mybookings"); // the bot learns of the sponsor's changes
    await shows(fedor, "changed on the calendar");

    // Dora blocks the bot; the 24 h reminders of s1 (Dora's) and s2 (Amir's) fall due.
    dora.block();
    world.clock.advance(s2 - 24 * HOUR + 60_000 - world.clock.now());
    await world.app.reminders.tick();
    await amir.waitForMessage((m) => m.text.startsWith("⏰"));

    admin().command("stats");
    const stats = await admin().waitForReply((m) => m.text.startsWith("📊"));
    expect(stats.text).toContain("Members: 4 approved, 1 waiting for a decision, 1 revoked");
    expect(stats.text).toContain("Upcoming bookings: 4");
    expect(stats.text).toContain("• bookings made through the bot: 6 / 6");
    expect(stats.text).toContain("• cancelled by members: 1 / 1");
    expect(stats.text).toContain("• cancelled by you in Cal.com: 1 / 1");
    expect(stats.text).toContain("• moved by members: 1 / 1");
    expect(stats.text).toContain("• moved by you in Cal.com: 1 / 1");
    expect(stats.text).toContain("• reminders delivered: 1 / 1");
    expect(stats.text).toContain("(a reminder could not reach them, last 30 days): 1");
    for (const name of ["Dora", "Amir", "Bella", "Cyril", "Emil", "Fedor", "7700000"]) {
      expect(stats.text).not.toContain(name);
    }

    // Ten days on: the week is empty, the month still counts.
    world.clock.advance(10 * DAY);
    admin().command("stats");
    const later = await admin().waitForReply((m) => m.text.startsWith("📊"));
    expect(later.text).toContain("• bookings made through the bot: 0 / 6");
    expect(later.text).toContain("• moved by you in Cal.com: 0 / 1");
  });

  it("in Russian for a Russian-speaking admin; members are refused", async () => {
    const ru = world.tg.user(ADMIN_ID, { first_name: "Sponsor", language_code: "ru" });
    ru.command("stats");
    const stats = await ru.waitForReply((m) => m.text.startsWith("📊"));
    expect(stats.text).toContain("Участники: одобрено 0, ждут решения 0, доступ закрыт 0");
    expect(stats.text).toContain("• записей через бота: 0 / 0");
    const eva = await joined(world, 7_700_000_005, { first_name: "Eva", language_code: "en" });
    eva.command("stats");
    await shows(eva, "This command is for admins only.");
  });
});

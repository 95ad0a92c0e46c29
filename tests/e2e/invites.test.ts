import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { FakeUser } from "../../fakes/telegram/users.js";
import { labels, press, settled, shows } from "./booking-helpers.js";
import { ADMIN_ID, startWorld, type World } from "./harness.js";
import { joined } from "./privacy-helpers.js";

let world: World;
beforeEach(async () => {
  world = await startWorld();
});
afterEach(async () => {
  await world.close();
});

const DAY = 86_400_000;
const admin = () => world.tg.user(ADMIN_ID);

/** The admin's /invite [note]; returns the link it answers with. */
async function invite(note = ""): Promise<string> {
  admin().command("invite", note);
  const reply = await admin().waitForReply((m) => m.text.includes("https://t.me/"));
  const link = /https:\/\/t\.me\/telecal_test_bot\?start=[A-Za-z0-9_-]+/.exec(reply.text)?.[0];
  if (!link) throw new Error(`no invite link in: ${reply.text}`);
  return link;
}

/** The person taps the link in Telegram: a /start <code> message, as Telegram's apps send it. */
function open(user: FakeUser, link: string): void {
  if (!user.openDeepLink(link)) throw new Error(`Telegram would not open ${link}`);
}

const audit = (action: string) =>
  world.app.db.prepare("SELECT admin_id, target_id FROM admin_audit WHERE action = ?").all(action) as {
    admin_id: number;
    target_id: number | null;
  }[];
const requestsToAdmin = (id: number) =>
  admin()
    .messages()
    .filter((m) => m.text.includes(`/approve ${id}`));

describe("invite links", () => {
  it("a stranger who opens one is let in at once (in Russian), audited, and the admin is told who it was", async () => {
    const link = await invite("для Павла");
    expect(link.split("start=")[1]?.length).toBeGreaterThanOrEqual(16); // ≥ 96 bits of base64url
    expect(admin().lastMessage()?.text).toContain("для Павла");

    const pavel = world.tg.user(7_500_000_001, {
      first_name: "Павел",
      username: "pasha",
      language_code: "ru",
    });
    open(pavel, link);
    const welcome = await shows(pavel, "Добро пожаловать, Павел");
    expect(labels(welcome)).toEqual(expect.arrayContaining(["📅 Записаться", "🗓 Мои встречи"]));
    const told = await admin().waitForMessage((m) => m.text.includes("was used by"));
    expect(told.text).toContain("(для Павла)");
    expect(told.text).toContain("Павел (@pasha), ID 7500000001");
    expect(requestsToAdmin(7_500_000_001)).toHaveLength(0);
    expect(audit("approve_invite")).toEqual([{ admin_id: ADMIN_ID, target_id: 7_500_000_001 }]);

    pavel.command("book");
    await shows(pavel, "часовом поясе");
    admin().command("users");
    await admin().waitForReply((m) => m.text.includes("7500000001"));
  });

  it("an invite used twice approves once: the second person (English) is told it is no longer valid and asks normally", async () => {
    const link = await invite();
    const first = world.tg.user(7_500_000_002, { first_name: "Rita", language_code: "en" });
    const second = world.tg.user(7_500_000_003, { first_name: "Sam", language_code: "en" });
    open(first, link);
    open(second, link); // both before the bot has answered either
    await settled(world);
    const approved = [first, second].filter((u) => u.messages().some((m) => m.text.startsWith("Welcome,")));
    const refused = [first, second].filter((u) =>
      u.messages().some((m) => m.text === "This invitation is no longer valid."),
    );
    expect(approved).toHaveLength(1);
    expect(refused).toHaveLength(1);
    expect(audit("approve_invite")).toHaveLength(1);
    const loser = refused[0] ?? second;
    await loser.waitForMessage((m) => m.text.includes("sent an access request"));
    await admin().waitForMessage((m) => m.text.includes(`/approve ${loser.id}`));

    // The winner opening it again is a member now: just the menu.
    const winner = approved[0] ?? first;
    open(winner, link);
    await shows(winner, /^Hello, (Rita|Sam)! What would you like to do\?/);
  });

  it("an expired or made-up code never approves (injected clock); a malformed payload is refused the same way", async () => {
    const link = await invite();
    world.clock.advance(7 * DAY + 60_000);
    const tim = world.tg.user(7_500_000_004, { first_name: "Tim", language_code: "en" });
    open(tim, link);
    await shows(tim, "This invitation is no longer valid.");
    await tim.waitForMessage((m) => m.text.includes("sent an access request"));

    const ulla = world.tg.user(7_500_000_005, { first_name: "Улла", language_code: "ru" });
    open(ulla, "https://t.me/telecal_test_bot?start=AAAAAAAAAAAAAAAAAAAAAA");
    await shows(ulla, "Это приглашение больше не действует.");
    const vic = world.tg.user(7_500_000_006, { first_name: "Vic", language_code: "en" });
    vic.send("/start not a valid payload!"); // typed: Telegram's links cannot carry this
    await shows(vic, "This invitation is no longer valid.");
    await settled(world);
    expect(audit("approve_invite")).toHaveLength(0);
    for (const id of [7_500_000_004, 7_500_000_005, 7_500_000_006]) {
      expect(world.app.db.prepare("SELECT 1 FROM users WHERE telegram_id = ?").get(id)).toBeUndefined();
    }
  });

  it("/invites lists open invitations with Revoke; a revoked one no longer works; a member's tap leaves it open", async () => {
    const kept = await invite("kept one");
    const revoked = await invite("to revoke");
    const member = await joined(world, 7_500_000_007, { first_name: "Wes", language_code: "en" });
    open(member, kept);
    await shows(member, "Hello, Wes!");

    admin().command("invites");
    const list = await admin().waitForReply((m) => m.text.startsWith("Open invitations: 2"));
    expect(list.text).toContain("1. kept one");
    expect(list.text).toContain("2. to revoke");
    expect(labels(list)).toEqual(["✖️ Revoke 1", "✖️ Revoke 2"]);
    await press(admin(), "✖️ Revoke 2", list);
    const after = await admin().waitForMessage(
      (m) => m.message_id === list.message_id && m.text.startsWith("Open invitations: 1"),
    );
    expect(after.text).not.toContain("to revoke");
    expect(audit("invite_revoke")).toHaveLength(1);

    const xena = world.tg.user(7_500_000_008, { first_name: "Xena", language_code: "en" });
    open(xena, revoked);
    await shows(xena, "This invitation is no longer valid.");
  });

  it("members cannot make or list invitations", async () => {
    const yan = await joined(world, 7_500_000_009, { first_name: "Yan", language_code: "en" });
    yan.command("invite", "me");
    await shows(yan, "This command is for admins only.");
    yan.command("invites");
    await shows(yan, "This command is for admins only.");
    expect(audit("invite_create")).toHaveLength(0);
  });
});

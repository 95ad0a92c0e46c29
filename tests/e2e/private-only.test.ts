/**
 * Personal data (lists, bookings, dialogs, admin commands) is served in private chats only
 * (SPEC §3 "Privacy"): in a group the bot says one line pointing to its private chat, and nothing
 * else; a button there gets that line as an alert. Names shown to admins are plain text that
 * Telegram does not turn into mentions, links, hashtags or commands.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { FakeUser } from "../../fakes/telegram/users.js";
import { bookFirst, calBookings, member, pickTime, press, settled, shows } from "./booking-helpers.js";
import { ADMIN_ID, startWorld, type World } from "./harness.js";

let world: World;
beforeEach(async () => {
  world = await startWorld();
});
afterEach(async () => {
  await world.close();
});

const LINK = "https://t.me/telecal_test_bot";
const POINTER_EN = `Please write to me in a private chat: ${LINK}`;
const POINTER_RU = `Напишите мне, пожалуйста, в личном чате: ${LINK}`;
const admin = () => world.tg.user(ADMIN_ID);

/** What the bot said in the group since `mark`. */
const saidSince = (chat: FakeUser, mark: number) => chat.messagesSince(mark).map((m) => m.text);

describe("in a group", () => {
  it("members' and admins' commands get one line pointing to the private chat, and nothing happens", async () => {
    const nina = await member(world, 1901, { first_name: "Nina", language_code: "en" });
    await bookFirst(nina, "Nina");
    const ivan = world.tg.user(1902, { first_name: "Иван", language_code: "ru" });
    const group = world.tg.group({ title: "Home group", members: [nina, admin(), ivan] });
    const inGroup = (u: FakeUser) => u.in(group);

    const cases: Array<[FakeUser, string, string, string]> = [
      [nina, "mybookings", "", POINTER_EN],
      [nina, "book", "", POINTER_EN],
      [nina, "cancel", "", POINTER_EN],
      [nina, "help", "", POINTER_EN],
      [admin(), "users", "", POINTER_EN],
      [admin(), "pending", "", POINTER_EN],
      [admin(), "bookings", "", POINTER_EN],
      [admin(), "approve", "1902", POINTER_EN],
      [admin(), "revoke", "1901", POINTER_EN],
      [ivan, "start", "", POINTER_RU],
    ];
    for (const [user, command, args, pointer] of cases) {
      const mark = inGroup(user).mark();
      inGroup(user).command(command, args, { mention: true });
      await settled(world);
      expect(saidSince(inGroup(user), mark), `/${command}`).toEqual([pointer]);
    }
    // Nothing was done: no dialog, no approval, no revocation, no request.
    expect(nina.messages().filter((m) => /time zone|revoked/.test(m.text))).toEqual([]);
    expect(
      admin()
        .messages()
        .filter((m) => m.text.includes("/approve 1902")),
    ).toEqual([]);
    nina.command("mybookings");
    await shows(nina, "Your upcoming meetings:");
  });

  it("a button in a group gets the line as an alert and does nothing; chatter gets no answer", async () => {
    const nina = await member(world, 1903, { first_name: "Nina", language_code: "en" });
    const stranger = world.tg.user(1904, { first_name: "Stranger", language_code: "en" });
    const group = world.tg.group({ title: "Home group", members: [nina, admin(), stranger] });
    group.promoteBot({ by: admin() }); // an admin bot sees every message
    const mark = group.mark();
    nina.in(group).command("mybookings", "", { mention: true });
    const pointer = await nina.in(group).waitForReply((m) => m.text === POINTER_EN);
    for (const data of ["menu:mybookings", "menu:book", "acc:a:1904", "pg:us:1"]) {
      const q = admin().in(group).tap(pointer, data, { force: true });
      expect(await admin().in(group).waitForCallbackAnswer(q)).toMatchObject({
        show_alert: true,
        text: POINTER_EN,
      });
    }
    nina.in(group).send("Hi all, see you at the meeting @telecal_test_bot");
    stranger.in(group).send("/approve 1904");
    await settled(world);
    expect(group.messagesSince(mark).map((m) => m.text)).toEqual([POINTER_EN, POINTER_EN]);
    stranger.start();
    await stranger.waitForReply((m) => /access request/.test(m.text));
  });
});

describe("names shown to admins", () => {
  it("a stranger's @mention, links, hashtag or command in their name are shown as plain text", async () => {
    const first = "@durov https://evil.example/login";
    const last = "pay.me #free /revoke evil@mail.ru";
    const trick = world.tg.user(1905, {
      first_name: first,
      last_name: last,
      username: "real_one",
      language_code: "en",
    });
    trick.start();
    const notice = await admin().waitForMessage((m) => m.text.includes("/approve 1905"));
    const plain = (s: string) => s.replace(/\u200D/g, "");
    expect(plain(notice.text)).toContain(`Name: ${first} ${last}`);
    const entities = notice.entities.map((e) => ({
      type: e.type,
      text: notice.text.slice(e.offset, e.offset + e.length),
    }));
    expect(entities).toEqual([
      { type: "mention", text: "@real_one" },
      { type: "bot_command", text: "/approve" },
      { type: "bot_command", text: "/reject" },
    ]);
    admin().command("pending");
    const list = await admin().waitForReply((m) => m.text.startsWith("Waiting for a decision"));
    const kinds = list.entities.map((e) => `${e.type}:${list.text.slice(e.offset, e.offset + e.length)}`);
    expect(kinds).toEqual(["mention:@real_one", "bot_command:/approve", "bot_command:/reject"]);
  });

  it("a name a member typed for a booking reaches the admin's notice and /bookings as plain text", async () => {
    const typed = "@durov see https://evil.example #free";
    const zoe = await member(world, 1906, { first_name: "Zoe", language_code: "en" });
    zoe.command("book");
    await press(zoe, "Moscow (UTC+3)", await shows(zoe, "Which time zone"));
    await pickTime(zoe, await shows(zoe, /^Free times/));
    zoe.send(typed);
    await press(zoe, "Skip", await shows(zoe, "Give an email"));
    await press(zoe, /Confirm/, await shows(zoe, "Please check:"));
    await shows(zoe, "you're booked");
    const notice = await admin().waitForMessage((m) => m.text.startsWith("📅 New booking:"));
    expect(notice.text.replace(/\u200D/g, "")).toContain(typed);
    expect(notice.entities).toEqual([]);
    admin().command("bookings");
    const list = await admin().waitForReply((m) => m.text.startsWith("Upcoming bookings: 1"));
    expect(list.entities).toEqual([]);
    expect(calBookings(world)[0]?.attendee.name).toBe(typed); // Cal.com gets the name as typed
  });
});

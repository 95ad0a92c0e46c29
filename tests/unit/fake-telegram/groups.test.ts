import { Api, Bot, GrammyError, InlineKeyboard } from "grammy";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type FakeTelegram, type FakeUser, startFakeTelegram } from "../../../fakes/telegram/index.js";

let fake: FakeTelegram;
let api: Api;
let alice: FakeUser;
let bob: FakeUser;

async function desc(p: Promise<unknown>): Promise<[number, string]> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(GrammyError);
  return [(e as GrammyError).error_code, (e as GrammyError).description];
}

async function start(opts: Parameters<typeof startFakeTelegram>[0] = {}): Promise<void> {
  fake = await startFakeTelegram({ botUsername: "telecal_test_bot", ...opts });
  api = new Api(fake.token, { apiRoot: fake.apiRoot });
  alice = fake.user(1001, { first_name: "Alice", username: "alice" });
  bob = fake.user(1002, { first_name: "Bob" });
}

afterEach(async () => {
  await fake.close();
});

describe("groups: what users send and the bot sees", () => {
  beforeEach(() => start());

  it("a supergroup message carries the group chat and the sender; the bot can answer there", async () => {
    const team = fake.group(-1001234567890, { title: "Team", members: [alice, bob] });
    expect(team.type).toBe("supergroup");
    const sent = alice.in(team).command("book", "", { mention: true });
    expect(sent.update_id).toBeTypeOf("number");
    expect(sent.message).toMatchObject({
      chat: { id: -1001234567890, type: "supergroup", title: "Team" },
      from: { id: 1001, first_name: "Alice", is_bot: false },
      text: "/book@telecal_test_bot",
    });
    const reply = await api.sendMessage(team.id, "Booking opens in a private chat", {
      reply_parameters: { message_id: sent.message_id },
    });
    expect(reply.chat).toEqual({ id: -1001234567890, type: "supergroup", title: "Team" });
    expect(team.lastMessage()?.text).toBe("Booking opens in a private chat");
    expect(alice.in(team).lastMessage()?.reply_to_message_id).toBe(sent.message_id);
    expect(alice.lastMessage()).toBeUndefined(); // nothing in the private chat
    // Writing in a group does not open the private chat: the bot still can't write to Bob first.
    bob.in(team).command("book", "", { mention: true });
    expect(await desc(api.sendMessage(bob.id, "hi"))).toEqual([
      403,
      "Forbidden: bot can't initiate conversation with a user",
    ]);
  });

  it("basic groups have small negative ids and type 'group'; ids of the wrong form are refused", async () => {
    const g = fake.group(-4012345, { type: "group", title: "Family", members: [alice] });
    expect(g.chat).toEqual({ id: -4012345, title: "Family", type: "group" });
    expect(alice.in(g).send("/start@telecal_test_bot").message.chat).toMatchObject({ type: "group" });
    expect(() => fake.group(-1001, { type: "supergroup" })).toThrow(/supergroup ids are -100/);
    expect(() => fake.group(-1001234567890, { type: "group" })).toThrow(/is a supergroup id/);
    expect(() => fake.group(5, {})).toThrow(/negative/);
    const auto = fake.group({ title: "Auto" });
    expect(auto.id).toBeLessThan(-1_000_000_000_000);
    expect(fake.group(auto.id)).toBe(auto);
  });

  it("privacy mode (default): commands for this bot and replies to it get through, chatter doesn't", async () => {
    const team = fake.group({ members: [alice, bob] });
    const inTeam = alice.in(team);
    expect(inTeam.send("hello all").update_id).toBeUndefined();
    expect(inTeam.command("book").update_id).toBeUndefined(); // general command, bot never spoke here
    expect(inTeam.command("book", "", { mention: true }).update_id).toBeTypeOf("number");
    expect(inTeam.send("/other@another_bot").update_id).toBeUndefined();
    const botMsg = await api.sendMessage(team.id, "Pick a time");
    expect(inTeam.command("book").update_id).toBeTypeOf("number"); // bot was the last bot to speak
    team.otherBotPosts("I am another bot");
    expect(inTeam.command("book").update_id).toBeUndefined();
    expect(inTeam.send("10:00 please", { replyTo: botMsg.message_id }).update_id).toBeTypeOf("number");
    expect(bob.in(team).send("me too", { replyTo: botMsg.message_id }).update_id).toBeTypeOf("number");
    expect(fake.withheldGroupMessages().map((u) => (u.message as { text: string }).text)).toEqual([
      "hello all",
      "/book",
      "/other@another_bot",
      "/book",
    ]);
    // Service messages always reach the bot.
    const carol = fake.user(1003, { first_name: "Carol" });
    const joined = team.join(carol);
    expect(joined?.update_id).toBeTypeOf("number");
    expect(joined?.message).toMatchObject({ new_chat_members: [{ id: 1003 }] });
    expect(() => fake.user(1004).in(team).send("I'm not in it")).toThrow(/not a member/);
  });

  it("an admin bot sees everything; so does a bot without privacy mode (getMe tells)", async () => {
    const team = fake.group({ members: [alice], botStatus: "administrator" });
    expect(alice.in(team).send("chatter").update_id).toBeTypeOf("number");
    expect((await api.getMe()).can_read_all_group_messages).toBe(false);
    await fake.close();
    await start({ groupPrivacy: false });
    expect((await api.getMe()).can_read_all_group_messages).toBe(true);
    const open = fake.group({ members: [alice] });
    expect(alice.in(open).send("chatter").update_id).toBeTypeOf("number");
  });

  it("buttons work in groups: any member taps, the update carries the group message", async () => {
    const team = fake.group({ members: [alice, bob] });
    const msg = await api.sendMessage(team.id, "Vote", {
      reply_markup: new InlineKeyboard().text("Yes", "vote:yes").text("No", "vote:no"),
    });
    const q = bob.in(team).tapButton("No");
    const update = fake.pendingUpdates().at(-1);
    expect(update?.callback_query).toMatchObject({
      id: q,
      from: { id: 1002 },
      data: "vote:no",
      message: { message_id: msg.message_id, chat: { id: team.id, type: "supergroup" } },
    });
    await api.answerCallbackQuery(q, { text: "Counted" });
    expect(bob.callbackAnswer(q)?.text).toBe("Counted");
    expect(alice.in(team).tap(msg, "vote:yes")).toBeTypeOf("string");
  });
});

describe("groups: the bot's membership", () => {
  beforeEach(() => start());

  it("added by a user → my_chat_member (left → member) and a new_chat_members service message", async () => {
    const team = fake.group({ title: "New", members: [alice], botStatus: "left" });
    expect(await desc(api.sendMessage(team.id, "hi"))).toEqual([
      403,
      "Forbidden: bot is not a member of the supergroup chat",
    ]);
    team.addBot({ by: alice });
    const [added, service] = fake.pendingUpdates();
    expect(added?.my_chat_member).toMatchObject({
      chat: { id: team.id, type: "supergroup", title: "New" },
      from: { id: 1001 },
      old_chat_member: { status: "left", user: { id: fake.bot.id, is_bot: true } },
      new_chat_member: { status: "member", user: { id: fake.bot.id } },
    });
    expect(service?.message).toMatchObject({ new_chat_members: [{ id: fake.bot.id, is_bot: true }] });
    await api.sendMessage(team.id, "Hello, team");
  });

  it("kicked or left: Client.cpp's 403s, per chat type", async () => {
    const sg = fake.group({ members: [alice] });
    sg.removeBot({ by: alice });
    expect(fake.pendingUpdates().at(-1)?.my_chat_member?.new_chat_member).toMatchObject({
      status: "kicked",
      until_date: 0,
    });
    expect(await desc(api.sendMessage(sg.id, "hi"))).toEqual([
      403,
      "Forbidden: bot was kicked from the supergroup chat",
    ]);
    expect(await desc(api.getChat(sg.id))).toEqual([
      403,
      "Forbidden: bot was kicked from the supergroup chat",
    ]);
    expect(alice.in(sg).command("book", "", { mention: true }).update_id).toBeUndefined(); // not there

    const g = fake.group({ type: "group", members: [alice] });
    g.removeBot({ by: alice });
    expect(await desc(api.sendMessage(g.id, "hi"))).toEqual([
      403,
      "Forbidden: bot was kicked from the group chat",
    ]);
    expect((await api.getChat(g.id)).type).toBe("group"); // reading a basic group still works
    g.addBot({ by: alice });
    await api.sendMessage(g.id, "back");
    g.removeBot({ by: alice, kick: false });
    expect(await desc(api.sendMessage(g.id, "hi"))).toEqual([
      403,
      "Forbidden: bot is not a member of the group chat",
    ]);

    // A public supergroup: addressable as @username, readable when not a member, not writable.
    const pub = fake.group({ username: "telecal_public", members: [alice], botStatus: "left" });
    expect((await api.getChat("@telecal_public")).id).toBe(pub.id);
    expect(await desc(api.sendMessage("@telecal_public", "hi"))).toEqual([
      403,
      "Forbidden: bot is not a member of the supergroup chat",
    ]);
  });

  it("a bot that is not an admin can delete only its own messages in a group", async () => {
    const team = fake.group({ members: [alice] });
    const own = await api.sendMessage(team.id, "mine");
    const theirs = alice.in(team).command("book", "", { mention: true });
    expect(await api.deleteMessage(team.id, own.message_id)).toBe(true);
    expect(await desc(api.deleteMessage(team.id, theirs.message_id))).toEqual([
      400,
      "Bad Request: message can't be deleted for everyone",
    ]);
    team.promoteBot({ by: alice });
    expect(fake.pendingUpdates().at(-1)?.my_chat_member?.new_chat_member).toMatchObject({
      status: "administrator",
      can_delete_messages: true,
    });
    expect(await api.deleteMessage(team.id, theirs.message_id)).toBe(true);
  });

  it("commands can be scoped to a group chat", async () => {
    const team = fake.group({ members: [alice] });
    await api.setMyCommands([{ command: "book", description: "Book" }], {
      scope: { type: "chat", chat_id: team.id },
    });
    expect(fake.commands(`chat:${team.id}`)).toEqual([{ command: "book", description: "Book" }]);
    team.removeBot({ by: alice });
    expect(
      await desc(
        api.setMyCommands([{ command: "x", description: "x" }], {
          scope: { type: "chat", chat_id: team.id },
        }),
      ),
    ).toEqual([403, "Forbidden: bot was kicked from the supergroup chat"]);
  });
});

describe("a grammY bot in a group", () => {
  let bot: Bot;
  let running: Promise<void> | undefined;

  beforeEach(async () => {
    await start();
    bot = new Bot(fake.token, { client: { apiRoot: fake.apiRoot } });
    bot.command("book", (ctx) =>
      ctx.reply(
        ctx.chat.type === "private" ? "Pick a time" : `${ctx.from?.first_name}, let's talk in private`,
        {
          reply_markup: new InlineKeyboard().text("OK", "ok"),
        },
      ),
    );
    bot.callbackQuery("ok", (ctx) => ctx.answerCallbackQuery({ text: `Thanks, ${ctx.from.first_name}` }));
    running = bot.start({ timeout: 1 });
    await fake.waitForPolling();
  });

  afterEach(async () => {
    if (bot.isRunning()) await bot.stop();
    await running;
  });

  it("answers /book@bot in the group and a member's tap", async () => {
    const team = fake.group({ title: "Team", members: [alice, bob] });
    alice.in(team).command("book", "", { mention: true });
    const reply = await alice.in(team).waitForReply();
    expect(reply.text).toBe("Alice, let's talk in private");
    expect(reply.chat_id).toBe(team.id);
    const q = bob.in(team).tap(reply, "ok");
    expect(await bob.in(team).waitForCallbackAnswer(q)).toMatchObject({ text: "Thanks, Bob" });
    // Plain /book now reaches the bot too: it was the last bot to write in the group.
    bob.in(team).command("book");
    expect((await team.waitForMessage((m) => m.text.startsWith("Bob"))).text).toBe(
      "Bob, let's talk in private",
    );
  });
});

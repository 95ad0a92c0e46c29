import { Api, GrammyError } from "grammy";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type FakeTelegram, type FakeUser, startFakeTelegram } from "../../../fakes/telegram/index.js";

let fake: FakeTelegram;
let api: Api;
let alice: FakeUser;

beforeEach(async () => {
  fake = await startFakeTelegram({ botUsername: "telecal_test_bot", botFirstName: "TeleCal" });
  api = new Api(fake.token, { apiRoot: fake.apiRoot });
  alice = fake.user(1001, { first_name: "Alice" });
});

afterEach(async () => {
  await fake.close();
});

async function desc(p: Promise<unknown>): Promise<string> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(GrammyError);
  return (e as GrammyError).description;
}

describe("set/getMyDescription, set/getMyShortDescription, set/getMyName", () => {
  it("unset → empty string; stored per language_code; '' removes the dedicated text", async () => {
    expect(await api.getMyDescription()).toEqual({ description: "" });
    expect(await api.getMyShortDescription()).toEqual({ short_description: "" });
    expect(await api.getMyName()).toEqual({ name: "TeleCal" });

    await api.setMyDescription("Book a one-hour meeting");
    await api.setMyDescription("Запишитесь на встречу", { language_code: "ru" });
    await api.setMyShortDescription("Meetings", { language_code: "en" });
    expect(await api.getMyDescription()).toEqual({ description: "Book a one-hour meeting" });
    expect(await api.getMyDescription({ language_code: "ru" })).toEqual({
      description: "Запишитесь на встречу",
    });
    expect(await api.getMyDescription({ language_code: "de" })).toEqual({ description: "" });
    expect(await api.getMyShortDescription({ language_code: "en" })).toEqual({
      short_description: "Meetings",
    });
    expect(await api.getMyShortDescription()).toEqual({ short_description: "" });

    await api.setMyDescription("", { language_code: "ru" });
    expect(await api.getMyDescription({ language_code: "ru" })).toEqual({ description: "" });
    await api.setMyName("Календарь", { language_code: "ru" });
    expect(await api.getMyName({ language_code: "ru" })).toEqual({ name: "Календарь" });
    await api.setMyName("", { language_code: "ru" });
    expect(await api.getMyName({ language_code: "ru" })).toEqual({ name: "TeleCal" });

    expect(await desc(api.setMyDescription("x", { language_code: "rus" as never }))).toBe(
      "Bad Request: invalid language code specified",
    );
  });

  it("limits from the Bot API docs: description 512, short description 120, name 64 characters", async () => {
    await api.setMyDescription("я".repeat(512));
    await api.setMyDescription("🌸".repeat(512)); // code points, like message texts
    expect(await desc(api.setMyDescription("я".repeat(513)))).toMatch(
      /^Bad Request: description is longer than 512 characters/,
    );
    await api.setMyShortDescription("x".repeat(120));
    expect(await desc(api.setMyShortDescription("x".repeat(121)))).toMatch(
      /^Bad Request: short_description is longer than 120 characters/,
    );
    await api.setMyName("n".repeat(64));
    expect(await desc(api.setMyName("n".repeat(65)))).toMatch(
      /^Bad Request: name is longer than 64 characters/,
    );
    expect(await api.getMyDescription()).toEqual({ description: "🌸".repeat(512) }); // refused calls changed nothing
  });
});

describe("deep links (openDeepLink)", () => {
  it("t.me/<bot>?start=<payload> is a /start <payload> message with a bot_command entity", () => {
    const sent = alice.openDeepLink("https://t.me/telecal_test_bot?start=invite_A1-b2");
    expect(sent?.message).toMatchObject({
      chat: { id: 1001, type: "private" },
      text: "/start invite_A1-b2",
      entities: [{ type: "bot_command", offset: 0, length: 6 }],
    });
    expect(fake.pendingUpdates().at(-1)?.message?.text).toBe("/start invite_A1-b2");
  });

  it("other spellings: no scheme, telegram.me, tg://resolve, any case of the username, empty payload", () => {
    expect(alice.openDeepLink("t.me/telecal_test_bot?start=a")?.message.text).toBe("/start a");
    expect(alice.openDeepLink("https://telegram.me/TeleCal_Test_Bot?start=b")?.message.text).toBe("/start b");
    expect(alice.openDeepLink("tg://resolve?domain=telecal_test_bot&start=c")?.message.text).toBe("/start c");
    expect(alice.openDeepLink("https://t.me/telecal_test_bot?start=")?.message.text).toBe("/start");
  });

  it("a payload Telegram does not allow is dropped: the chat just opens and nothing is sent", async () => {
    const before = fake.pendingUpdates().length;
    expect(alice.openDeepLink("https://t.me/telecal_test_bot?start=has%20space")).toBeUndefined();
    expect(alice.openDeepLink("https://t.me/telecal_test_bot?start=a.b")).toBeUndefined();
    expect(alice.openDeepLink(`https://t.me/telecal_test_bot?start=${"x".repeat(65)}`)).toBeUndefined();
    expect(alice.openDeepLink("https://t.me/telecal_test_bot")).toBeUndefined();
    expect(fake.pendingUpdates()).toHaveLength(before);
    expect(alice.openDeepLink(`https://t.me/telecal_test_bot?start=${"x".repeat(64)}`)?.message.text).toBe(
      `/start ${"x".repeat(64)}`,
    );
    // The user never wrote, so the bot still can't write to them.
    const fresh = fake.user(1009, { first_name: "Fresh" });
    fresh.openDeepLink("https://t.me/telecal_test_bot?start=bad.payload");
    expect(await desc(api.sendMessage(fresh.id, "hi"))).toBe(
      "Forbidden: bot can't initiate conversation with a user",
    );
    fresh.openDeepLink("https://t.me/telecal_test_bot?start=ok");
    await api.sendMessage(fresh.id, "hi");
  });

  it("a link to another bot is a test bug", () => {
    expect(() => alice.openDeepLink("https://t.me/some_other_bot?start=x")).toThrow(
      /not a link to @telecal_test_bot/,
    );
    expect(() => alice.openDeepLink("https://example.com/?start=x")).toThrow(/not a link/);
  });

  it("startgroup=<payload>: the bot is added to the picked group and gets /start@bot <payload> there", () => {
    const team = fake.group({ title: "Team", members: [alice], botStatus: "left" });
    expect(() => alice.openDeepLink("https://t.me/telecal_test_bot?startgroup=spaceship")).toThrow(
      /needs \{ group \}/,
    );
    const sent = alice.openDeepLink("https://t.me/telecal_test_bot?startgroup=spaceship", { group: team });
    expect(sent?.message).toMatchObject({
      chat: { id: team.id, type: "supergroup" },
      text: "/start@telecal_test_bot spaceship",
    });
    const kinds = fake.pendingUpdates().map((u) => Object.keys(u).find((k) => k !== "update_id"));
    expect(kinds).toEqual(["my_chat_member", "message", "message"]); // added, new_chat_members, /start
    expect(team.botStatus).toBe("member");
    // Already in the group: just the command.
    alice.openDeepLink("https://t.me/telecal_test_bot?startgroup=again", { group: team });
    expect(fake.pendingUpdates().at(-1)?.message?.text).toBe("/start@telecal_test_bot again");
  });
});

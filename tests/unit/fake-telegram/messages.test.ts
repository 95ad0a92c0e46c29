import { Api, GrammyError, InlineKeyboard } from "grammy";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type FakeTelegram, type FakeUser, startFakeTelegram } from "../../../fakes/telegram/index.js";

let fake: FakeTelegram;
let api: Api;
let alice: FakeUser;

beforeEach(async () => {
  fake = await startFakeTelegram();
  api = new Api(fake.token, { apiRoot: fake.apiRoot });
  alice = fake.user(1001, { first_name: "Alice", username: "alice", language_code: "ru" });
  alice.start();
});

afterEach(async () => {
  await fake.close();
});

async function apiError(p: Promise<unknown>): Promise<GrammyError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(GrammyError);
  return e as GrammyError;
}

describe("sendMessage", () => {
  it("returns the Message like Telegram, with auto-detected entities, and records it in the chat", async () => {
    const msg = await api.sendMessage(alice.chatId, "  Use /approve 42 or visit https://cal.com  ");
    expect(msg).toMatchObject({
      message_id: 2,
      from: { id: fake.bot.id, is_bot: true, username: fake.bot.username },
      chat: { id: 1001, type: "private", first_name: "Alice", username: "alice" },
      text: "Use /approve 42 or visit https://cal.com",
      entities: [
        { type: "bot_command", offset: 4, length: 8 },
        { type: "url", offset: 25, length: 15 },
      ],
    });
    expect(msg.date).toBeTypeOf("number");
    expect(alice.lastMessage()?.text).toBe("Use /approve 42 or visit https://cal.com");
  });

  it("unknown chat → 400 chat not found; never started → 403; blocked → 403; deactivated → 403", async () => {
    expect((await apiError(api.sendMessage(999, "hi"))).description).toBe("Bad Request: chat not found");
    expect((await apiError(api.sendMessage("@alice", "hi"))).description).toBe("Bad Request: chat not found");

    fake.user(2002, { first_name: "Admin" });
    const e403 = await apiError(api.sendMessage(2002, "hi"));
    expect([e403.error_code, e403.description]).toEqual([
      403,
      "Forbidden: bot can't initiate conversation with a user",
    ]);
    fake.user(2003, { first_name: "Admin2", started: true });
    await api.sendMessage(2003, "hello admin");

    fake.blockBy(alice.id);
    const blocked = await apiError(api.sendMessage(alice.chatId, "hi"));
    expect([blocked.error_code, blocked.description]).toEqual([
      403,
      "Forbidden: bot was blocked by the user",
    ]);
    expect(fake.pendingUpdates().at(-1)).toMatchObject({
      my_chat_member: { new_chat_member: { status: "kicked" }, old_chat_member: { status: "member" } },
    });
    // Writing to the bot again unblocks it.
    alice.send("I'm back");
    await api.sendMessage(alice.chatId, "welcome back");

    alice.deactivate();
    expect((await apiError(api.sendMessage(alice.chatId, "hi"))).description).toBe(
      "Forbidden: user is deactivated",
    );
  });

  it("empty, whitespace-only and too long texts are refused", async () => {
    expect((await apiError(api.sendMessage(alice.chatId, ""))).description).toBe(
      "Bad Request: message text is empty",
    );
    expect((await apiError(api.sendMessage(alice.chatId, " \n "))).description).toBe(
      "Bad Request: message text is empty",
    );
    expect(
      (await apiError(api.sendMessage(alice.chatId, "<b></b>", { parse_mode: "HTML" }))).description,
    ).toBe("Bad Request: message text is empty");
    await api.sendMessage(alice.chatId, "x".repeat(4096));
    expect((await apiError(api.sendMessage(alice.chatId, "x".repeat(4097)))).description).toBe(
      "Bad Request: message is too long",
    );
    // The limit applies after entity parsing: markup does not count.
    await api.sendMessage(alice.chatId, `<b>${"y".repeat(4096)}</b>`, { parse_mode: "HTML" });
  });

  it("parses HTML and MarkdownV2 into entities, and refuses malformed markup like Telegram", async () => {
    const html = await api.sendMessage(
      alice.chatId,
      'Hi <b>bold <i>both</i></b> &amp; <a href="https://x.y/">link</a>',
      {
        parse_mode: "HTML",
      },
    );
    expect(html.text).toBe("Hi bold both & link");
    expect(html.entities).toEqual([
      { type: "bold", offset: 3, length: 9 },
      { type: "italic", offset: 8, length: 4 },
      { type: "text_link", offset: 15, length: 4, url: "https://x.y/" },
    ]);
    const e1 = await apiError(api.sendMessage(alice.chatId, "<b>unclosed", { parse_mode: "HTML" }));
    expect(e1.description).toBe(
      "Bad Request: can't parse entities: Can't find end tag corresponding to start tag \"b\"",
    );
    const e2 = await apiError(api.sendMessage(alice.chatId, "a <x>b</x>", { parse_mode: "HTML" }));
    expect(e2.description).toBe(
      'Bad Request: can\'t parse entities: Unsupported start tag "x" at byte offset 2',
    );
    const e3 = await apiError(api.sendMessage(alice.chatId, "1 < 2", { parse_mode: "HTML" }));
    expect(e3.description).toContain("can't parse entities");

    const md = await api.sendMessage(alice.chatId, "*Итого:* 10\\.00 \\(руб\\)", {
      parse_mode: "MarkdownV2",
    });
    expect(md.text).toBe("Итого: 10.00 (руб)");
    expect(md.entities).toEqual([{ type: "bold", offset: 0, length: 6 }]);
    const e4 = await apiError(api.sendMessage(alice.chatId, "Price: 10.00", { parse_mode: "MarkdownV2" }));
    expect(e4.description).toBe(
      "Bad Request: can't parse entities: Character '.' is reserved and must be escaped with the preceding '\\'",
    );
    const e5 = await apiError(api.sendMessage(alice.chatId, "_open", { parse_mode: "MarkdownV2" }));
    expect(e5.description).toBe(
      "Bad Request: can't parse entities: Can't find end of Italic entity at byte offset 0",
    );
  });

  it("reply_parameters: the replied message is included; a missing one is refused unless allowed", async () => {
    const sent = alice.send("question");
    const reply = await api.sendMessage(alice.chatId, "answer", {
      reply_parameters: { message_id: sent.message_id },
    });
    expect(reply.reply_to_message).toMatchObject({ message_id: sent.message_id, text: "question" });
    expect(
      (await apiError(api.sendMessage(alice.chatId, "x", { reply_parameters: { message_id: 999 } })))
        .description,
    ).toBe("Bad Request: message to be replied not found");
    await api.sendMessage(alice.chatId, "x", {
      reply_parameters: { message_id: 999, allow_sending_without_reply: true },
    });
  });
});

describe("reply_markup validation", () => {
  it("accepts callback_data of 1..64 bytes, measured in UTF-8 bytes", async () => {
    const ok = await api.sendMessage(alice.chatId, "pick", {
      reply_markup: new InlineKeyboard().text("A", "a".repeat(64)).text("Б", "б".repeat(32)),
    });
    expect(ok.reply_markup?.inline_keyboard[0]).toHaveLength(2);
    for (const data of ["a".repeat(65), "б".repeat(33)]) {
      const e = await apiError(
        api.sendMessage(alice.chatId, "pick", { reply_markup: new InlineKeyboard().text("A", data) }),
      );
      expect(e.description).toBe("Bad Request: BUTTON_DATA_INVALID");
    }
    // Client.cpp get_inline_keyboard_button reads an empty callback_data as absent: a text button.
    const empty = await apiError(
      api.sendMessage(alice.chatId, "pick", { reply_markup: new InlineKeyboard().text("A", "") }),
    );
    expect(empty.description).toBe(
      "Bad Request: can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard",
    );
  });

  it("refuses buttons without an action, without text, with a bad URL, or a malformed keyboard", async () => {
    const send = (reply_markup: unknown) =>
      apiError(api.raw.sendMessage({ chat_id: alice.chatId, text: "x", reply_markup } as never));
    expect((await send({ inline_keyboard: [[{ text: "no action" }]] })).description).toBe(
      "Bad Request: can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard",
    );
    expect((await send({ inline_keyboard: [[{ callback_data: "x" }]] })).description).toBe(
      "Bad Request: can't parse inline keyboard button: Can't find field \"text\"",
    );
    expect((await send({ inline_keyboard: [[{ text: "u", url: "not a url" }]] })).description).toBe(
      "Bad Request: BUTTON_URL_INVALID",
    );
    expect((await send({ inline_keyboard: [{ text: "flat" }] })).description).toBe(
      'Bad Request: field "inline_keyboard" of the InlineKeyboardMarkup must be an Array of Arrays',
    );
    expect((await send("{nope")).description).toBe(
      "Bad Request: can't parse reply keyboard markup JSON object",
    );
  });

  it("only inline keyboards show up in Message.reply_markup; an empty inline keyboard means none", async () => {
    const kb = await api.sendMessage(alice.chatId, "reply kb", {
      reply_markup: { keyboard: [[{ text: "Yes" }, { text: "No" }]], resize_keyboard: true },
    });
    expect(kb.reply_markup).toBeUndefined();
    const empty = await api.sendMessage(alice.chatId, "none", { reply_markup: { inline_keyboard: [] } });
    expect(empty.reply_markup).toBeUndefined();
  });
});

describe("editing and deleting", () => {
  it("editMessageText edits, keeps history, and refuses identical content with 'not modified'", async () => {
    const kb = new InlineKeyboard().text("Go", "go");
    const sent = await api.sendMessage(alice.chatId, "Loading…", { reply_markup: kb });
    const edited = await api.editMessageText(alice.chatId, sent.message_id, "Ready", { reply_markup: kb });
    expect(edited).toMatchObject({
      message_id: sent.message_id,
      text: "Ready",
      reply_markup: { inline_keyboard: [[{ text: "Go", callback_data: "go" }]] },
    });
    expect((edited as { edit_date?: number }).edit_date).toBeTypeOf("number");

    const e = await apiError(
      api.editMessageText(alice.chatId, sent.message_id, "Ready", { reply_markup: kb }),
    );
    expect(e.description).toBe(
      "Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message",
    );
    // Same text without the keyboard is a change (editing without reply_markup removes it).
    await api.editMessageText(alice.chatId, sent.message_id, "Ready");
    const view = alice.message(sent.message_id);
    expect(view?.text).toBe("Ready");
    expect(view?.buttons).toEqual([]);
    expect(view?.edits.map((v) => v.text)).toEqual(["Loading…", "Ready"]);
  });

  it("editMessageReplyMarkup changes only the keyboard; same keyboard → not modified", async () => {
    const sent = await api.sendMessage(alice.chatId, "Pick", {
      reply_markup: new InlineKeyboard().text("A", "a"),
    });
    await api.editMessageReplyMarkup(alice.chatId, sent.message_id, {
      reply_markup: new InlineKeyboard().text("B", "b"),
    });
    expect(alice.message(sent.message_id)?.buttons.map((b) => b.text)).toEqual(["B"]);
    const e = await apiError(
      api.editMessageReplyMarkup(alice.chatId, sent.message_id, {
        reply_markup: new InlineKeyboard().text("B", "b"),
      }),
    );
    expect(e.description).toMatch(/^Bad Request: message is not modified/);
    await api.editMessageReplyMarkup(alice.chatId, sent.message_id);
    expect(alice.message(sent.message_id)?.reply_markup).toBeUndefined();
  });

  it("unknown message → 'message to edit not found'; user's or 48h-old message → 'message can't be edited'", async () => {
    expect((await apiError(api.editMessageText(alice.chatId, 777, "x"))).description).toBe(
      "Bad Request: message to edit not found",
    );
    expect((await apiError(api.editMessageText(alice.chatId, 1, "x"))).description).toBe(
      "Bad Request: message can't be edited",
    );
    const sent = await api.sendMessage(alice.chatId, "old news");
    fake.ageMessage(alice.chatId, sent.message_id, 49);
    expect((await apiError(api.editMessageText(alice.chatId, sent.message_id, "new"))).description).toBe(
      "Bad Request: message can't be edited",
    );
    const fresh = await api.sendMessage(alice.chatId, "fresh");
    fake.advanceTime(48 * 3600 * 1000 + 1000);
    expect((await apiError(api.editMessageText(alice.chatId, fresh.message_id, "new"))).description).toBe(
      "Bad Request: message can't be edited",
    );
    const doc = await api.sendMessage(alice.chatId, "text");
    expect(
      (await apiError(api.raw.editMessageText({ message_id: doc.message_id, text: "x" } as never)))
        .description,
    ).toBe("Bad Request: chat_id is empty");
    expect((await apiError(api.raw.editMessageText({ text: "x" } as never))).description).toBe(
      "Bad Request: message identifier is not specified",
    );
  });

  it("deleteMessage removes a message once; then 'message to delete not found'", async () => {
    const sent = await api.sendMessage(alice.chatId, "bye");
    expect(await api.deleteMessage(alice.chatId, sent.message_id)).toBe(true);
    expect(alice.lastMessage()).toBeUndefined();
    expect(alice.messages({ includeDeleted: true })[0]?.deleted).toBe(true);
    expect((await apiError(api.deleteMessage(alice.chatId, sent.message_id))).description).toBe(
      "Bad Request: message to delete not found",
    );
    expect((await apiError(api.editMessageText(alice.chatId, sent.message_id, "x"))).description).toBe(
      "Bad Request: message to edit not found",
    );
  });
});

describe("callback queries", () => {
  it("tap → callback_query update carrying the message as it is now; answer is recorded once", async () => {
    const sent = await api.sendMessage(alice.chatId, "v1", {
      reply_markup: new InlineKeyboard().text("OK", "ok"),
    });
    await api.editMessageText(alice.chatId, sent.message_id, "v2", {
      reply_markup: new InlineKeyboard().text("OK", "ok"),
    });
    const qid = alice.tap(sent, "ok");
    const [update] = await api.getUpdates({ offset: -1, timeout: 0 });
    expect(update?.callback_query).toMatchObject({
      id: qid,
      from: { id: alice.id, first_name: "Alice" },
      data: "ok",
      message: { message_id: sent.message_id, text: "v2", edit_date: expect.any(Number) },
      chat_instance: expect.any(String),
    });
    await api.answerCallbackQuery(qid, { text: "Saved", show_alert: true });
    expect(alice.callbackAnswer(qid)).toMatchObject({ text: "Saved", show_alert: true });
    const again = await apiError(api.answerCallbackQuery(qid));
    expect(again.description).toBe(
      "Bad Request: query is too old and response timeout expired or query ID is invalid",
    );
  });

  it("unknown or expired query ids are 'query is too old'; answer text is limited to 200 characters", async () => {
    expect((await apiError(api.answerCallbackQuery("123456"))).description).toBe(
      "Bad Request: query is too old and response timeout expired or query ID is invalid",
    );
    const sent = await api.sendMessage(alice.chatId, "x", {
      reply_markup: new InlineKeyboard().text("A", "a"),
    });
    const late = alice.tap(sent, "a");
    fake.ageCallbackQuery(late, 60_000);
    expect((await apiError(api.answerCallbackQuery(late))).error_code).toBe(400);
    const q = alice.tap(sent, "a");
    expect((await apiError(api.answerCallbackQuery(q, { text: "x".repeat(201) }))).description).toBe(
      "Bad Request: MESSAGE_TOO_LONG",
    );
    await api.answerCallbackQuery(q, { text: "x".repeat(200) });
  });

  it("tap refuses buttons that are not on the message unless forced (forged data)", async () => {
    const sent = await api.sendMessage(alice.chatId, "x", {
      reply_markup: new InlineKeyboard().text("A", "a"),
    });
    expect(() => alice.tap(sent, "zzz")).toThrow(/has no button with callback_data "zzz"[\s\S]*\[A → a\]/);
    const forged = alice.tap(sent, "admin:approve:1", { force: true });
    expect(fake.pendingUpdates().at(-1)?.callback_query?.id).toBe(forged);
    expect(alice.tapButton("A")).toBeTypeOf("string");
    expect(() => alice.tapButton(/nope/)).toThrow(/no button labelled/);
  });
});

describe("chat actions and commands", () => {
  it("sendChatAction validates the action and records it", async () => {
    expect(await api.sendChatAction(alice.chatId, "typing")).toBe(true);
    expect(alice.chatActions().map((a) => a.action)).toEqual(["typing"]);
    const e = await apiError(api.raw.sendChatAction({ chat_id: alice.chatId, action: "dancing" } as never));
    expect(e.description).toBe("Bad Request: wrong parameter action in request");
  });

  it("setMyCommands / getMyCommands / deleteMyCommands are stored per scope and language", async () => {
    await api.setMyCommands([{ command: "start", description: "Start" }]);
    await api.setMyCommands([{ command: "book", description: "Записаться" }], {
      scope: { type: "all_private_chats" },
      language_code: "ru",
    });
    await api.setMyCommands([{ command: "pending", description: "Pending requests" }], {
      scope: { type: "chat", chat_id: alice.chatId },
    });
    expect(await api.getMyCommands()).toEqual([{ command: "start", description: "Start" }]);
    expect(await api.getMyCommands({ scope: { type: "all_private_chats" } })).toEqual([]);
    expect(await api.getMyCommands({ scope: { type: "all_private_chats" }, language_code: "ru" })).toEqual([
      { command: "book", description: "Записаться" },
    ]);
    expect(fake.commands(`chat:${alice.chatId}`)).toEqual([
      { command: "pending", description: "Pending requests" },
    ]);
    await api.deleteMyCommands({ scope: { type: "chat", chat_id: alice.chatId } });
    expect(fake.commands(`chat:${alice.chatId}`)).toEqual([]);

    const bad = await apiError(api.setMyCommands([{ command: "Book Now", description: "x" }]));
    expect(bad.description).toBe("Bad Request: BOT_COMMAND_INVALID");
    const noChat = await apiError(
      api.setMyCommands([{ command: "a", description: "b" }], { scope: { type: "chat", chat_id: 5 } }),
    );
    expect(noChat.description).toBe("Bad Request: chat not found");
  });

  it("setChatMenuButton / getChatMenuButton", async () => {
    expect(await api.getChatMenuButton()).toEqual({ type: "commands" });
    await api.setChatMenuButton({ chat_id: alice.chatId, menu_button: { type: "commands" } });
    expect(fake.menuButton(alice.chatId)).toEqual({ type: "commands" });
  });
});

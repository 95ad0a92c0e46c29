import { Api, GrammyError, InlineKeyboard } from "grammy";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type FakeTelegram, type FakeUser, startFakeTelegram } from "../../../fakes/telegram/index.js";

let fake: FakeTelegram;
let api: Api;
let alice: FakeUser;

beforeEach(async () => {
  fake = await startFakeTelegram();
  api = new Api(fake.token, { apiRoot: fake.apiRoot });
  alice = fake.user(1001, { first_name: "Alice" });
  alice.start();
});

afterEach(async () => {
  await fake.close();
});

const STRINGS = "Bad Request: strings must be encoded in UTF-8";
const LONE = "\uD83D"; // the first half of 😀 alone: what `"😀".slice(0, 1)` leaves

/** Sends raw bytes as a request body and returns Telegram's JSON answer. */
async function raw(
  method: string,
  body: string | Buffer,
  contentType = "application/json",
): Promise<{ status: number; json: { ok: boolean; description?: string; result?: unknown } }> {
  const res = await fetch(`${fake.apiRoot}/bot${fake.token}/${method}`, {
    method: "POST",
    headers: { "content-type": contentType },
    body,
  });
  return { status: res.status, json: (await res.json()) as { ok: boolean; description?: string } };
}

async function desc(p: Promise<unknown>): Promise<string> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(GrammyError);
  return (e as GrammyError).description;
}

describe("text that is not UTF-8 (lone surrogates) → 400", () => {
  it("JSON.stringify keeps a lone surrogate as \\ud83d; Telegram refuses the text", async () => {
    const body = JSON.stringify({ chat_id: alice.chatId, text: `Hi ${LONE}` });
    expect(body).toContain("\\ud83d");
    expect(await raw("sendMessage", body)).toEqual({
      status: 400,
      json: { ok: false, error_code: 400, description: STRINGS },
    });
    // The same through grammY, for a text cut in the middle of an emoji.
    expect(await desc(api.sendMessage(alice.chatId, "Встреча 😀".slice(0, -1)))).toBe(STRINGS);
    expect(alice.messages()).toEqual([]);
  });

  it("with parse_mode tdlib's parser answers first: 'text must be encoded in UTF-8'", async () => {
    expect(await desc(api.sendMessage(alice.chatId, `<b>x</b>${LONE}`, { parse_mode: "HTML" }))).toBe(
      "Bad Request: text must be encoded in UTF-8",
    );
    expect(await desc(api.sendMessage(alice.chatId, `x${LONE}`, { parse_mode: "MarkdownV2" }))).toBe(
      "Bad Request: text must be encoded in UTF-8",
    );
  });

  it("captions, edits and callback answers are checked too", async () => {
    expect(
      await desc(api.sendPhoto(alice.chatId, "https://example.com/a.jpg", { caption: `c${LONE}` })),
    ).toBe(STRINGS);
    const sent = await api.sendMessage(alice.chatId, "ok", {
      reply_markup: new InlineKeyboard().text("A", "a"),
    });
    expect(await desc(api.editMessageText(alice.chatId, sent.message_id, `e${LONE}`))).toBe(STRINGS);
    const q = alice.tap(sent, "a");
    expect(await desc(api.answerCallbackQuery(q, { text: `t${LONE}` }))).toBe(STRINGS);
    await api.answerCallbackQuery(q, { text: "fine" }); // the refused call did not use up the query
  });

  it("button texts: inline and reply keyboards have their own wording (tdlib ReplyMarkup.cpp)", async () => {
    expect(
      await desc(
        api.sendMessage(alice.chatId, "pick", {
          reply_markup: new InlineKeyboard().text(`Мария ${LONE}`, "m"),
        }),
      ),
    ).toBe("Bad Request: inline keyboard button text must be encoded in UTF-8");
    expect(
      await desc(
        api.sendMessage(alice.chatId, "pick", {
          reply_markup: { keyboard: [[{ text: `Yes${LONE}` }]] },
        }),
      ),
    ).toBe("Bad Request: keyboard button text must be encoded in UTF-8");
  });

  it("callback_data is not checked for UTF-8 (tdlib keeps it as bytes): accepted and tapped back", async () => {
    const data = `n:${LONE}`;
    const sent = await api.sendMessage(alice.chatId, "pick", {
      reply_markup: new InlineKeyboard().text("A", data),
    });
    expect(sent.reply_markup?.inline_keyboard[0]?.[0]).toMatchObject({ callback_data: data });
    alice.tap(sent, data);
    expect(fake.pendingUpdates().at(-1)?.callback_query?.data).toBe(data);
  });

  it("raw bytes that are not UTF-8 are refused the same way (JSON, form and multipart bodies)", async () => {
    const json = Buffer.concat([
      Buffer.from(`{"chat_id":${alice.chatId},"text":"caf`),
      Buffer.from([0xe9]), // latin-1 é, not UTF-8
      Buffer.from('"}'),
    ]);
    expect((await raw("sendMessage", json)).json.description).toBe(STRINGS);
    const form = `chat_id=${alice.chatId}&text=caf%E9`;
    expect((await raw("sendMessage", form, "application/x-www-form-urlencoded")).json.description).toBe(
      STRINGS,
    );
    // ED A0 80 is how td's JSON decoder stores a lone \ud800: not UTF-8 either.
    const cesu = `chat_id=${alice.chatId}&text=%ED%A0%80`;
    expect((await raw("sendMessage", cesu, "application/x-www-form-urlencoded")).json.description).toBe(
      STRINGS,
    );
    const ok = `chat_id=${alice.chatId}&text=${encodeURIComponent("Привет 🌸")}`;
    expect((await raw("sendMessage", ok, "application/x-www-form-urlencoded")).json).toMatchObject({
      ok: true,
      result: { text: "Привет 🌸" },
    });
    const boundary = "xyz";
    const multipart = Buffer.concat([
      Buffer.from(`--${boundary}\r\ncontent-disposition:form-data;name="chat_id"\r\n\r\n${alice.chatId}\r\n`),
      Buffer.from(`--${boundary}\r\ncontent-disposition:form-data;name="text"\r\n\r\n`),
      Buffer.from([0x41, 0xff, 0x42]),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    expect(
      (await raw("sendMessage", multipart, `multipart/form-data; boundary=${boundary}`)).json.description,
    ).toBe(STRINGS);
  });
});

describe("inline keyboards: what tdlib keeps and what Telegram refuses", () => {
  const grid = (rows: number, perRow: number) => ({
    inline_keyboard: Array.from({ length: rows }, (_, r) =>
      Array.from({ length: perRow }, (_, c) => ({ text: `${r}.${c}`, callback_data: `b:${r}:${c}` })),
    ),
  });

  it("100 buttons are fine; 101 → 'reply markup is too long'", async () => {
    const ok = await api.sendMessage(alice.chatId, "100", { reply_markup: grid(10, 10) });
    expect(ok.reply_markup?.inline_keyboard.flat()).toHaveLength(100);
    const e = await desc(
      api.sendMessage(alice.chatId, "101", {
        reply_markup: {
          inline_keyboard: [...grid(10, 10).inline_keyboard, [{ text: "x", callback_data: "x" }]],
        },
      }),
    );
    expect(e).toBe("Bad Request: reply markup is too long");
    const sent = await api.sendMessage(alice.chatId, "edit me");
    expect(
      await desc(api.editMessageReplyMarkup(alice.chatId, sent.message_id, { reply_markup: grid(11, 10) })),
    ).toBe("Bad Request: reply markup is too long");
  });

  it("a row keeps its first 12 buttons; buttons with empty text are dropped", async () => {
    const wide = await api.sendMessage(alice.chatId, "wide", { reply_markup: grid(1, 15) });
    expect(wide.reply_markup?.inline_keyboard[0]?.map((b) => b.text)).toEqual(
      Array.from({ length: 12 }, (_, c) => `0.${c}`),
    );
    const gaps = await api.sendMessage(alice.chatId, "gaps", {
      reply_markup: {
        inline_keyboard: [
          [
            { text: "", callback_data: "ghost" },
            { text: "Real", callback_data: "real" },
          ],
          [{ text: "", callback_data: "only-ghosts" }],
        ],
      },
    });
    expect(gaps.reply_markup?.inline_keyboard).toEqual([[{ text: "Real", callback_data: "real" }]]);
    const none = await api.sendMessage(alice.chatId, "none", {
      reply_markup: { inline_keyboard: [[{ text: "", callback_data: "ghost" }]] },
    });
    expect(none.reply_markup).toBeUndefined();
  });

  it("an empty url or callback_data counts as absent (Client.cpp get_inline_keyboard_button)", async () => {
    const send = (button: Record<string, string>) =>
      api.raw.sendMessage({
        chat_id: alice.chatId,
        text: "x",
        reply_markup: { inline_keyboard: [[button]] },
      } as never);
    const ok = await send({ text: "A", url: "", callback_data: "a" });
    expect(ok.reply_markup?.inline_keyboard[0]?.[0]).toEqual({ text: "A", callback_data: "a" });
    expect(await desc(send({ text: "A", url: "", callback_data: "" }))).toBe(
      "Bad Request: can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard",
    );
  });
});

describe("length limits count code points (tdlib utf8_length), not UTF-16 units", () => {
  it("4096 emoji are one full message; 4097 are too long", async () => {
    const emoji = "🌸".repeat(4096); // 8192 UTF-16 units
    const sent = await api.sendMessage(alice.chatId, emoji);
    expect(sent.text).toBe(emoji);
    expect(await desc(api.sendMessage(alice.chatId, `${emoji}🌸`))).toBe("Bad Request: message is too long");
    expect(await desc(api.editMessageText(alice.chatId, sent.message_id, `${emoji}!`))).toBe(
      "Bad Request: message is too long",
    );
  });

  it("captions: 1024 code points", async () => {
    await api.sendPhoto(alice.chatId, "https://example.com/a.jpg", { caption: "я".repeat(1024) });
    expect(
      await desc(api.sendPhoto(alice.chatId, "https://example.com/a.jpg", { caption: "🙏".repeat(1025) })),
    ).toBe("Bad Request: message caption is too long");
  });

  it("callback answers: 200 characters, else Telegram's MESSAGE_TOO_LONG", async () => {
    const sent = await api.sendMessage(alice.chatId, "x", {
      reply_markup: new InlineKeyboard().text("A", "a"),
    });
    const q1 = alice.tap(sent, "a");
    expect(await desc(api.answerCallbackQuery(q1, { text: "🌸".repeat(201) }))).toBe(
      "Bad Request: MESSAGE_TOO_LONG",
    );
    await api.answerCallbackQuery(q1, { text: "🌸".repeat(200) });
    expect(alice.callbackAnswer(q1)?.text).toHaveLength(400);
  });
});

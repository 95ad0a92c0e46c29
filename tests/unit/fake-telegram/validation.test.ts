import { Api, GrammyError } from "grammy";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type FakeTelegram, startFakeTelegram } from "../../../fakes/telegram/index.js";

let fake: FakeTelegram;
let api: Api;

beforeEach(async () => {
  fake = await startFakeTelegram({ token: "123456:TEST-token_abcdefghijklmnopqrstuvwxyz" });
  api = new Api(fake.token, { apiRoot: fake.apiRoot });
  fake.user(5, { first_name: "Val", started: true });
});

afterEach(async () => {
  await fake.close();
});

const post = (
  path: string,
  body?: unknown,
  headers: Record<string, string> = { "content-type": "application/json" },
) =>
  fetch(`${fake.apiRoot}${path}`, {
    method: "POST",
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });

async function rawCall(method: string, params: Record<string, unknown>): Promise<GrammyError> {
  const e = await api.raw[method as "getMe"](params as never).catch((err: unknown) => err);
  expect(e).toBeInstanceOf(GrammyError);
  return e as GrammyError;
}

describe("routing", () => {
  it("a wrong token is 401 Unauthorized", async () => {
    const wrong = new Api("123456:wrong", { apiRoot: fake.apiRoot });
    await expect(wrong.getMe()).rejects.toMatchObject({ error_code: 401, description: "Unauthorized" });
    const res = await post("/bot999:nope/getMe");
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ ok: false, error_code: 401, description: "Unauthorized" });
  });

  it("an unknown method is 404 Not Found; method names are case-insensitive", async () => {
    const res = await post(`/bot${fake.token}/sendMesage`, { chat_id: 5, text: "x" });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ ok: false, error_code: 404, description: "Not Found" });
    const lower = await post(`/bot${fake.token}/sendmessage`, { chat_id: 5, text: "x" });
    expect(await lower.json()).toMatchObject({ ok: true, result: { text: "x" } });
    expect(fake.callsOf("sendMessage")).toHaveLength(1);
  });

  it("accepts GET with a query string and application/x-www-form-urlencoded bodies, like Telegram", async () => {
    const res = await fetch(
      `${fake.apiRoot}/bot${fake.token}/sendMessage?chat_id=5&text=${encodeURIComponent("via GET")}`,
    );
    expect(await res.json()).toMatchObject({ ok: true, result: { text: "via GET" } });
    const markup = JSON.stringify({ inline_keyboard: [[{ text: "A", callback_data: "a" }]] });
    const form = await fetch(`${fake.apiRoot}/bot${fake.token}/sendMessage`, {
      method: "POST",
      body: new URLSearchParams({
        chat_id: "5",
        text: "via form",
        reply_markup: markup,
        disable_notification: "true",
      }),
    });
    expect(await form.json()).toMatchObject({
      ok: true,
      result: { text: "via form", reply_markup: { inline_keyboard: [[{ text: "A", callback_data: "a" }]] } },
    });
  });

  it("invalid JSON is a 400", async () => {
    const res = await fetch(`${fake.apiRoot}/bot${fake.token}/sendMessage`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{oops",
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ ok: false, error_code: 400 });
  });
});

describe("parameters against the Bot API data", () => {
  it("missing required parameters get Telegram's wording", async () => {
    expect((await rawCall("sendMessage", { text: "x" })).description).toBe("Bad Request: chat_id is empty");
    expect((await rawCall("sendMessage", { chat_id: 5 })).description).toBe(
      "Bad Request: message text is empty",
    );
    expect((await rawCall("sendMessage", {})).description).toBe("Bad Request: message text is empty");
    expect((await rawCall("sendDocument", { chat_id: 5 })).description).toBe(
      "Bad Request: there is no document in the request",
    );
    expect((await rawCall("answerCallbackQuery", {})).description).toBe(
      "Bad Request: query is too old and response timeout expired or query ID is invalid",
    );
    expect((await rawCall("deleteMessage", { chat_id: 5 })).description).toBe(
      "Bad Request: message identifier is not specified",
    );
    expect((await rawCall("setMyCommands", {})).description).toBe(
      'Bad Request: parameter "commands" is required',
    );
    expect((await rawCall("sendChatAction", { chat_id: 5 })).description).toBe(
      "Bad Request: wrong parameter action in request",
    );
  });

  it("values of the wrong type are refused with a 400", async () => {
    expect((await rawCall("sendMessage", { chat_id: 5, text: { a: 1 } })).description).toBe(
      'Bad Request: field "text" must be of type String',
    );
    expect((await rawCall("getUpdates", { limit: "many" })).description).toBe(
      'Bad Request: field "limit" must be of type Integer',
    );
    expect((await rawCall("sendMessage", { chat_id: true, text: "x" })).error_code).toBe(400);
    expect((await rawCall("setMyCommands", { commands: [{ command: "start" }] })).description).toBe(
      "Bad Request: can't parse BotCommand: Can't find field \"description\"",
    );
    expect((await rawCall("setMyCommands", { commands: "not json" })).description).toBe(
      "Bad Request: can't parse commands JSON object",
    );
    expect((await rawCall("getMyCommands", { scope: { type: "everywhere" } })).description).toBe(
      'Bad Request: can\'t parse BotCommandScope: Unsupported type "everywhere" of BotCommandScope',
    );
  });

  it("Telegram's leniency is kept: numeric strings are Integers, numbers are Strings", async () => {
    const msg = await api.raw.sendMessage({ chat_id: "5", text: 12345 } as never);
    expect(msg).toMatchObject({ chat: { id: 5 }, text: "12345" });
  });

  it("unknown parameters are ignored but reported on the call record", async () => {
    await api.raw.sendMessage({ chat_id: 5, text: "x", disable_web_page_preveiw: true } as never);
    expect(fake.callsOf("sendMessage")[0]?.warnings).toEqual([
      'sendMessage: unknown parameter "disable_web_page_preveiw" (ignored, as Telegram does)',
    ]);
  });

  it("methods the fake does not model: Boolean ones succeed, others answer a clear 400", async () => {
    expect(await api.setMyDefaultAdministratorRights()).toBe(true);
    const e = await api.sendDice(5, "🎲").catch((err: unknown) => err);
    expect((e as GrammyError).description).toMatch(/sendDice is not implemented by the fake Telegram server/);
  });
});

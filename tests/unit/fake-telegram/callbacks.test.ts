import { Api, Bot, GrammyError, InlineKeyboard } from "grammy";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type FakeTelegram, type FakeUser, startFakeTelegram } from "../../../fakes/telegram/index.js";

const TOO_OLD = "Bad Request: query is too old and response timeout expired or query ID is invalid";

let fake: FakeTelegram;
let api: Api;
let alice: FakeUser;

afterEach(async () => {
  await fake.close();
});

/** POST a JSON body to the fake and return its status and JSON reply, as grammY would see them. */
async function call(
  method: string,
  body: unknown,
): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`${fake.apiRoot}/bot${fake.token}/${method}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

async function menu(): Promise<number> {
  const sent = await api.sendMessage(alice.chatId, "Pick a slot", {
    reply_markup: new InlineKeyboard().text("10:00", "slot:1").text("11:00", "slot:2"),
  });
  return sent.message_id;
}

describe("answerCallbackQuery window (callbackQueryTtlMs)", () => {
  beforeEach(async () => {
    fake = await startFakeTelegram({ callbackQueryTtlMs: 2_000 });
    api = new Api(fake.token, { apiRoot: fake.apiRoot });
    alice = fake.user(1001, { first_name: "Alice" });
    alice.start();
  });

  it("answers within the window; later, twice, or for an unknown id → 400 'query is too old…'", async () => {
    const id = await menu();
    const q = alice.tap(id, "slot:1");
    fake.advanceTime(1_500); // the fake clock runs in real time too: leave some slack
    expect(await call("answerCallbackQuery", { callback_query_id: q, text: "Booked" })).toEqual({
      status: 200,
      json: { ok: true, result: true },
    });
    // The same query again: Telegram's QUERY_ID_INVALID, worded by Client.cpp.
    expect(await call("answerCallbackQuery", { callback_query_id: q })).toEqual({
      status: 400,
      json: { ok: false, error_code: 400, description: TOO_OLD },
    });
    expect(alice.callbackAnswer(q)).toMatchObject({ text: "Booked" }); // the first answer stays

    const late = alice.tap(id, "slot:2");
    fake.advanceTime(2_001);
    const e = (await api.answerCallbackQuery(late).catch((err: unknown) => err)) as GrammyError;
    expect(e).toBeInstanceOf(GrammyError);
    expect([e.error_code, e.description]).toEqual([400, TOO_OLD]);
    expect(alice.callbackAnswer(late)).toBeUndefined();

    expect((await call("answerCallbackQuery", { callback_query_id: "42" })).json.description).toBe(TOO_OLD);
  });

  it("the window can be changed at run time, and queries aged one by one or all at once", async () => {
    expect(fake.callbackQueryTtlMs).toBe(2_000);
    fake.callbackQueryTtlMs = 60_000;
    const id = await menu();
    const a = alice.tap(id, "slot:1");
    const b = alice.tap(id, "slot:2");
    const c = alice.tap(id, "slot:1");
    fake.ageCallbackQuery(a, 61_000);
    expect((await call("answerCallbackQuery", { callback_query_id: a })).json.description).toBe(TOO_OLD);
    await api.answerCallbackQuery(b);
    expect(fake.ageCallbackQueries()).toBe(2); // a and c are unanswered; b was answered
    expect((await call("answerCallbackQuery", { callback_query_id: c })).json.description).toBe(TOO_OLD);
  });
});

describe("the bot down while users tap (botDown / botUp)", () => {
  let bot: Bot;
  let running: Promise<void> | undefined;
  const seen: string[] = [];
  const failures: string[] = [];

  beforeEach(async () => {
    fake = await startFakeTelegram(); // Telegram-like 15 s window
    api = new Api(fake.token, { apiRoot: fake.apiRoot });
    alice = fake.user(1001, { first_name: "Alice" });
    alice.start();
    seen.length = 0;
    failures.length = 0;
    bot = new Bot(fake.token, { client: { apiRoot: fake.apiRoot } });
    bot.catch((e) => {
      failures.push(`unhandled: ${String(e.error)}`);
    });
    bot.on("callback_query:data", async (ctx) => {
      seen.push(ctx.callbackQuery.data);
      try {
        await ctx.answerCallbackQuery({ text: "OK" });
      } catch (e) {
        // What the bot must survive: log "query is too old" and still act.
        failures.push((e as GrammyError).description);
        await ctx.reply(`Late tap on ${ctx.callbackQuery.data}`);
      }
    });
    running = bot.start({ timeout: 1 });
    await fake.waitForPolling();
  });

  afterEach(async () => {
    if (bot.isRunning()) await bot.stop();
    await running;
  });

  it("taps made while the bot is down arrive after botUp and are too old to answer", async () => {
    const id = await menu();
    fake.botDown();
    expect(fake.isBotDown()).toBe(true);
    const q1 = alice.tap(id, "slot:1");
    const q2 = alice.tap(id, "slot:2");
    await new Promise((r) => setTimeout(r, 100));
    expect(seen).toEqual([]); // nothing delivered while down
    expect(fake.pendingUpdates().map((u) => u.callback_query?.id)).toEqual([q1, q2]);

    fake.botUp(); // default: down for callbackQueryTtlMs + 1 s
    const late = await alice.waitForReply((m) => m.text === "Late tap on slot:2");
    expect(late.text).toBe("Late tap on slot:2");
    expect(seen).toEqual(["slot:1", "slot:2"]);
    expect(failures).toEqual([TOO_OLD, TOO_OLD]);
    expect(alice.callbackAnswer(q1)).toBeUndefined();

    // A tap after the bot is back is answered normally.
    const q3 = alice.tap(id, "slot:1");
    expect(await alice.waitForCallbackAnswer(q3)).toMatchObject({ text: "OK" });
  });

  it("a short outage leaves the taps answerable", async () => {
    const id = await menu();
    fake.botDown();
    const q = alice.tap(id, "slot:1");
    fake.botUp({ downForMs: 3_000 });
    expect(await alice.waitForCallbackAnswer(q)).toMatchObject({ text: "OK" });
    expect(failures).toEqual([]);
  });
});

import { Api, Bot, GrammyError } from "grammy";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type FakeTelegram, startFakeTelegram } from "../../../fakes/telegram/index.js";

let fake: FakeTelegram;
let api: Api;

beforeEach(async () => {
  fake = await startFakeTelegram({ botUsername: "telecal_test_bot" });
  api = new Api(fake.token, { apiRoot: fake.apiRoot });
});

afterEach(async () => {
  await fake.close();
});

describe("getMe / webhook housekeeping", () => {
  it("getMe returns the bot user with its capability flags", async () => {
    const me = await api.getMe();
    expect(me).toMatchObject({
      id: fake.bot.id,
      is_bot: true,
      username: "telecal_test_bot",
      can_join_groups: true,
    });
    expect(fake.token.startsWith(`${me.id}:`)).toBe(true);
  });

  it("deleteWebhook answers true with Telegram's description; getWebhookInfo counts pending updates", async () => {
    fake.user(1, { first_name: "A" }).send("hi");
    const res = await fetch(`${fake.apiRoot}/bot${fake.token}/deleteWebhook`, { method: "POST" });
    expect(await res.json()).toEqual({ ok: true, result: true, description: "Webhook is already deleted" });
    expect(await api.getWebhookInfo()).toEqual({
      url: "",
      has_custom_certificate: false,
      pending_update_count: 1,
    });
    await api.deleteWebhook({ drop_pending_updates: true });
    expect(fake.pendingUpdates()).toHaveLength(0);
    expect(await api.getUpdates({ timeout: 0 })).toEqual([]);
  });

  it("getUpdates while a webhook is set is a 409 conflict", async () => {
    await api.setWebhook("https://example.com/hook");
    const err = await api.getUpdates().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GrammyError);
    expect((err as GrammyError).error_code).toBe(409);
    expect((err as GrammyError).description).toBe(
      "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
    );
    await api.deleteWebhook();
    expect(await api.getUpdates({ timeout: 0 })).toEqual([]);
  });

  it("close and logOut respond true", async () => {
    expect(await api.close()).toBe(true);
    expect(await api.logOut()).toBe(true);
  });
});

describe("getUpdates offset semantics", () => {
  it("update ids increase by one; offset confirms (drops) everything below it", async () => {
    const u = fake.user(10, { first_name: "Ann" });
    const ids = [u.send("a").update_id, u.send("b").update_id, u.send("c").update_id] as number[];
    expect(ids[1]).toBe((ids[0] as number) + 1);
    expect(ids[2]).toBe((ids[0] as number) + 2);

    const first = await api.getUpdates({ timeout: 0 });
    expect(first.map((x) => x.update_id)).toEqual(ids);
    // Not confirmed yet: the same batch comes back.
    expect((await api.getUpdates({ timeout: 0 })).map((x) => x.update_id)).toEqual(ids);
    expect(fake.updateLog().map((x) => x.deliveries)).toEqual([2, 2, 2]);

    const rest = await api.getUpdates({ offset: (ids[0] as number) + 1, timeout: 0 });
    expect(rest.map((x) => x.update_id)).toEqual(ids.slice(1));
    expect(fake.pendingUpdates().map((x) => x.update_id)).toEqual(ids.slice(1));
    expect(fake.confirmedOffset()).toBe((ids[0] as number) + 1);

    expect(await api.getUpdates({ offset: (ids[2] as number) + 1, timeout: 0 })).toEqual([]);
    expect(fake.pendingUpdates()).toEqual([]);
  });

  it("limit is honoured and clamped to 1..100", async () => {
    const u = fake.user(11, { first_name: "Bob" });
    for (let i = 0; i < 5; i++) u.send(`m${i}`);
    expect(await api.getUpdates({ limit: 2, timeout: 0 })).toHaveLength(2);
    expect(await api.getUpdates({ limit: 0, timeout: 0 })).toHaveLength(1);
    expect(await api.getUpdates({ limit: 1000, timeout: 0 })).toHaveLength(5);
  });

  it("a negative offset keeps only the newest updates; an offset in the future confirms nothing", async () => {
    const u = fake.user(12, { first_name: "Cid" });
    const ids = [u.send("1"), u.send("2"), u.send("3")].map((m) => m.update_id as number);
    const future = await api.getUpdates({ offset: (ids[2] as number) + 50, timeout: 0 });
    expect(future.map((x) => x.update_id)).toEqual(ids);
    const last = await api.getUpdates({ offset: -1, timeout: 0 });
    expect(last.map((x) => x.update_id)).toEqual([ids[2]]);
    expect(fake.pendingUpdates().map((x) => x.update_id)).toEqual([ids[2]]);
  });

  it("update_id may jump; ids stay strictly increasing", async () => {
    const u = fake.user(13, { first_name: "Dee" });
    const a = u.send("before").update_id as number;
    fake.jumpUpdateIds(123_456);
    const b = u.send("after").update_id as number;
    expect(b).toBe(a + 1 + 123_456);
    const got = await api.getUpdates({ offset: a + 1, timeout: 0 });
    expect(got.map((x) => x.update_id)).toEqual([b]);
  });

  it("allowed_updates filters updates created afterwards; [] restores the default set", async () => {
    const u = fake.user(14, { first_name: "Eve" });
    await api.getUpdates({ allowed_updates: ["callback_query"], timeout: 0 });
    expect(u.send("dropped").update_id).toBeUndefined();
    expect(fake.droppedUpdates()).toHaveLength(1);
    await api.getUpdates({ allowed_updates: [], timeout: 0 });
    expect(u.send("kept").update_id).toBeTypeOf("number");
    expect(await api.getWebhookInfo()).toMatchObject({ pending_update_count: 1 });
  });
});

describe("long polling", () => {
  it("holds the request until an update arrives, then answers early", async () => {
    const u = fake.user(20, { first_name: "Fay" });
    const t0 = performance.now();
    const poll = api.getUpdates({ timeout: 10 });
    await fake.waitForPolling();
    u.send("wake up");
    const got = await poll;
    expect(got).toHaveLength(1);
    expect(got[0]?.message?.text).toBe("wake up");
    expect(performance.now() - t0).toBeLessThan(2000);
  });

  it("answers [] when the timeout expires", async () => {
    const t0 = performance.now();
    expect(await api.getUpdates({ timeout: 1 })).toEqual([]);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(900);
  });

  it("a burst of updates pushed together comes in one batch", async () => {
    const u = fake.user(21, { first_name: "Gus" });
    const poll = api.getUpdates({ timeout: 10 });
    await fake.waitForPolling();
    u.send("1");
    u.send("2");
    u.send("3");
    expect(await poll).toHaveLength(3);
  });

  it("a second long poll terminates the first with 409 Conflict (like Telegram)", async () => {
    const first = api.getUpdates({ timeout: 10 }).catch((e: unknown) => e);
    await fake.waitForPolling();
    const second = api.getUpdates({ timeout: 10 });
    const err = await first;
    expect(err).toBeInstanceOf(GrammyError);
    expect((err as GrammyError).error_code).toBe(409);
    expect((err as GrammyError).description).toBe(
      "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running",
    );
    fake.user(22, { first_name: "Hal" }).send("for the survivor");
    expect(await second).toHaveLength(1);
  });

  it("conflictMode 'reject-new' gives the 409 to the newcomer instead", async () => {
    const other = await startFakeTelegram({ conflictMode: "reject-new" });
    try {
      const otherApi = new Api(other.token, { apiRoot: other.apiRoot });
      const first = otherApi.getUpdates({ timeout: 10 });
      await other.waitForPolling();
      await expect(otherApi.getUpdates({ timeout: 10 })).rejects.toMatchObject({ error_code: 409 });
      other.user(1, { first_name: "X" }).send("x");
      expect(await first).toHaveLength(1);
    } finally {
      await other.close();
    }
  });

  it("an aborted long poll (bot.stop) frees the slot without a conflict", async () => {
    const controller = new AbortController();
    const poll = api
      .getUpdates({ timeout: 10 }, controller.signal as Parameters<Api["getUpdates"]>[1])
      .catch((e: unknown) => e);
    await fake.waitForPolling();
    controller.abort();
    await poll;
    await expect.poll(() => fake.isPolling()).toBe(false);
  });
});

describe("grammY Bot over the fake", () => {
  it("bot.start() handles updates in order and bot.stop() confirms the last offset", async () => {
    const bot = new Bot(fake.token, { client: { apiRoot: fake.apiRoot } });
    const seen: string[] = [];
    bot.on("message:text", async (ctx) => {
      seen.push(ctx.message.text);
      await ctx.reply(`echo: ${ctx.message.text}`);
    });
    bot.catch(() => {});
    const u = fake.user(30, { first_name: "Ivy" });
    u.send("one");
    u.send("two");
    const running = bot.start({ timeout: 1 });
    await u.waitForMessage((m) => m.text === "echo: two");
    await bot.stop();
    await running;
    expect(seen).toEqual(["one", "two"]);
    expect(fake.pendingUpdates()).toEqual([]);
    expect(u.messages().map((m) => m.text)).toEqual(["echo: one", "echo: two"]);
  });

  it("a second bot instance makes the first one's bot.start() fail with 409", async () => {
    const a = new Bot(fake.token, { client: { apiRoot: fake.apiRoot } });
    const b = new Bot(fake.token, { client: { apiRoot: fake.apiRoot } });
    a.catch(() => {});
    b.catch(() => {});
    const runningA = a.start({ timeout: 10 }).catch((e: unknown) => e);
    await fake.waitForPolling();
    const runningB = b.start({ timeout: 10 });
    const err = await runningA;
    expect(err).toBeInstanceOf(GrammyError);
    expect((err as GrammyError).error_code).toBe(409);
    await fake.waitForPolling();
    await b.stop();
    await runningB;
  });
});

describe("@grammyjs/runner over the fake", () => {
  it("handles chats concurrently and confirms offsets as it fetches", async () => {
    const { run, sequentialize } = await import("@grammyjs/runner");
    const bot = new Bot(fake.token, { client: { apiRoot: fake.apiRoot } });
    bot.catch(() => {});
    bot.use(sequentialize((ctx) => ctx.chat?.id.toString()));
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => {
      release = r;
    });
    bot.on("message:text", async (ctx) => {
      if (ctx.message.text === "slow") await gate;
      await ctx.reply(`done: ${ctx.message.text}`);
    });
    const slowUser = fake.user(40, { first_name: "Slow" });
    const fastUser = fake.user(41, { first_name: "Fast" });
    const handle = run(bot, { runner: { fetch: { timeout: 1 } } });
    try {
      slowUser.send("slow");
      fastUser.send("fast");
      // The fast chat is answered while the slow one is still blocked.
      await fastUser.waitForReply((m) => m.text === "done: fast");
      expect(slowUser.messages()).toEqual([]);
      release();
      await slowUser.waitForReply((m) => m.text === "done: slow");
      await fake.waitForUpdatesConfirmed();
    } finally {
      release();
      await handle.stop();
    }
  });
});

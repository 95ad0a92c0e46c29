import { autoRetry } from "@grammyjs/auto-retry";
import { Api, GrammyError, HttpError } from "grammy";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  type FakeTelegram,
  type FakeUser,
  Faults,
  startFakeTelegram,
} from "../../../fakes/telegram/index.js";

let fake: FakeTelegram;
let api: Api;
let bob: FakeUser;

beforeEach(async () => {
  fake = await startFakeTelegram();
  api = new Api(fake.token, { apiRoot: fake.apiRoot });
  bob = fake.user(77, { first_name: "Bob", started: true });
});

afterEach(async () => {
  await fake.close();
});

describe("failNext", () => {
  it("injects 429 with parameters.retry_after, exactly `times` times", async () => {
    fake.failNext("sendMessage", Faults.tooManyRequests(7), 2);
    for (let i = 0; i < 2; i++) {
      const e = await api.sendMessage(bob.chatId, "x").catch((err: unknown) => err);
      expect(e).toBeInstanceOf(GrammyError);
      expect(e).toMatchObject({
        error_code: 429,
        description: "Too Many Requests: retry after 7",
        parameters: { retry_after: 7 },
      });
    }
    await api.sendMessage(bob.chatId, "x");
    expect(fake.count429()).toBe(2);
    expect(fake.callsOf("sendMessage").map((c) => [c.httpStatus, c.injected ?? false])).toEqual([
      [429, true],
      [429, true],
      [200, false],
    ]);
  });

  it("injects 500 as an API error and nginx's 502 HTML page as an HTTP failure", async () => {
    fake.failNext("sendMessage", Faults.internalServerError());
    await expect(api.sendMessage(bob.chatId, "x")).rejects.toMatchObject({
      error_code: 500,
      description: "Internal Server Error",
    });
    fake.failNext("sendMessage", Faults.badGateway());
    const e = await api.sendMessage(bob.chatId, "x").catch((err: unknown) => err);
    expect(e).toBeInstanceOf(HttpError);
    const res = await (async () => {
      fake.failNext("getMe", Faults.badGateway());
      return fetch(`${fake.apiRoot}/bot${fake.token}/getMe`);
    })();
    expect(res.status).toBe(502);
    expect(res.headers.get("content-type")).toContain("text/html");
    expect(await res.text()).toContain("<title>502 Bad Gateway</title>");
  });

  it("a dropped connection surfaces as grammY's HttpError", async () => {
    fake.failNext("sendMessage", Faults.networkReset());
    await expect(api.sendMessage(bob.chatId, "x")).rejects.toBeInstanceOf(HttpError);
    await api.sendMessage(bob.chatId, "works again");
  });

  it("a predicate picks which calls fail; '*' matches any method", async () => {
    fake.failNext("sendMessage", Faults.blocked(), 1, (p) => p.text === "to the admin");
    await api.sendMessage(bob.chatId, "to someone else");
    await expect(api.sendMessage(bob.chatId, "to the admin")).rejects.toMatchObject({
      error_code: 403,
      description: "Forbidden: bot was blocked by the user",
    });
    fake.failNext("*", { error_code: 400, description: "Bad Request: whatever" });
    await expect(api.getMe()).rejects.toMatchObject({ description: "Bad Request: whatever" });
    fake.failNext("getMe", Faults.internalServerError(), 5);
    fake.clearFaults();
    await api.getMe();
  });

  it("auto-retry waits retry_after and succeeds (the plugin the bot uses)", async () => {
    const retrying = new Api(fake.token, { apiRoot: fake.apiRoot });
    retrying.config.use(autoRetry({ maxRetryAttempts: 2, maxDelaySeconds: 5 }));
    fake.failNext("sendMessage", Faults.tooManyRequests(1));
    const t0 = performance.now();
    await retrying.sendMessage(bob.chatId, "eventually");
    expect(performance.now() - t0).toBeGreaterThanOrEqual(950);
    expect(fake.callsOf("sendMessage")).toHaveLength(2);
    expect(bob.messages()).toHaveLength(1);
  });
});

describe("delay", () => {
  it("adds latency to a method, a number of times", async () => {
    fake.delay("getMe", 150, 1);
    let t0 = performance.now();
    await api.getMe();
    expect(performance.now() - t0).toBeGreaterThanOrEqual(140);
    t0 = performance.now();
    await api.getMe();
    expect(performance.now() - t0).toBeLessThan(140);
    fake.delay("*", 100);
    fake.clearDelays();
    t0 = performance.now();
    await api.getMe();
    expect(performance.now() - t0).toBeLessThan(100);
  });
});

describe("flood control", () => {
  it("answers 429 with retry_after when one chat gets more than N messages a second", async () => {
    const flooded = await startFakeTelegram({ flood: { perChatPerSecond: 3 } });
    try {
      const a = new Api(flooded.token, { apiRoot: flooded.apiRoot });
      const u = flooded.user(5, { first_name: "F", started: true });
      const other = flooded.user(6, { first_name: "G", started: true });
      for (let i = 0; i < 3; i++) await a.sendMessage(u.chatId, `m${i}`);
      const e = await a.sendMessage(u.chatId, "one too many").catch((err: unknown) => err);
      expect(e).toMatchObject({ error_code: 429, parameters: { retry_after: 1 } });
      expect((e as GrammyError).description).toBe("Too Many Requests: retry after 1");
      // Other chats are not affected; edits count too.
      const m = await a.sendMessage(other.chatId, "fine");
      await a.editMessageText(other.chatId, m.message_id, "edited");
      expect(flooded.count429()).toBe(1);
      expect(u.messages()).toHaveLength(3);
    } finally {
      await flooded.close();
    }
  });

  it("limits the bot overall (globalPerSecond)", async () => {
    const flooded = await startFakeTelegram({ flood: { perChatPerSecond: 100, globalPerSecond: 4 } });
    try {
      const a = new Api(flooded.token, { apiRoot: flooded.apiRoot });
      const users = [1, 2, 3, 4, 5].map((id) => flooded.user(id, { first_name: `U${id}`, started: true }));
      const results = await Promise.allSettled(users.map((u) => a.sendMessage(u.chatId, "broadcast")));
      expect(results.filter((r) => r.status === "rejected")).toHaveLength(1);
      expect(flooded.stats().tooManyRequests).toBe(1);
    } finally {
      await flooded.close();
    }
  });
});

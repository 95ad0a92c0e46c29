import { describe, expect, it } from "vitest";
import { isPacedMethod, OutgoingPacer, outgoingPace, type PacedCall } from "../../src/bot/outgoing-pace.js";

/** A clock the test moves by hand; scheduled callbacks run when their time comes. */
class FakeClock {
  t = 0;
  private timers: Array<{ at: number; fn: () => void; live: boolean }> = [];
  now = () => this.t;
  schedule = (fn: () => void, ms: number) => {
    const timer = { at: this.t + ms, fn, live: true };
    this.timers.push(timer);
    return () => {
      timer.live = false;
    };
  };
  /** Moves time forward, running due callbacks in time order (and the promise jobs they start). */
  async advance(ms: number): Promise<void> {
    const end = this.t + ms;
    for (;;) {
      await flush();
      const due = this.timers.filter((x) => x.live && x.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      due.live = false;
      this.t = Math.max(this.t, due.at);
      due.fn();
    }
    this.t = end;
    this.timers = this.timers.filter((x) => x.live);
    await flush();
  }
}

const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

function setup(options: ConstructorParameters<typeof OutgoingPacer>[0] = {}) {
  const clock = new FakeClock();
  const pacer = new OutgoingPacer({ now: clock.now, schedule: clock.schedule, ...options });
  const sent: Array<{ chat: string | undefined; at: number; waited: number }> = [];
  // Each call is answered at once (release right after it is let through).
  const send = (chat: string | undefined) =>
    void pacer.acquire(chat).then((ticket) => {
      ticket.release();
      sent.push({ chat, at: clock.t, waited: ticket.waitedMs });
    });
  return { clock, pacer, sent, send };
}

describe("outgoing pacing", () => {
  it("lets a chat's short burst through at once, then about one message a second", async () => {
    const t = setup();
    for (let i = 0; i < 6; i++) t.send("1");
    await t.clock.advance(0);
    expect(t.sent.map((s) => s.at)).toEqual([0, 0, 0]);
    await t.clock.advance(10_000);
    expect(t.sent.map((s) => s.at)).toEqual([0, 0, 0, 1000, 2000, 3000]);
    expect(t.sent.map((s) => s.waited)).toEqual([0, 0, 0, 1000, 2000, 3000]);
  });

  it("never lets more than the overall limit start within a window, and drains a backlog at that rate", async () => {
    const t = setup({ globalLimit: 28, globalWindowMs: 1000, replyReserve: 0 });
    for (let i = 0; i < 70; i++) t.send(String(i));
    await t.clock.advance(5_000);
    const times = t.sent.map((s) => s.at);
    expect(times).toHaveLength(70);
    for (const at of times)
      expect(times.filter((x) => x > at - 1000 && x <= at).length).toBeLessThanOrEqual(28);
    expect(times.filter((x) => x === 0)).toHaveLength(28);
    expect(times.filter((x) => x === 1000)).toHaveLength(28);
    expect(Math.max(...times)).toBe(2000);
  });

  it("counts a message until a window after its answer, so a slow request cannot crowd Telegram's window", async () => {
    const t = setup({ globalLimit: 2, globalWindowMs: 1000, replyReserve: 0 });
    const first = await t.pacer.acquire("a");
    const second = await t.pacer.acquire("b");
    let third: number | undefined;
    void t.pacer.acquire("c").then((ticket) => {
      third = t.clock.t;
      ticket.release();
    });
    await t.clock.advance(5000);
    expect(third).toBeUndefined(); // both earlier calls still in flight
    first.release(); // answered at 5000
    second.release();
    await t.clock.advance(999);
    expect(third).toBeUndefined();
    await t.clock.advance(1);
    expect(third).toBe(6000);
  });

  it("a chat waiting for its own budget does not hold up other chats", async () => {
    const t = setup();
    for (let i = 0; i < 10; i++) t.send("flooded");
    t.send("other");
    t.send(undefined); // inline message edit: only the overall limit applies
    await t.clock.advance(0);
    expect(t.sent.filter((s) => s.chat === "other").map((s) => s.at)).toEqual([0]);
    expect(t.sent.filter((s) => s.chat === undefined).map((s) => s.at)).toEqual([0]);
    expect(t.pacer.queued).toBe(7);
  });

  it("keeps the order of one chat's messages", async () => {
    const t = setup({ perChatBurst: 1 });
    const order: number[] = [];
    for (let i = 0; i < 4; i++)
      void t.pacer.acquire("5").then((ticket) => {
        ticket.release();
        order.push(i);
      });
    await t.clock.advance(5000);
    expect(order).toEqual([0, 1, 2, 3]);
  });

  it("a chat is full again after a quiet while", async () => {
    const t = setup();
    for (let i = 0; i < 3; i++) t.send("7");
    await t.clock.advance(3000);
    for (let i = 0; i < 3; i++) t.send("7");
    await t.clock.advance(0);
    expect(t.sent.map((s) => s.at)).toEqual([0, 0, 0, 3000, 3000, 3000]);
  });
});

describe("replies first", () => {
  it("when the budget is short, a user who just wrote gets the next message before follow-ups", async () => {
    const t = setup({ globalLimit: 2, globalWindowMs: 1000, maxDeferMs: 5000, replyReserve: 0 });
    t.send("a");
    t.send("b");
    await t.clock.advance(0);
    t.send("notice"); // a follow-up nobody is waiting for
    t.pacer.noteIncoming("user");
    t.send("user");
    await t.clock.advance(1000);
    expect(t.sent.map((s) => s.chat)).toEqual(["a", "b", "user", "notice"]);
  });

  it("follow-ups leave part of the budget to replies, until they have waited long enough", async () => {
    const t = setup({ globalLimit: 10, globalWindowMs: 1000, replyReserve: 4, maxDeferMs: 1500 });
    for (let i = 0; i < 8; i++) t.send(`f${i}`); // follow-ups: 6 go, 2 wait
    t.pacer.noteIncoming("u");
    t.send("u"); // a reply still finds room
    await t.clock.advance(0);
    expect(t.sent.map((s) => s.chat)).toEqual(["f0", "f1", "f2", "f3", "f4", "f5", "u"]);
    await t.clock.advance(1000);
    expect(t.sent.filter((s) => s.at === 1000).map((s) => s.chat)).toEqual(["f6", "f7"]);
  });

  it("a deferred message goes in arrival order once it has waited long enough", async () => {
    const t = setup({ globalLimit: 1, globalWindowMs: 1000, maxDeferMs: 1500, replyReserve: 0 });
    t.send("x");
    t.send("old"); // waits from t=0
    await t.clock.advance(1000); // "old" goes (nothing urgent)
    t.send("old2");
    await t.clock.advance(600);
    for (const c of ["u1", "u2", "u3"]) {
      t.pacer.noteIncoming(c);
      t.send(c);
    }
    await t.clock.advance(5000);
    // old2 (queued at 1000) is served at 3000: by then it has waited 2000 ≥ 1500 and is older than u2, u3.
    expect(t.sent.map((s) => [s.chat, s.at])).toEqual([
      ["x", 0],
      ["old", 1000],
      ["u1", 2000],
      ["old2", 3000],
      ["u2", 4000],
      ["u3", 5000],
    ]);
  });
});

describe("the transformer", () => {
  it("paces messages and edits, passes callback answers, chat actions and polling straight through", async () => {
    const clock = new FakeClock();
    const waits: PacedCall[] = [];
    const { transformer } = outgoingPace({
      now: clock.now,
      schedule: clock.schedule,
      perChatBurst: 1,
      onWait: (w) => waits.push(w),
    });
    const done: string[] = [];
    // biome-ignore lint/suspicious/noExplicitAny: a stand-in for grammY's ApiCallFn
    const prev: any = async (method: string) => {
      done.push(method);
      return { ok: true, result: true };
    };
    // biome-ignore lint/suspicious/noExplicitAny: payloads as grammY passes them
    const call = (method: string, payload: any) => (transformer as any)(prev, method, payload, undefined);
    void call("sendMessage", { chat_id: 1, text: "a" });
    void call("editMessageText", { chat_id: 1, message_id: 2, text: "b" });
    void call("answerCallbackQuery", { callback_query_id: "q" });
    void call("sendChatAction", { chat_id: 1, action: "typing" });
    void call("getUpdates", { offset: 0 });
    await clock.advance(0);
    expect(done).toEqual(["answerCallbackQuery", "sendChatAction", "getUpdates", "sendMessage"]);
    await clock.advance(1000);
    expect(done.at(-1)).toBe("editMessageText");
    expect(waits).toEqual([{ method: "editMessageText", chatId: "1", waitedMs: 1000 }]);
  });

  it("knows which methods Telegram counts as messages", () => {
    for (const m of [
      "sendMessage",
      "sendDocument",
      "editMessageText",
      "editMessageReplyMarkup",
      "copyMessage",
    ])
      expect(isPacedMethod(m)).toBe(true);
    for (const m of ["answerCallbackQuery", "sendChatAction", "getUpdates", "deleteMessage", "setMyCommands"])
      expect(isPacedMethod(m)).toBe(false);
  });
});

import { Bot, InlineKeyboard, InputFile } from "grammy";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { waitFor } from "../../../fakes/support/wait.js";
import { type FakeTelegram, startFakeTelegram } from "../../../fakes/telegram/index.js";

let fake: FakeTelegram;
let bot: Bot;
let running: Promise<void> | undefined;
const errors: unknown[] = [];

const zones = new InlineKeyboard()
  .text("Moscow (UTC+3)", "tz:Europe/Moscow")
  .text("Omsk (UTC+6)", "tz:Asia/Omsk");

beforeEach(async () => {
  fake = await startFakeTelegram({ botUsername: "telecal_test_bot" });
  bot = new Bot(fake.token, { client: { apiRoot: fake.apiRoot } });
  errors.length = 0;
  bot.catch((e) => {
    errors.push(e.error);
  });
  // A miniature booking dialog, enough to exercise the fake the way the real bot will.
  bot.command("book", (ctx) => ctx.reply("Choose your timezone", { reply_markup: zones }));
  bot.callbackQuery(/^tz:(.+)$/, async (ctx) => {
    await ctx.answerCallbackQuery();
    await ctx.editMessageText("Loading slots…");
    await ctx.editMessageText(`Free slots in ${ctx.match[1]}`, {
      reply_markup: new InlineKeyboard().text("10:00", "slot:1").row().text("Cancel", "cancel"),
    });
  });
  bot.callbackQuery("slot:1", async (ctx) => {
    await ctx.answerCallbackQuery({ text: "Booked!" });
    await ctx.editMessageReplyMarkup();
    await ctx.replyWithDocument(
      new InputFile(Buffer.from("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"), "meeting.ics"),
      {
        caption: "Add to calendar",
      },
    );
  });
  bot.on("callback_query:data", (ctx) =>
    ctx.answerCallbackQuery({ text: "This button is no longer active", show_alert: true }),
  );
  bot.on(
    ["message:sticker", "message:photo", "message:voice", "message:contact", "message:document"],
    (ctx) =>
      ctx.reply(
        `got ${Object.keys(ctx.message).find((k) => ["sticker", "photo", "voice", "contact", "document"].includes(k))}`,
      ),
  );
  bot.command("whoami", (ctx) => ctx.reply(`you are ${ctx.from?.id}, args=${JSON.stringify(ctx.match)}`));
});

afterEach(async () => {
  if (bot.isRunning()) await bot.stop();
  await running;
  running = undefined;
  await fake.close();
  expect(errors).toEqual([]);
});

function start(): void {
  running = bot.start({ timeout: 1 });
}

describe("driving a user through a button flow", () => {
  it("command → keyboard → tap → edits → tap → answer, document and keyboard removal", async () => {
    start();
    const dana = fake.user(501, { first_name: "Dana", language_code: "ru" });

    dana.command("book");
    const menu = await dana.waitForReply((m) => m.text === "Choose your timezone");
    expect(menu.buttons.map((b) => b.text)).toEqual(["Moscow (UTC+3)", "Omsk (UTC+6)"]);

    const q1 = dana.tapButton("Omsk (UTC+6)");
    expect(await dana.waitForCallbackAnswer(q1)).toMatchObject({ show_alert: false });
    const slots = await dana.waitForReply((m) => m.text.startsWith("Free slots"));
    expect(slots.message_id).toBe(menu.message_id); // edited in place
    expect(slots.text).toBe("Free slots in Asia/Omsk");
    expect(slots.edits.map((e) => e.text)).toEqual(["Choose your timezone", "Loading slots…"]);

    const q2 = dana.tap(slots, "slot:1");
    expect(await dana.waitForCallbackAnswer(q2)).toMatchObject({ text: "Booked!" });
    const ics = await dana.waitForReply((m) => m.kind === "document");
    expect(ics.document?.file_name).toBe("meeting.ics");
    expect(ics.document?.text).toContain("BEGIN:VCALENDAR");
    expect(ics.text).toBe("Add to calendar");
    expect(dana.message(slots.message_id)?.buttons).toEqual([]);

    // A button the message no longer has (or never had) must be forced: forged or stale data.
    const stale = dana.tap(menu.message_id, "slot:9", { force: true });
    expect(await dana.waitForCallbackAnswer(stale)).toMatchObject({
      text: "This button is no longer active",
      show_alert: true,
    });
  });

  it("/cmd@BotName is the same command; arguments arrive as ctx.match", async () => {
    start();
    const eli = fake.user(502, { first_name: "Eli" });
    const sent = eli.command("whoami", "a b", { mention: true });
    expect(sent.message.text).toBe("/whoami@telecal_test_bot a b");
    expect(sent.message.entities).toEqual([{ type: "bot_command", offset: 0, length: 24 }]);
    expect((await eli.waitForReply()).text).toBe('you are 502, args="a b"');
  });

  it("media updates have shapes grammY's filters recognise", async () => {
    start();
    const fay = fake.user(503, { first_name: "Fay" });
    for (const [send, kind] of [
      [() => fay.sendSticker(), "sticker"],
      [() => fay.sendPhoto({ caption: "me" }), "photo"],
      [() => fay.sendVoice(), "voice"],
      [() => fay.sendContact(), "contact"],
      [() => fay.sendDocument({ file_name: "cv.pdf", content: "%PDF" }), "document"],
    ] as const) {
      send();
      expect((await fay.waitForReply()).text).toBe(`got ${kind}`);
    }
  });

  it("waitForReply rejects after its deadline with a dump of the chat", async () => {
    start();
    const gil = fake.user(504, { first_name: "Gil" });
    gil.command("book");
    await gil.waitForReply();
    const err = await gil
      .waitForReply((m) => m.text.includes("never said"), {
        timeoutMs: 150,
        description: "a reply that never comes",
      })
      .catch((e: unknown) => e as Error);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toMatch(/waitForMessage timed out after 150 ms in chat 504/);
    expect((err as Error).message).toMatch(/a reply that never comes/);
    expect((err as Error).message).toMatch(/#1 user .*"\/book"/);
    expect((err as Error).message).toMatch(
      /#2 bot .*"Choose your timezone"\n\s+buttons: \[Moscow \(UTC\+3\) → tz:Europe\/Moscow\]/,
    );
  });

  it("pushUpdate delivers forged/junk updates; the bot survives them", async () => {
    start();
    const id = fake.pushUpdate({
      message: { message_id: 9, date: 0, chat: { id: 1, type: "private", first_name: "x" } } as never,
    });
    fake.pushUpdate({ some_future_update_kind: { foo: 1 } });
    await fake.waitForUpdatesConfirmed();
    expect(fake.updateLog().map((u) => u.update_id)).toEqual([id, id + 1]);
    const hal = fake.user(505, { first_name: "Hal" });
    hal.command("book");
    await hal.waitForReply((m) => m.buttons.length === 2);
  });
});

describe("fakes/support/wait", () => {
  it("waitFor returns the first truthy value and reports the last error at the deadline", async () => {
    let n = 0;
    expect(await waitFor(() => (++n >= 3 ? n : undefined), { intervalMs: 1 })).toBe(3);
    const err = await waitFor(
      () => {
        throw new Error("still not there");
      },
      { timeoutMs: 30, description: "the impossible", dump: () => "state: nothing" },
    ).catch((e: unknown) => e as Error);
    expect(err.message).toBe(
      "waitFor timed out after 30 ms waiting for: the impossible\nlast error: still not there\nstate: nothing",
    );
  });
});

/**
 * The bot as an operator runs it: a separate Node process started like `npm start`, stopped with
 * signals, killed with -9.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type FakeCalcom, startFakeCalcom } from "../../fakes/calcom/index.js";
import { waitFor } from "../../fakes/support/wait.js";
import { type FakeTelegram, startFakeTelegram } from "../../fakes/telegram/index.js";
import { press, shows, toSummary } from "./booking-helpers.js";

const ROOT = join(import.meta.dirname, "..", "..");
const ADMIN = 900_001;

interface Running {
  child: ChildProcess;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function launch(env: Record<string, string>): Running {
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout?.on("data", (d) => {
    out += String(d);
  });
  child.stderr?.on("data", (d) => {
    out += String(d);
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal })),
  );
  return { child, output: () => out, exited };
}

describe("configuration errors", () => {
  it("a bad configuration stops start-up with exit 1 and one line naming every bad variable, never a value", async () => {
    const run = launch({
      TELEGRAM_BOT_TOKEN: "oops-SECRET-token",
      ADMIN_TELEGRAM_ID: "not-a-number",
      CALCOM_EVENT_TYPE_ID: "42",
    });
    const { code } = await run.exited;
    expect(code).toBe(1);
    const lines = run.output().trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/TELEGRAM_BOT_TOKEN/);
    expect(lines[0]).toMatch(/ADMIN_TELEGRAM_ID/);
    expect(lines[0]).toMatch(/CALCOM_API_KEY/);
    expect(lines[0]).not.toContain("SECRET");
    expect(lines[0]).not.toContain("not-a-number");
  });
});

describe("a running bot process", () => {
  let tg: FakeTelegram;
  let cal: FakeCalcom;
  let dir: string;
  let env: Record<string, string>;

  beforeEach(async () => {
    tg = await startFakeTelegram();
    cal = await startFakeCalcom();
    dir = mkdtempSync(join(tmpdir(), "tcb-proc-"));
    env = {
      TELEGRAM_BOT_TOKEN: tg.token,
      TELEGRAM_API_ROOT: tg.apiRoot,
      ADMIN_TELEGRAM_ID: String(ADMIN),
      CALCOM_API_KEY: cal.apiKey,
      CALCOM_API_URL: cal.url,
      CALCOM_EVENT_TYPE_ID: String(cal.eventTypeId),
      DATABASE_PATH: join(dir, "bot.db"),
      HEALTH_PORT: "0",
      LOG_LEVEL: "info",
    };
    tg.user(ADMIN, { first_name: "Sponsor", language_code: "en", started: true });
  });

  afterEach(async () => {
    await Promise.all([tg.close(), cal.close()]);
    rmSync(dir, { recursive: true, force: true });
  });

  it("answers, then on SIGTERM stops taking updates and exits 0 within 10 s; the log holds no secret", async () => {
    const run = launch(env);
    const user = tg.user(601, { first_name: "Olga", language_code: "en" });
    user.start();
    await user.waitForReply((m) => m.text.includes("601"), { timeoutMs: 15_000 });
    const started = Date.now();
    run.child.kill("SIGTERM");
    const { code } = await run.exited;
    expect(code).toBe(0);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(run.output()).toContain("update handled");
    expect(run.output()).not.toContain(tg.token.split(":")[1]);
    expect(run.output()).not.toContain(cal.apiKey);
  });

  it("a kill -9 in the middle of an update loses nothing: the update is finished after the restart", async () => {
    const first = launch(env);
    await waitFor(() => tg.isPolling(), { timeoutMs: 15_000 });
    // The reply to this user hangs inside Telegram, so the update is mid-flight when we kill.
    tg.delay("sendMessage", 30_000, 1);
    const user = tg.user(602, { first_name: "Pavel", language_code: "en" });
    user.start();
    const db = new Database(env.DATABASE_PATH as string, { readonly: true, fileMustExist: true });
    await waitFor(
      () => db.prepare("SELECT 1 FROM updates WHERE attempts > 0 AND handled_at IS NULL").get() !== undefined,
      { timeoutMs: 10_000, description: "an update being handled" },
    );
    // Its reply is inside Telegram (held by the delay), so the kill lands mid-update.
    await waitFor(() => tg.callsOf("sendMessage").some((c) => c.chatId === 602), {
      timeoutMs: 10_000,
      description: "the reply on its way",
    });
    first.child.kill("SIGKILL");
    await first.exited;

    const second = launch(env);
    await user.waitForMessage((m) => m.text.includes("602"), { timeoutMs: 15_000 });
    await tg.user(ADMIN).waitForMessage((m) => m.text.includes("/approve 602"), { timeoutMs: 15_000 });
    await waitFor(
      () =>
        (db.prepare("SELECT count(*) AS n FROM updates WHERE handled_at IS NULL").get() as { n: number })
          .n === 0,
      { timeoutMs: 10_000, description: "no unhandled update left" },
    );
    db.close();
    second.child.kill("SIGTERM");
    expect((await second.exited).code).toBe(0);
  });

  it("a kill -9 while Cal.com takes a booking: after the restart the member is told exactly once", async () => {
    const withMailbox = { ...env, CALCOM_FALLBACK_EMAIL: "sponsor@yandex.ru" };
    const first = launch(withMailbox);
    await waitFor(() => tg.isPolling(), { timeoutMs: 15_000 });
    const vera = tg.user(603, { first_name: "Vera", language_code: "en", started: true });
    tg.user(ADMIN).command("approve", "603");
    // Vera has not written yet, so the bot greets her in its default language.
    await vera.waitForMessage((m) => /You're in!|Доступ открыт/.test(m.text), { timeoutMs: 10_000 });
    await toSummary(vera, "Vera");
    // Cal.com stores the booking but its answer never comes: the kill lands inside Confirm.
    cal.commitLate({ answer: "never" });
    await press(vera, "✅ Confirm");
    await waitFor(() => cal.state.bookings.size === 1, {
      timeoutMs: 10_000,
      description: "Cal.com to hold it",
    });
    first.child.kill("SIGKILL");
    await first.exited;

    const second = launch(withMailbox);
    await shows(vera, "Done, you're booked!", 20_000);
    const db = new Database(env.DATABASE_PATH as string, { readonly: true, fileMustExist: true });
    await waitFor(
      () =>
        (db.prepare("SELECT count(*) AS n FROM updates WHERE handled_at IS NULL").get() as { n: number })
          .n === 0 &&
        (db.prepare("SELECT count(*) AS n FROM outbox WHERE sent_at IS NULL").get() as { n: number }).n === 0,
      { timeoutMs: 15_000, description: "every update handled and every notice sent" },
    );
    db.close();
    const told = vera.messages().filter((m) => /Done, you're booked!|confirmed your booking/.test(m.text));
    expect(told).toHaveLength(1);
    expect(cal.state.bookings.size).toBe(1);
    second.child.kill("SIGTERM");
    expect((await second.exited).code).toBe(0);
  });
});

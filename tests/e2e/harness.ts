/**
 * A world for end-to-end stories: the fake Telegram and fake Cal.com on 127.0.0.1, and the real
 * bot (startApp, the code `npm start` runs after reading its configuration) pointed at them.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { type FakeCalcom, type FakeCalcomOptions, startFakeCalcom } from "../../fakes/calcom/index.js";
import {
  type FakeTelegram,
  type FakeTelegramOptions,
  startFakeTelegram,
} from "../../fakes/telegram/index.js";
import { type App, startApp } from "../../src/app.js";
import type { FloodOptions } from "../../src/bot/middleware.js";
import type { PaceOptions } from "../../src/bot/outgoing-pace.js";
import type { Clock } from "../../src/clock.js";
import { parseConfig } from "../../src/config.js";
import { createLogger } from "../../src/log.js";

export const ADMIN_ID = 900_001;

/** A clock the test moves forward (reminders, idle dialogs) instead of sleeping. */
export class TestClock implements Clock {
  private offset = 0;
  now(): number {
    return Date.now() + this.offset;
  }
  advance(ms: number): void {
    this.offset += ms;
  }
}

export interface WorldOptions {
  env?: Record<string, string | undefined>;
  calcom?: FakeCalcomOptions;
  telegram?: FakeTelegramOptions;
  /** Keep every log line (at trace level) in `world.logs`, e.g. to check what logs hold. */
  captureLogs?: boolean;
  /** The bot's per-user flood limit (a story that taps thousands of times loosens it). */
  flood?: FloodOptions;
  /** Outgoing pace (default: a loose per-chat pace, see below). */
  pace?: PaceOptions;
}

export interface World {
  tg: FakeTelegram;
  cal: FakeCalcom;
  clock: TestClock;
  app: App;
  env: Record<string, string | undefined>;
  dataDir: string;
  /** The bot's log lines (JSON), when the world was started with `captureLogs`. */
  logs: string[];
  /**
   * Stops the bot gracefully and starts it again on the same database; `whileDown` runs in between
   * (users tapping while the bot is down, the fake's clock moving on).
   */
  restart(whileDown?: () => void | Promise<void>): Promise<void>;
  close(): Promise<void>;
}

export async function startWorld(options: WorldOptions = {}): Promise<World> {
  const clock = new TestClock();
  const tg = await startFakeTelegram(options.telegram);
  const cal = await startFakeCalcom({ now: () => clock.now(), ...options.calcom });
  const dataDir = mkdtempSync(join(tmpdir(), "tcb-e2e-"));
  const env: Record<string, string | undefined> = {
    TELEGRAM_BOT_TOKEN: tg.token,
    TELEGRAM_API_ROOT: tg.apiRoot,
    ADMIN_TELEGRAM_ID: String(ADMIN_ID),
    CALCOM_API_KEY: cal.apiKey,
    CALCOM_API_URL: cal.url,
    CALCOM_EVENT_TYPE_ID: String(cal.eventTypeId),
    CALCOM_FALLBACK_EMAIL: "sponsor@yandex.ru",
    DATABASE_PATH: join(dataDir, "bot.db"),
    HEALTH_PORT: "0",
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? "silent",
    ...options.env,
  };
  const admin = tg.user(ADMIN_ID, { first_name: "Sponsor", username: "sponsor", language_code: "en" });

  const logs: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      logs.push(...String(chunk).split("\n").filter(Boolean));
      done();
    },
  });
  const log = () =>
    options.captureLogs
      ? createLogger({ level: "trace", secrets: [tg.token, cal.apiKey], destination })
      : createLogger({ level: env.LOG_LEVEL ?? "silent" });
  const boot = () =>
    startApp({
      config: parseConfig(env),
      log: log(),
      clock,
      calcomFetchOptions: { timeoutMs: 2000, sleep: () => Promise.resolve() },
      // Open writes are due on the test clock; look often so a story only moves the clock.
      openWritesTickMs: 50,
      calcomRetryMs: 100,
      // The stories tap much faster than people (and the fake enforces no flood limit unless asked):
      // the per-chat pace (1 message/s after a burst of 3) would only make them slow.
      pace: options.pace ?? { perChatPerSecond: 50, perChatBurst: 20 },
      ...(options.flood ? { flood: options.flood } : {}),
    });
  const world: World = {
    tg,
    cal,
    clock,
    app: await boot(),
    env,
    dataDir,
    logs,
    async restart(whileDown) {
      await world.app.stop();
      await whileDown?.();
      world.app = await boot();
    },
    async close() {
      await world.app.stop();
      await Promise.all([tg.close(), cal.close()]);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  // The sponsor opened the bot once, as they must before it can write to them.
  admin.start();
  await admin.waitForReply((m) => m.text.includes("You are an admin"));
  return world;
}

/**
 * The sandbox's world: the fake Telegram Bot API and the fake Cal.com on 127.0.0.1, the three
 * people in the fake Telegram, and the environment the real bot reads (as `npm start` would).
 */
import { join } from "node:path";
import { type FakeCalcom, startFakeCalcom } from "../fakes/calcom/index.js";
import { type FakeTelegram, startFakeTelegram } from "../fakes/telegram/index.js";
import { PEOPLE, SPONSOR } from "./people.js";

export interface World {
  tg: FakeTelegram;
  cal: FakeCalcom;
  /** The bot's environment: everything it needs, nothing from the caller's shell. */
  env: Record<string, string>;
  close(): Promise<void>;
}

export async function startWorld(dataDir: string): Promise<World> {
  const tg = await startFakeTelegram({ botUsername: "telecal_sandbox_bot", botFirstName: "Telecal" });
  const cal = await startFakeCalcom({
    owner: { id: 42, username: "sponsor", email: "sponsor@mail.ru", name: "Анна", timeZone: "Europe/Moscow" },
    // The sponsor's week: Monday to Saturday, 10:00–19:00 Moscow time.
    workingHours: { days: [1, 2, 3, 4, 5, 6], startHour: 10, endHour: 19, timeZone: "Europe/Moscow" },
    // Clicking around is not an attack: no throttling in the sandbox.
    rateLimit: false,
  });
  for (const p of PEOPLE) {
    tg.user(p.id, {
      first_name: p.first_name,
      username: p.username,
      language_code: p.language,
      started: p.started,
    });
  }
  const env = {
    PATH: process.env.PATH ?? "",
    HOME: process.env.HOME ?? "",
    TELEGRAM_BOT_TOKEN: tg.token,
    TELEGRAM_API_ROOT: tg.apiRoot,
    ADMIN_TELEGRAM_ID: String(SPONSOR.id),
    CALCOM_API_KEY: cal.apiKey,
    CALCOM_API_URL: cal.url,
    CALCOM_EVENT_TYPE_ID: String(cal.eventTypeId),
    CALCOM_FALLBACK_EMAIL: "sponsor@yandex.ru",
    ADMIN_TIMEZONE: "Europe/Moscow",
    DATABASE_PATH: join(dataDir, "telecalbot.db"),
    HEALTH_PORT: "0",
    LOG_LEVEL: "info",
    // The sandbox shows what Cal.com holds now: keep the bot's view of free times fresh.
    AVAILABILITY_CACHE_TTL_SECONDS: "15",
  };
  return {
    tg,
    cal,
    env,
    close: async () => {
      await Promise.all([tg.close(), cal.close()]);
    },
  };
}

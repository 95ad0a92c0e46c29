/**
 * The "sync-N" scenarios of `npm run bench`: what the Cal.com sync (src/bookings/sync.ts) costs
 * of the shared 120 requests/minute budget with N upcoming bookings made through the bot. The real
 * bot (startApp, in this process) over the fake Telegram and the fake Cal.com (with its latency);
 * the bookings are seeded in both; between passes the sponsor cancels, moves and deletes a few in
 * Cal.com. Passes are driven one after another and every request the fake sees is counted; the
 * rate at the configured interval is requests per pass × passes per minute.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startFakeCalcom } from "../fakes/calcom/index.js";
import { startFakeTelegram } from "../fakes/telegram/index.js";
import { startApp } from "../src/app.js";
import { parseConfig } from "../src/config.js";
import { createStore } from "../src/db/index.js";
import { migrate } from "../src/db/migrate.js";
import { openDatabase } from "../src/db/open.js";
import { createLogger } from "../src/log.js";

export interface SyncBenchReport {
  name: string;
  upcoming: number;
  passes: number;
  intervalSeconds: number;
  /** Requests of each pass (lists, look-ups). */
  perPass: { list: number; get: number; ms: number }[];
  requestsPerMinute: number;
  /** Share of the 120/min budget the sync takes. */
  budgetShare: number;
  changesTold: number;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const BUDGET_PER_MINUTE = 120;
const ADMIN_ID = 900_001;

/** N upcoming bookings in Cal.com and the same rows in the bot's database (made "earlier"). */
function seed(dbPath: string, cal: Awaited<ReturnType<typeof startFakeCalcom>>, n: number): string[] {
  const db = openDatabase(dbPath);
  migrate(db);
  const store = createStore(db, { now: () => Date.now() });
  const created = new Date(Date.now() - DAY).toISOString();
  const uids: string[] = [];
  for (let i = 0; i < n; i++) {
    const start = Date.now() + DAY + i * HOUR;
    const b = cal.state.addBooking({ start, end: start + HOUR });
    store.bookings.upsert(
      {
        uid: b.uid,
        telegramId: 5_000_000 + i,
        reference: `bench-${i}`,
        startUtc: new Date(start).toISOString(),
        endUtc: new Date(start + HOUR).toISOString(),
        status: "accepted",
        attendeeName: `Member ${i}`,
        attendeeEmail: `m${i}@example.com`,
        timeZone: "Europe/Moscow",
        language: "ru",
        location: undefined,
        rescheduledFromUid: undefined,
      },
      created,
    );
    uids.push(b.uid);
  }
  db.close();
  return uids;
}

/** What the sponsor does in Cal.com between two passes: 2 cancels, 2 moves, 1 delete. */
function sponsorActs(
  cal: Awaited<ReturnType<typeof startFakeCalcom>>,
  uids: string[],
  round: number,
): number {
  const pick = (k: number) => uids[(round * 5 + k) % uids.length] as string;
  cal.host.cancel(pick(0), "ill");
  cal.host.cancel(pick(1), "ill");
  cal.host.reschedule(pick(2), Date.now() + 60 * DAY + round * HOUR);
  cal.host.reschedule(pick(3), Date.now() + 61 * DAY + round * HOUR);
  cal.host.delete(pick(4));
  return 5;
}

export async function runSyncScenario(
  n: number,
  o: { calcomLatencyMs: number; passes?: number },
): Promise<SyncBenchReport> {
  const passes = o.passes ?? 5;
  const dir = mkdtempSync(join(tmpdir(), `telecalbot-bench-sync-${n}-`));
  const tg = await startFakeTelegram();
  const cal = await startFakeCalcom({ latencyMs: o.calcomLatencyMs, rateLimit: false });
  const uids = seed(join(dir, "bot.db"), cal, n);
  tg.user(ADMIN_ID, { first_name: "Sponsor", language_code: "en", started: true });
  const config = parseConfig({
    TELEGRAM_BOT_TOKEN: tg.token,
    TELEGRAM_API_ROOT: tg.apiRoot,
    ADMIN_TELEGRAM_ID: String(ADMIN_ID),
    CALCOM_API_KEY: cal.apiKey,
    CALCOM_API_URL: cal.url,
    CALCOM_EVENT_TYPE_ID: String(cal.eventTypeId),
    DATABASE_PATH: join(dir, "bot.db"),
    HEALTH_PORT: "0",
  });
  const app = await startApp({ config, log: createLogger({ level: "silent" }) });
  const perPass: SyncBenchReport["perPass"] = [];
  let changesTold = 0;
  try {
    await app.sync.tick(); // the pass at start-up: nothing changed yet
    for (let round = 0; round < passes; round++) {
      changesTold += sponsorActs(cal, uids, round);
      cal.resetCounters();
      const t0 = performance.now();
      await app.sync.tick();
      perPass.push({
        list: cal.counts.listBookings,
        get: cal.counts.getBooking,
        ms: Math.round(performance.now() - t0),
      });
    }
  } finally {
    await app.stop();
    await Promise.all([tg.close(), cal.close()]);
    rmSync(dir, { recursive: true, force: true });
  }
  const worst = Math.max(...perPass.map((p) => p.list + p.get));
  const requestsPerMinute = (worst * 60) / config.bookingSyncIntervalSeconds;
  return {
    name: `sync-${n}`,
    upcoming: n,
    passes,
    intervalSeconds: config.bookingSyncIntervalSeconds,
    perPass,
    requestsPerMinute,
    budgetShare: requestsPerMinute / BUDGET_PER_MINUTE,
    changesTold,
  };
}

export function syncTable(r: SyncBenchReport): string {
  const rows = r.perPass.map((p, i) => `  pass ${i + 1}: ${p.list} list + ${p.get} look-ups, ${p.ms} ms`);
  return [
    `${r.name}: ${r.upcoming} upcoming bookings, sync every ${r.intervalSeconds} s, the sponsor changes 5 between passes`,
    ...rows,
    `  Cal.com requests/min from the sync (worst pass): ${r.requestsPerMinute.toFixed(2)} = ${(r.budgetShare * 100).toFixed(1)} % of ${BUDGET_PER_MINUTE}/min; left to sponsees: ${(100 - r.budgetShare * 100).toFixed(1)} %`,
  ].join("\n");
}

import type { Api, Bot } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import { registerCommands } from "./bot/commands.js";
import type { BotContext, BotDeps } from "./bot/context.js";
import { createBot } from "./bot/create-bot.js";
import { notifyPendingRequests } from "./bot/features/access.js";
import { sweepIdleDialogs } from "./bot/features/booking/index.js";
import type { FloodOptions } from "./bot/middleware.js";
import { tell, tellAdmins } from "./bot/notify.js";
import type { PaceOptions } from "./bot/outgoing-pace.js";
import { ReminderScheduler } from "./bot/reminders.js";
import { type Poller, startPolling, within } from "./bot/runtime.js";
import {
  type Calcom,
  type CalcomDeps,
  createCalcom,
  type FetchOptions,
  isCalcomError,
} from "./calcom/index.js";
import { type Clock, systemClock } from "./clock.js";
import type { Config, Language } from "./config.js";
import { AccessRequestsRepo } from "./db/access-requests.js";
import { AdminAuditRepo } from "./db/admin-audit.js";
import { migrate } from "./db/migrate.js";
import { type Db, openDatabase } from "./db/open.js";
import { PreferencesRepo } from "./db/preferences.js";
import { UpdateJournal } from "./db/update-journal.js";
import { UsersRepo } from "./db/users.js";
import { startHealthServer } from "./health.js";
import type { Logger } from "./log.js";
import { longDateTime, shortLocal } from "./time/slots.js";
import { zoneLabel } from "./time/zones.js";

export interface AppOptions {
  config: Config;
  log: Logger;
  clock?: Clock;
  /** Tests pass the fake server's bot identity to skip getMe; production asks Telegram. */
  botInfo?: UserFromGetMe;
  pollTimeoutSeconds?: number;
  flood?: FloodOptions;
  /** Outgoing pacing under Telegram's limits (tests that tap fast loosen the per-chat rate). */
  pace?: PaceOptions;
  /** Tests shorten Cal.com's timeouts and back-off. */
  calcomFetchOptions?: FetchOptions;
}

export interface App {
  bot: Bot<BotContext>;
  db: Db;
  /** Runs a reminder pass now (tests move the clock, then tick). */
  reminders: ReminderScheduler;
  healthPort: number;
  /** Resolves if polling dies by itself (e.g. Telegram says 401 or 409). */
  failed: Promise<Error>;
  /** Stops taking updates, finishes those in hand (within the deadline), closes everything. */
  stop(deadlineMs?: number): Promise<void>;
}

const HOUR = 3_600_000;

/**
 * The Cal.com client, with the event type looked up. A wrong key or event type stops start-up at
 * once; Cal.com being down is retried a few times first (fly.io restarts us after that).
 */
async function connectCalcom(deps: CalcomDeps): Promise<Calcom> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await createCalcom(deps);
    } catch (err) {
      const transient = isCalcomError(err) && (err.kind === "unavailable" || err.kind === "rate_limited");
      if (!transient || attempt >= 5) throw err;
      deps.log.warn({ err, attempt }, "Cal.com unreachable at start-up; retrying");
      await new Promise((resolve) => setTimeout(resolve, 1000 * 2 ** attempt));
    }
  }
}

/**
 * Settles booking writes a crash or a lost answer left open; a failure here is retried later.
 * A write Cal.com did apply although the user was never told is announced to them and the admins.
 */
async function reconcile(calcom: Calcom, deps: BotDeps, api: Api): Promise<void> {
  const { log } = deps;
  try {
    const report = await calcom.reconcilePendingAttempts();
    // Counts only: the report holds attendees' emails.
    const counts = {
      applied: report.applied.length,
      notApplied: report.notApplied.length,
      unknown: report.unknown.length,
    };
    if (counts.applied + counts.notApplied + counts.unknown > 0)
      log.info(counts, "booking attempts reconciled");
    for (const { attempt, booking } of report.applied) {
      const zone = booking.attendee?.timeZone ?? attempt.timeZone ?? deps.config.adminTimezone;
      const when = (lang: Language) =>
        `${longDateTime(booking.startUtc, zone, lang)} (${zoneLabel(zone, lang, Date.parse(booking.startUtc))})`;
      const name = attempt.attendeeName ?? booking.attendee?.name ?? "";
      const adminWhen = shortLocal(booking.startUtc, deps.config.adminTimezone);
      if (attempt.kind === "cancel") {
        await tell(api, deps, attempt.telegramId, (t, lang) => t.myBookings.settledCancelled(when(lang)));
        await tellAdmins(api, deps, (t) => t.myBookings.adminCancelled(name, adminWhen));
      } else {
        await tell(api, deps, attempt.telegramId, (t, lang) => t.myBookings.settledBooked(when(lang)));
        await tellAdmins(api, deps, (t) => t.booking.adminNew({ name, when: adminWhen, zone }));
      }
    }
  } catch (err) {
    log.error({ err }, "could not reconcile booking attempts; will retry");
  }
}

/** The whole bot, as `npm start` runs it: database → bot → polling + health. */
export async function startApp(options: AppOptions): Promise<App> {
  const { config, log } = options;
  const clock = options.clock ?? systemClock;
  let phase: "starting" | "ok" | "stopping" = "starting";
  let poller: Poller | undefined;

  const health = await startHealthServer(config.healthPort, {
    status: () =>
      phase === "ok" && poller?.isPolling() ? "ok" : phase === "stopping" ? "stopping" : "starting",
    details: () => ({ polling: poller?.isPolling() ?? false, inFlight: poller?.inFlight() ?? 0 }),
  });

  const db = openDatabase(config.databasePath);
  const applied = migrate(db);
  if (applied.length > 0) log.info({ applied }, "database migrated");

  const repos = {
    users: new UsersRepo(db),
    requests: new AccessRequestsRepo(db),
    preferences: new PreferencesRepo(db),
    audit: new AdminAuditRepo(db),
  };
  // Cal.com refusing the key is the operator's problem: tell the admins once, in their language.
  let alertAdmins: (() => void) | undefined;
  const calcom = await connectCalcom({
    config,
    db,
    clock,
    log,
    onAuthFailure: () => alertAdmins?.(),
    fetchOptions: options.calcomFetchOptions,
  });
  const deps: BotDeps = { config, db, repos, clock, log, calcom };
  const bot = createBot(deps, {
    ...(options.botInfo ? { botInfo: options.botInfo } : {}),
    ...(options.flood ? { flood: options.flood } : {}),
    ...(options.pace ? { pace: options.pace } : {}),
  });
  alertAdmins = () => void tellAdmins(bot.api, deps, (t) => t.common.calcomKeyRefused);
  const journal = new UpdateJournal(db);
  await reconcile(calcom, deps, bot.api);

  poller = await startPolling({
    bot,
    journal,
    clock,
    log,
    ...(options.pollTimeoutSeconds !== undefined ? { pollTimeoutSeconds: options.pollTimeoutSeconds } : {}),
  });
  const reminders = new ReminderScheduler(deps, bot.api);
  reminders.start();
  phase = "ok";
  log.info({ bot: bot.botInfo.username }, "bot is polling");

  void registerCommands(bot.api, config.adminIds, config.defaultLanguage, log);
  void notifyPendingRequests(bot.api, deps).catch((err: unknown) =>
    log.error({ err }, "pending sweep failed"),
  );

  // Housekeeping must never take the process down: a failure is logged and retried next time.
  const housekeeping = (name: string, task: () => void) => () => {
    try {
      task();
    } catch (err) {
      log.error({ err }, `${name} failed`);
    }
  };
  const prune = setInterval(
    housekeeping("journal prune", () => {
      const removed = journal.prune(new Date(clock.now() - 48 * HOUR).toISOString());
      if (removed > 0) log.debug({ removed }, "pruned update journal");
      void reconcile(calcom, deps, bot.api);
    }),
    HOUR,
  );
  prune.unref();
  const sweep = setInterval(
    housekeeping("idle dialog sweep", () => {
      const removed = sweepIdleDialogs(deps);
      if (removed > 0) log.info({ removed }, "closed idle booking dialogs");
    }),
    60_000,
  );
  sweep.unref();

  let stopped: Promise<void> | undefined;
  return {
    bot,
    db,
    reminders,
    healthPort: health.port,
    failed: poller.failed,
    stop(deadlineMs = 8000) {
      stopped ??= (async () => {
        const until = Date.now() + deadlineMs;
        phase = "stopping";
        clearInterval(prune);
        clearInterval(sweep);
        const { unfinished } = (await poller?.stop(deadlineMs)) ?? { unfinished: 0 };
        if (unfinished > 0)
          log.warn({ unfinished }, "stopped with updates in hand; they resume at next start");
        await within(reminders.stop(), until);
        await health.close();
        await within(calcom.close(), until);
        db.close();
        log.info("stopped");
      })();
      return stopped;
    },
  };
}

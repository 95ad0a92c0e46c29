import type { Bot } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import { reportEventTypeSettings } from "./bookings/event-type-report.js";
import { LengthCaps } from "./bookings/length-caps.js";
import { ReminderPlanner } from "./bookings/reminders.js";
import { BookingService } from "./bookings/service.js";
import { UsageStats } from "./bookings/stats.js";
import { SyncScheduler } from "./bot/booking-sync.js";
import { registerCommands } from "./bot/commands.js";
import type { BotContext, BotDeps, Services } from "./bot/context.js";
import { createBot } from "./bot/create-bot.js";
import type { FloodOptions } from "./bot/middleware.js";
import { OutboxSender } from "./bot/outbox/sender.js";
import type { PaceOptions } from "./bot/outgoing-pace.js";
import { setBotProfile } from "./bot/profile.js";
import { ReminderScheduler } from "./bot/reminders.js";
import { type Poller, startPolling, within } from "./bot/runtime.js";
import { tellAdmins } from "./bot/ui/notify.js";
import { type CalcomClient, connectCalcom, type FetchOptions, isTransient } from "./calcom/index.js";
import { type Clock, iso, systemClock } from "./clock.js";
import type { Config } from "./config.js";
import { createStore, type Store } from "./db/index.js";
import { migrate } from "./db/migrate.js";
import { type Db, openDatabase } from "./db/open.js";
import { startHealthServer } from "./health.js";
import type { Logger } from "./log.js";
import { AccessService } from "./members/access.js";
import { Invitations } from "./members/invites.js";
import { MemberPreferences } from "./members/preferences.js";
import { MemberPrivacy } from "./members/privacy.js";
import { Pseudonyms } from "./members/pseudonym.js";
import { Whois } from "./members/whois.js";
import { Outbox } from "./notices/outbox.js";

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
  /** How often open Cal.com writes are looked up when due (default 15 s; tests shorten it). */
  openWritesTickMs?: number;
  /** How often Cal.com is asked again after it was unreachable at start-up (default 30 s). */
  calcomRetryMs?: number;
}

export interface App {
  bot: Bot<BotContext>;
  db: Db;
  /** Runs a reminder pass now (tests move the clock, then tick). */
  reminders: ReminderScheduler;
  /** Runs a Cal.com sync pass now (tests change Cal.com, then tick). */
  sync: SyncScheduler;
  /** Closes dialogs idle past the timeout now (the app does it every minute); returns how many. */
  sweepIdleDialogs(): number;
  healthPort: number;
  /** Resolves if polling dies by itself (e.g. Telegram says 401 or 409). */
  failed: Promise<Error>;
  /** Stops taking updates, finishes those in hand (within the deadline), closes everything. */
  stop(deadlineMs?: number): Promise<void>;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** The domain services over the store and the Cal.com client. */
function createServices(
  store: Store,
  calcom: CalcomClient,
  options: AppOptions,
  clock: Clock,
  noticesQueued: () => void,
): Services {
  const { config, log } = options;
  const access = new AccessService(store, config.adminIds, clock);
  const pseudonyms = new Pseudonyms(config.telegram.token);
  return {
    access,
    bookings: new BookingService({
      calcom,
      store,
      clock,
      log,
      adminIds: config.adminIds,
      fallbackMailbox: config.calcom.fallbackEmail,
      noticesQueued,
      cap: { perMember: config.maxUpcomingBookingsPerUser, exempt: (id) => access.isAdmin(id) },
    }),
    lengthCaps: new LengthCaps(store, clock, () => calcom.eventTypes.current()?.lengthOptions ?? []),
    preferences: new MemberPreferences(store.preferences, clock, config.defaultLanguage),
    invitations: new Invitations(store, clock, config.inviteTtlDays, config.adminIds),
    privacy: new MemberPrivacy(store, clock),
    stats: new UsageStats(store, clock),
    pseudonyms,
    whois: new Whois(store, pseudonyms, config.adminIds),
    dialogState: store.conversations,
    restartQuestions: store.restartQuestions,
  };
}

/**
 * Settles booking writes left open; those Cal.com applied queue their notices as they settle (the
 * member and the admins learn of them once). A failure is retried later.
 */
async function reconcile(deps: BotDeps): Promise<void> {
  try {
    const report = await deps.services.bookings.reconcilePendingAttempts();
    if (report.applied.length > 0) deps.deliverNotices();
  } catch (err) {
    deps.log.error({ err }, "could not reconcile booking attempts; will retry");
  }
}

/** Looks up open writes that are due; those settled queue their notices, delivered now. */
async function settleOpenWrites(deps: BotDeps): Promise<void> {
  if ((await deps.services.bookings.settleOpenWrites()) > 0) deps.deliverNotices();
}

/** Periodic upkeep; a failing task is logged and runs again next time, never taking the process down. */
function startHousekeeping(deps: BotDeps, store: Store, openWritesTickMs: number): () => void {
  const { clock, log, config } = deps;
  const every = (name: string, ms: number, task: () => void) => {
    const timer = setInterval(() => {
      try {
        task();
      } catch (err) {
        log.error({ err }, `${name} failed`);
      }
    }, ms);
    timer.unref();
    return timer;
  };
  const timers = [
    every("update journal prune", HOUR, () => {
      const removed = store.updates.prune(iso(clock.now() - 48 * HOUR));
      if (removed > 0) log.debug({ removed }, "pruned update journal");
    }),
    every("booking reconcile", HOUR, () => void reconcile(deps)),
    every("open writes", openWritesTickMs, () => void settleOpenWrites(deps)),
    every("outbox prune", HOUR, () => {
      store.outbox.prune(iso(clock.now() - 30 * 24 * HOUR));
    }),
    every("idle dialog sweep", MINUTE, () => {
      const removed = sweepIdle(store, clock, config);
      if (removed > 0) log.info({ removed }, "closed idle booking dialogs");
    }),
  ];
  return () => {
    for (const t of timers) clearInterval(t);
  };
}

/**
 * Deletes dialogs idle past the timeout (the plugin only notices on the member's next update),
 * and Start-over questions as old (their dialog is gone by then). Returns how many dialogs.
 */
function sweepIdle(store: Store, clock: Clock, config: Config): number {
  const before = iso(clock.now() - config.conversationTimeoutMinutes * MINUTE);
  store.restartQuestions.sweep(before);
  return store.conversations.sweep(before);
}

/** Opens the SQLite file and applies the migrations it lacks. */
function openStore(config: Config, log: Logger, clock: Clock): { db: Db; store: Store } {
  const db = openDatabase(config.databasePath);
  const applied = migrate(db);
  if (applied.length > 0) log.info({ applied }, "database migrated");
  return { db, store: createStore(db, clock) };
}

/** Cal.com, the services over it and the store, and the bot over those. */
async function buildBot(options: AppOptions, store: Store, clock: Clock) {
  const { config, log } = options;
  // Cal.com refusing the key is the operator's problem: tell the admins once, in their language.
  let alertAdmins: (() => void) | undefined;
  // Cal.com down or slow does not stop start-up: the remembered event type (or none) is used.
  const calcom = await connectCalcom(
    { config, clock, log, onAuthFailure: () => alertAdmins?.(), fetchOptions: options.calcomFetchOptions },
    store.eventType,
  );
  let sender: OutboxSender | undefined;
  const deps: BotDeps = {
    config,
    services: createServices(store, calcom, options, clock, () => sender?.kick()),
    clock,
    log,
    deliverNotices: () => sender?.kick(),
  };
  sender = new OutboxSender(new Outbox(store.outbox, clock), deps, log);
  const bot = createBot(deps, {
    ...(options.botInfo ? { botInfo: options.botInfo } : {}),
    ...(options.flood ? { flood: options.flood } : {}),
    ...(options.pace ? { pace: options.pace } : {}),
  });
  alertAdmins = () => void tellAdmins(bot.api, deps, (t) => t.common.calcomKeyRefused);
  return { calcom, deps, bot, sender };
}

/**
 * Cal.com was unreachable at start-up: the admins are told once, and Cal.com is asked again until
 * it answers (a member's /book asks too); then the admins are told and open writes are reconciled.
 */
function recoverCalcom(
  calcom: CalcomClient,
  deps: BotDeps,
  bot: Bot<BotContext>,
  everyMs: number,
  onRecovered: () => void,
): () => void {
  const firstStart = calcom.eventTypes.current() === undefined;
  void tellAdmins(bot.api, deps, (t) =>
    firstStart ? t.calendar.unreachableFirstStart : t.calendar.unreachableAtStart,
  );
  let done = false;
  const recovered = () => {
    if (done) return;
    done = true;
    clearInterval(timer);
    deps.log.info("Cal.com answers again");
    onRecovered();
    void tellAdmins(bot.api, deps, (t) => t.calendar.reachableAgain);
    void reconcile(deps);
  };
  const timer = setInterval(() => {
    if (calcom.eventTypes.fromCalcom) return recovered();
    calcom.eventTypes.refresh().then(recovered, (err: unknown) => {
      // Cal.com answers, but the key or the event type is wrong: the operator must act.
      if (isTransient(err)) deps.log.debug({ err }, "Cal.com still unreachable");
      else deps.log.error({ err }, "Cal.com answers, but the event type cannot be used");
    });
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}

function startReminders(deps: BotDeps, store: Store, bot: Bot<BotContext>): ReminderScheduler {
  const { config, clock, log } = deps;
  const planner = new ReminderPlanner({
    store,
    bookings: deps.services.bookings,
    offsetsMinutes: config.reminderOffsetsMinutes,
    clock,
    log,
  });
  const reminders = new ReminderScheduler({
    planner,
    api: bot.api,
    clock,
    log,
    defaultLanguage: config.defaultLanguage,
    changesAllowed: (telegramId) => deps.services.access.changesAllowed(telegramId),
  });
  reminders.start();
  return reminders;
}

/** The whole bot, as `npm start` runs it: database → Cal.com → services → bot → polling + health. */
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
  const { db, store } = openStore(config, log, clock);
  const { calcom, deps, bot, sender } = await buildBot(options, store, clock);
  // Requests recorded before the outbox existed, never notified, are queued once.
  deps.services.access.queueUnnotifiedRequests();
  // What the bot does about the event type's settings; once Cal.com answers if it did not at start.
  const assessEventType = () => {
    const known = calcom.eventTypes.current();
    if (known)
      reportEventTypeSettings(known, { store, adminIds: config.adminIds, log, nowIso: iso(clock.now()) });
  };
  assessEventType();
  sender.start(bot.api);
  // With Cal.com unreachable, reconciling waits for it (recoverCalcom), not the start-up.
  let stopRecovery = () => {};
  if (calcom.eventTypes.fromCalcom) await reconcile(deps);
  else stopRecovery = recoverCalcom(calcom, deps, bot, options.calcomRetryMs ?? 30_000, assessEventType);
  const { pollTimeoutSeconds } = options;
  poller = await startPolling({
    bot,
    journal: store.updates,
    clock,
    log,
    ...(pollTimeoutSeconds !== undefined ? { pollTimeoutSeconds } : {}),
  });
  const reminders = startReminders(deps, store, bot);
  const sync = new SyncScheduler({ pass: () => deps.services.bookings.syncWithCalendar(), log });
  sync.start(config.bookingSyncIntervalSeconds * 1000);
  phase = "ok";
  log.info({ bot: bot.botInfo.username }, "bot is polling");
  void registerCommands(bot.api, config.adminIds, config.defaultLanguage, log);
  void setBotProfile(bot.api, config.defaultLanguage, log);
  const stopHousekeeping = startHousekeeping(deps, store, options.openWritesTickMs ?? 15_000);

  let stopped: Promise<void> | undefined;
  const stop = async (deadlineMs: number) => {
    const until = Date.now() + deadlineMs;
    phase = "stopping";
    stopHousekeeping();
    stopRecovery();
    const { unfinished } = (await poller?.stop(deadlineMs)) ?? { unfinished: 0 };
    if (unfinished > 0) log.warn({ unfinished }, "stopped with updates in hand; they resume at next start");
    // The sends in hand finish (within the deadline); whatever else waits stays in the outbox.
    await within(sender.stop(), until);
    await within(reminders.stop(), until);
    await within(sync.stop(), until);
    await health.close();
    await within(calcom.close(), until);
    db.close();
    log.info("stopped");
  };
  return {
    bot,
    db,
    reminders,
    sync,
    sweepIdleDialogs: () => sweepIdle(store, clock, config),
    healthPort: health.port,
    failed: poller.failed,
    stop(deadlineMs = 8000) {
      stopped ??= stop(deadlineMs);
      return stopped;
    },
  };
}

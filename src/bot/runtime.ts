import { type RunnerHandle, run } from "@grammyjs/runner";
import type { Bot } from "grammy";
import type { Update } from "grammy/types";
import type { Clock } from "../clock.js";
import { nowIso } from "../clock.js";
import type { UpdateJournal } from "../db/updates.js";
import type { Logger } from "../log.js";
import type { BotContext } from "./context.js";

export interface PollerOptions {
  bot: Bot<BotContext>;
  journal: UpdateJournal;
  clock: Clock;
  log: Logger;
  /** Long-polling timeout in seconds (Telegram holds getUpdates open this long). */
  pollTimeoutSeconds?: number;
  /** An update still running after this is logged as stuck (it keeps running). */
  stuckAfterMs?: number;
  /** A crash-looping update is given up after this many starts. */
  maxAttempts?: number;
}

export interface Poller {
  /** True from the first long poll on, while fetches succeed, until stop() is called. */
  isPolling(): boolean;
  inFlight(): number;
  /** Resolves when polling ends by itself (fatal error such as 401 or 409); never on stop(). */
  readonly failed: Promise<Error>;
  /** Stops fetching, then waits (up to the deadline) for the updates in hand to finish. */
  stop(deadlineMs: number): Promise<{ unfinished: number }>;
}

/**
 * Long polling with @grammyjs/runner (different chats concurrently; the bot's sequentialize keeps
 * one chat in order), plus a journal so that every update is handled exactly once across
 * restarts: updates are stored before Telegram is told to forget them (runner confirms the offset
 * on its next fetch), replayed at start-up if a crash interrupted them, and de-duplicated by id.
 */
export async function startPolling(options: PollerOptions): Promise<Poller> {
  const { bot, log } = options;
  const inFlight = new Map<number, Promise<void>>();
  let polling = false;
  let stopping = false;

  const handle = journaledHandler(options, inFlight);

  await bot.init();

  resumeInterrupted(options, handle);

  const admitted = new Set<number>();
  let resolveFailed: (err: Error) => void = () => undefined;
  const failed = new Promise<Error>((resolve) => {
    resolveFailed = resolve;
  });

  const runner: RunnerHandle = run(
    {
      handleUpdate: async (update: Update) => {
        // Only updates the journal admitted as new; a re-delivered one was handled (or is being).
        if (admitted.delete(update.update_id)) await handle(update);
      },
      errorHandler: (err: unknown) => log.error({ err }, "update sink error"),
      api: { getUpdates: journaledFetch(options, admitted, (ok) => (polling = ok && !stopping)) },
    },
    {
      runner: {
        fetch: { timeout: options.pollTimeoutSeconds ?? 30 },
        silent: true,
        maxRetryTime: 60 * 60 * 1000,
      },
      sink: { concurrency: 500 },
    },
  );

  // getMe worked and the first long poll is out: we are polling (a failed fetch clears this).
  polling = true;
  runner.task()?.then(
    () => undefined,
    (err: unknown) => {
      polling = false;
      if (!stopping) resolveFailed(err instanceof Error ? err : new Error(String(err)));
    },
  );

  return {
    isPolling: () => polling && !stopping,
    inFlight: () => inFlight.size,
    failed,
    async stop(deadlineMs) {
      // One deadline for the whole stop: fetching ends, then what is in hand gets the rest.
      const until = Date.now() + deadlineMs;
      stopping = true;
      polling = false;
      await within(runner.stop() ?? Promise.resolve(), until);
      await within(Promise.allSettled([...inFlight.values()]), until);
      return { unfinished: inFlight.size };
    },
  };
}

/** Waits for the promise, but not past `until` (epoch ms). */
export async function within(promise: Promise<unknown>, until: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    promise.then(
      () => undefined,
      () => undefined,
    ),
    new Promise<void>((resolve) => {
      timer = setTimeout(resolve, Math.max(0, until - Date.now()));
    }),
  ]);
  clearTimeout(timer);
}

/** Updates a crash interrupted: handed to the bot in order before anything new (crash loops end). */
function resumeInterrupted(options: PollerOptions, handle: (update: Update) => Promise<void>): void {
  const { journal, clock, log } = options;
  const maxAttempts = options.maxAttempts ?? 3;
  for (const { update, attempts } of journal.unhandled()) {
    if (attempts >= maxAttempts) {
      log.error({ updateId: update.update_id, attempts }, "giving up on an update that keeps failing");
      journal.markHandled(update.update_id, nowIso(clock));
      continue;
    }
    log.info({ updateId: update.update_id }, "resuming update interrupted by a restart");
    void handle(update);
  }
}

type FetchSignal = Parameters<Bot<BotContext>["api"]["getUpdates"]>[1];

/**
 * runner's getUpdates, writing each batch to the journal before the next fetch confirms its
 * offset; the ids the journal admits as new go into `admitted`. `onFetch` says whether it worked.
 */
function journaledFetch(
  options: PollerOptions,
  admitted: Set<number>,
  onFetch: (ok: boolean) => void,
): (args: { offset: number; limit: number; timeout: number }, signal: FetchSignal) => Promise<Update[]> {
  const { bot, journal, clock } = options;
  return async (args, signal) => {
    let updates: Update[];
    try {
      updates = await bot.api.getUpdates(
        { ...args, allowed_updates: ["message", "edited_message", "callback_query", "my_chat_member"] },
        signal,
      );
    } catch (err) {
      // Unhealthy until a fetch succeeds again (runner retries transient errors itself).
      onFetch(false);
      throw err;
    }
    onFetch(true);
    for (const fresh of journal.admit(updates, nowIso(clock))) admitted.add(fresh.update_id);
    // All of them go back to the runner, so that its offset moves past duplicates too.
    return updates;
  };
}

/** Hands one update to the bot, journalled: started (counts crash loops), handled when done. */
function journaledHandler(
  options: PollerOptions,
  inFlight: Map<number, Promise<void>>,
): (update: Update) => Promise<void> {
  const { bot, journal, clock, log } = options;
  const stuckAfterMs = options.stuckAfterMs ?? 60_000;
  return (update) => {
    const id = update.update_id;
    journal.markStarted(id);
    const stuck = setTimeout(() => log.warn({ updateId: id }, "update still running"), stuckAfterMs);
    stuck.unref();
    const task = bot
      .handleUpdate(update)
      .catch((err: unknown) => log.error({ err, updateId: id }, "update failed outside the error boundary"))
      .finally(() => {
        clearTimeout(stuck);
        journal.markHandled(id, nowIso(clock));
        inFlight.delete(id);
      });
    inFlight.set(id, task);
    return task;
  };
}

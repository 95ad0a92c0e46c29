/**
 * The bot's update queue and getUpdates long polling, modelled on telegram-bot-api's
 * `Client::do_get_updates` (TQueue with forget_previous):
 * - `offset` confirms (drops) every update with a smaller id; a negative offset counts from the end
 *   (-1 = only the last one); an offset beyond the newest id + 1 confirms nothing and reads from the head.
 * - `limit` is clamped to 1..100 (default 100), `timeout` ≥ 0 seconds.
 * - A request that has to wait is held until an update arrives (answered a few ms later so that a
 *   burst of updates comes in one batch) or the timeout expires (then `[]`).
 * - A second long poll terminates the waiting one with 409 "Conflict: terminated by other getUpdates
 *   request; ..." (the *older* request gets the 409, like Telegram); `conflictMode: "reject-new"` flips it.
 * - `allowed_updates` is remembered; updates of other kinds created afterwards are never stored.
 */
import { Descriptions, TelegramApiError } from "./errors.js";
import { defaultAllowedUpdates } from "./spec.js";
import type { JsonObject } from "./types.js";

export interface QueuedUpdate {
  update_id: number;
  type: string;
  update: JsonObject;
  pushedAt: number;
  /** How many getUpdates answers carried it (> 1 means redelivered). */
  deliveries: number;
  confirmedAt?: number;
}

export interface GetUpdatesArgs {
  offset?: number;
  limit?: number;
  timeout?: number;
  allowed_updates?: string[];
}

interface Waiter {
  offset: number;
  limit: number;
  resolve: (updates: JsonObject[]) => void;
  reject: (error: TelegramApiError) => void;
  timer: NodeJS.Timeout;
  batchTimer?: NodeJS.Timeout;
}

export type ConflictMode = "terminate-old" | "reject-new";

const BATCH_DELAY_MS = 5;

export class UpdateQueue {
  /** Unconfirmed updates, ascending ids. */
  private queue: QueuedUpdate[] = [];
  /** Every update ever stored (for observation). */
  readonly log: QueuedUpdate[] = [];
  /** Updates created while their kind was not allowed (never stored, as on Telegram). */
  readonly dropped: JsonObject[] = [];
  private nextId: number;
  private confirmed = 0;
  private allowed: Set<string> = new Set(defaultAllowedUpdates());
  private allowedExplicit: string[] = [];
  private waiter: Waiter | undefined;
  /** While true, getUpdates hands out nothing (FakeTelegram.botDown): updates pile up as for a bot that is down. */
  private paused = false;
  webhookUrl = "";

  constructor(
    firstUpdateId: number,
    private readonly now: () => number,
    private readonly conflictMode: ConflictMode,
  ) {
    this.nextId = firstUpdateId;
  }

  /** Stores a user-generated update unless its kind is filtered out by allowed_updates. */
  push(update: JsonObject, opts: { bypassFilter?: boolean } = {}): number | undefined {
    const type = Object.keys(update).find((k) => k !== "update_id") ?? "unknown";
    if (!opts.bypassFilter && !this.allowed.has(type)) {
      this.dropped.push(update);
      return undefined;
    }
    let id: number;
    if (typeof update.update_id === "number") {
      id = update.update_id;
      this.nextId = Math.max(this.nextId, id + 1);
    } else {
      id = this.nextId++;
    }
    const { update_id: _ignored, ...rest } = update;
    const entry: QueuedUpdate = {
      update_id: id,
      type,
      update: { update_id: id, ...rest },
      pushedAt: this.now(),
      deliveries: 0,
    };
    this.queue.push(entry);
    this.queue.sort((a, b) => a.update_id - b.update_id);
    this.log.push(entry);
    this.wake();
    return id;
  }

  /** Makes the next update ids jump by `delta` (Telegram may do this after a quiet week). */
  jump(delta: number): void {
    this.nextId += delta;
  }

  pending(): QueuedUpdate[] {
    return [...this.queue];
  }

  /** Every id below this has been confirmed by the bot (0 until the first positive offset). */
  confirmedOffset(): number {
    return this.confirmed;
  }

  allowedUpdates(): string[] {
    return [...this.allowedExplicit];
  }

  isPolling(): boolean {
    return this.waiter !== undefined;
  }

  dropPending(): void {
    const at = this.now();
    for (const u of this.queue) u.confirmedAt = at;
    const last = this.queue[this.queue.length - 1];
    if (last) this.confirmed = Math.max(this.confirmed, last.update_id + 1);
    this.queue = [];
  }

  private setAllowed(list: string[] | undefined): void {
    if (list === undefined) return;
    this.allowedExplicit = [...list];
    this.allowed = new Set(list.length === 0 ? defaultAllowedUpdates() : list);
  }

  /** Applies `offset` (confirming) and returns the start offset for reading. */
  private applyOffset(offset: number): number {
    const head = this.queue[0]?.update_id ?? this.nextId;
    const tail = this.nextId; // id + 1 of the newest update
    let from = offset;
    if (from < 0) from = Math.max(head, tail + from);
    if (from > tail) return head; // "from_id is in the future": nothing confirmed
    if (from < head) return head;
    if (from > head) {
      const at = this.now();
      for (const u of this.queue) if (u.update_id < from) u.confirmedAt = at;
      this.queue = this.queue.filter((u) => u.update_id >= from);
    }
    this.confirmed = Math.max(this.confirmed, from);
    return from;
  }

  /** Stops (true) or resumes (false) handing out updates; resuming answers a waiting long poll. */
  setPaused(paused: boolean): void {
    this.paused = paused;
    if (!paused) this.wake();
  }

  isPaused(): boolean {
    return this.paused;
  }

  private read(from: number, limit: number): JsonObject[] {
    if (this.paused) return [];
    const batch = this.queue.filter((u) => u.update_id >= from).slice(0, limit);
    for (const u of batch) u.deliveries++;
    return batch.map((u) => u.update);
  }

  async getUpdates(args: GetUpdatesArgs, signal: AbortSignal): Promise<JsonObject[]> {
    if (this.webhookUrl !== "") throw new TelegramApiError(409, Descriptions.conflictWebhook);
    this.setAllowed(args.allowed_updates);
    const limit = Math.min(100, Math.max(1, args.limit ?? 100));
    const timeout = Math.max(0, args.timeout ?? 0);
    const from = this.applyOffset(args.offset ?? 0);
    const ready = this.read(from, limit);
    if (ready.length > 0 || timeout === 0) return ready;

    if (this.waiter) {
      if (this.conflictMode === "reject-new")
        throw new TelegramApiError(409, Descriptions.conflictGetUpdates);
      const old = this.waiter;
      this.clearWaiter(old);
      old.reject(new TelegramApiError(409, Descriptions.conflictGetUpdates));
    }
    return new Promise<JsonObject[]>((resolve, reject) => {
      const waiter: Waiter = {
        offset: from,
        limit,
        resolve,
        reject,
        timer: setTimeout(() => {
          this.clearWaiter(waiter);
          resolve([]);
        }, timeout * 1000),
      };
      this.waiter = waiter;
      signal.addEventListener(
        "abort",
        () => {
          if (this.waiter === waiter) this.clearWaiter(waiter);
          resolve([]);
        },
        { once: true },
      );
    });
  }

  private clearWaiter(w: Waiter): void {
    clearTimeout(w.timer);
    if (w.batchTimer) clearTimeout(w.batchTimer);
    if (this.waiter === w) this.waiter = undefined;
  }

  private wake(): void {
    const w = this.waiter;
    if (!w || w.batchTimer) return;
    w.batchTimer = setTimeout(() => {
      if (this.waiter !== w) return;
      const from = Math.max(w.offset, this.queue[0]?.update_id ?? w.offset);
      const batch = this.read(from, w.limit);
      w.batchTimer = undefined;
      if (batch.length === 0) return;
      this.clearWaiter(w);
      w.resolve(batch);
    }, BATCH_DELAY_MS);
  }

  /** Ends a waiting long poll with `[]` (server shutdown). */
  releaseWaiter(): void {
    const w = this.waiter;
    if (!w) return;
    this.clearWaiter(w);
    w.resolve([]);
  }
}

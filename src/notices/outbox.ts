import { type Clock, iso, nowIso } from "../clock.js";
import type { OutboxEntry, OutboxRepo } from "../db/outbox.js";

export type { OutboxEntry };

/** Why a delivery failed, as far as the sender can tell. */
export type DeliveryFailure = "unreachable" | "refused" | "transient";

const MAX_TRIES = { transient: 12, refused: 3 } as const;
const BASE_DELAY_MS = 5_000;
const MAX_DELAY_MS = 10 * 60_000;

/**
 * The outbox's rules: what is due, and what a failure means — a chat that blocked the bot is
 * given up (and recorded as such), a refusal is retried a few times, a passing failure backs off
 * (5 s, 10 s, … up to 10 min) for a day or so. Entries are queued by the domain services in the
 * same transaction as the change they report.
 */
export class Outbox {
  constructor(
    private readonly repo: OutboxRepo,
    private readonly clock: Clock,
  ) {}

  /** Chats with an entry due now (the sender delivers each chat's entries in order). */
  dueChats(): number[] {
    return [...new Set(this.repo.due(nowIso(this.clock)).map((e) => e.chatId))];
  }

  /**
   * What to deliver to a chat now, in order: its oldest undelivered entry if it is due, with the
   * entries queued behind it (they wait for it anyway, and admin notices may merge with it).
   */
  nextFor(chatId: number): OutboxEntry[] {
    const pending = this.repo.pendingFor(chatId);
    const first = pending[0];
    if (!first || !this.repo.due(nowIso(this.clock)).some((e) => e.id === first.id)) return [];
    return pending;
  }

  /** Milliseconds until the next entry is due (undefined: nothing waits). */
  msUntilNext(): number | undefined {
    const at = this.repo.nextDue();
    return at === undefined ? undefined : Math.max(0, Date.parse(at) - this.clock.now());
  }

  delivered(entries: readonly OutboxEntry[]): void {
    this.repo.markSent(
      entries.map((e) => e.id),
      nowIso(this.clock),
    );
  }

  failed(e: OutboxEntry, why: DeliveryFailure): void {
    const now = this.clock.now();
    const tries = e.tries + 1;
    if (why === "unreachable") {
      this.repo.giveUp(e.id, "chat unreachable (blocked the bot)", iso(now));
    } else if (tries >= MAX_TRIES[why]) {
      this.repo.giveUp(e.id, `${why}: gave up after ${tries} tries`, iso(now));
    } else {
      this.repo.retryAt(e.id, iso(now + Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** (tries - 1))));
    }
  }

  pending(): number {
    return this.repo.pending();
  }
}

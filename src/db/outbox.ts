import type { Db } from "./open.js";

/** A message someone must receive, as queued: `kind` and `payload` say what, the sender renders it. */
export interface OutboxEntry {
  id: number;
  /** The fact reported, e.g. `booked:<reference>`; with the chat, unique. */
  fact: string;
  chatId: number;
  kind: string;
  payload: unknown;
  tries: number;
  createdAt: string;
}

export type NewOutboxEntry = Pick<OutboxEntry, "fact" | "chatId" | "kind" | "payload">;

interface Row {
  id: number;
  fact: string;
  chat_id: number;
  kind: string;
  payload: string;
  tries: number;
  created_at: string;
}

const toEntry = (r: Row): OutboxEntry => ({
  id: r.id,
  fact: r.fact,
  chatId: r.chat_id,
  kind: r.kind,
  payload: JSON.parse(r.payload) as unknown,
  tries: r.tries,
  createdAt: r.created_at,
});

/** The outbox: queued once per fact and chat, delivered in order, retried, never lost. */
export class OutboxRepo {
  constructor(private readonly db: Db) {}

  /** Queues the entries not queued before (same fact and chat); returns how many are new. */
  enqueue(entries: readonly NewOutboxEntry[], now: string): number {
    const insert = this.db.prepare(
      `INSERT OR IGNORE INTO outbox (fact, chat_id, kind, payload, created_at, due_at)
       VALUES (?, ?, ?, ?, ?, ?)`,
    );
    let added = 0;
    for (const e of entries)
      added += insert.run(e.fact, e.chatId, e.kind, JSON.stringify(e.payload), now, now).changes;
    return added;
  }

  /** Undelivered entries whose time has come, oldest first (the sender keeps each chat's order). */
  due(now: string, limit = 200): OutboxEntry[] {
    return (
      this.db
        .prepare(
          `SELECT id, fact, chat_id, kind, payload, tries, created_at FROM outbox
           WHERE sent_at IS NULL AND given_up_at IS NULL AND due_at <= ? ORDER BY id LIMIT ?`,
        )
        .all(now, limit) as Row[]
    ).map(toEntry);
  }

  /** Every undelivered entry of one chat, oldest first (due or not: they wait behind the first). */
  pendingFor(chatId: number, limit = 50): OutboxEntry[] {
    return (
      this.db
        .prepare(
          `SELECT id, fact, chat_id, kind, payload, tries, created_at FROM outbox
           WHERE chat_id = ? AND sent_at IS NULL AND given_up_at IS NULL ORDER BY id LIMIT ?`,
        )
        .all(chatId, limit) as Row[]
    ).map(toEntry);
  }

  /** The earliest moment an undelivered entry is due (undefined: nothing waits). */
  nextDue(): string | undefined {
    const row = this.db
      .prepare("SELECT MIN(due_at) AS at FROM outbox WHERE sent_at IS NULL AND given_up_at IS NULL")
      .get() as { at: string | null };
    return row.at ?? undefined;
  }

  markSent(ids: readonly number[], now: string): void {
    const update = this.db.prepare("UPDATE outbox SET sent_at = ?, tries = tries + 1 WHERE id = ?");
    this.db.transaction(() => {
      for (const id of ids) update.run(now, id);
    })();
  }

  /** A passing failure: try again at `dueAt`. */
  retryAt(id: number, dueAt: string): void {
    this.db.prepare("UPDATE outbox SET tries = tries + 1, due_at = ? WHERE id = ?").run(dueAt, id);
  }

  /** Never to be delivered (the chat blocked the bot, Telegram refuses it for good, too many tries). */
  giveUp(id: number, reason: string, now: string): void {
    this.db
      .prepare("UPDATE outbox SET tries = tries + 1, given_up_at = ?, give_up_reason = ? WHERE id = ?")
      .run(now, reason, id);
  }

  /** How many entries still wait for delivery. */
  pending(): number {
    return (
      this.db
        .prepare("SELECT COUNT(*) AS n FROM outbox WHERE sent_at IS NULL AND given_up_at IS NULL")
        .get() as {
        n: number;
      }
    ).n;
  }

  /** Forgets every entry to this person or about them (an access request, an invite they used). */
  deleteFor(telegramId: number): number {
    return this.db
      .prepare("DELETE FROM outbox WHERE chat_id = ? OR json_extract(payload, '$.telegramId') = ?")
      .run(telegramId, telegramId).changes;
  }

  /** Forgets delivered or abandoned entries older than `before`. */
  prune(before: string): number {
    return this.db
      .prepare(
        "DELETE FROM outbox WHERE (sent_at IS NOT NULL AND sent_at < ?) OR (given_up_at IS NOT NULL AND given_up_at < ?)",
      )
      .run(before, before).changes;
  }
}

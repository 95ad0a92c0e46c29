import type { Update } from "grammy/types";
import type { Db } from "./open.js";

/**
 * The journal of Telegram updates. An update is written here before its offset is confirmed to
 * Telegram (at-least-once across a crash) and marked handled when done (never handled twice).
 */
export class UpdateJournal {
  constructor(private readonly db: Db) {}

  /** Stores new updates; returns only those not seen before (exact update_id match). */
  admit(updates: readonly Update[], at: string): Update[] {
    const insert = this.db.prepare(
      "INSERT OR IGNORE INTO updates (update_id, payload, received_at) VALUES (?, ?, ?)",
    );
    return this.db.transaction(() =>
      updates.filter((u) => insert.run(u.update_id, JSON.stringify(u), at).changes > 0),
    )();
  }

  markStarted(updateId: number): void {
    this.db.prepare("UPDATE updates SET attempts = attempts + 1 WHERE update_id = ?").run(updateId);
  }

  markHandled(updateId: number, at: string): void {
    this.db
      .prepare("UPDATE updates SET handled_at = ?, payload = NULL WHERE update_id = ?")
      .run(at, updateId);
  }

  /** Updates received but not handled (the process stopped in between), oldest first. */
  unhandled(): { update: Update; attempts: number }[] {
    const rows = this.db
      .prepare("SELECT payload, attempts FROM updates WHERE handled_at IS NULL ORDER BY update_id")
      .all() as { payload: string; attempts: number }[];
    return rows.map((r) => ({ update: JSON.parse(r.payload) as Update, attempts: r.attempts }));
  }

  /** Forgets handled updates older than `before` (Telegram keeps pending ones for 24 h). */
  prune(before: string): number {
    return this.db.prepare("DELETE FROM updates WHERE handled_at IS NOT NULL AND handled_at < ?").run(before)
      .changes;
  }

  isHandled(updateId: number): boolean {
    return (
      this.db
        .prepare("SELECT 1 FROM updates WHERE update_id = ? AND handled_at IS NOT NULL")
        .get(updateId) !== undefined
    );
  }
}

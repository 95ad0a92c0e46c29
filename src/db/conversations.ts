import type { VersionedState, VersionedStateStorage } from "@grammyjs/conversations";
import { type Clock, nowIso } from "../clock.js";
import type { Db } from "./open.js";

/**
 * SQLite storage for @grammyjs/conversations: the plugin writes a dialog's state at the end of
 * every update, so a restart at any step continues where the user was.
 */
export class ConversationStore<S> implements VersionedStateStorage<string, S> {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  read(key: string): VersionedState<S> | undefined {
    const row = this.db.prepare("SELECT state FROM conversations WHERE key = ?").get(key) as
      | { state: string }
      | undefined;
    return row ? (JSON.parse(row.state) as VersionedState<S>) : undefined;
  }

  write(key: string, state: VersionedState<S>): void {
    this.db
      .prepare(
        `INSERT INTO conversations (key, state, updated_at) VALUES (?, ?, ?)
         ON CONFLICT (key) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at`,
      )
      .run(key, JSON.stringify(state), nowIso(this.clock));
  }

  delete(key: string): void {
    this.db.prepare("DELETE FROM conversations WHERE key = ?").run(key);
  }

  /** Drops dialogs idle since before `before` (the plugin's own timeout only fires on a new update). */
  sweep(before: string): number {
    return this.db.prepare("DELETE FROM conversations WHERE updated_at < ?").run(before).changes;
  }
}

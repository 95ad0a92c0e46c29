import type { Db } from "./open.js";

/** The opaque per-user tags that plus-address the operator's fallback mailbox. */
export class EmailTagsRepo {
  constructor(private readonly db: Db) {}

  get(telegramId: number): string | undefined {
    const row = this.db.prepare("SELECT tag FROM calcom_email_tags WHERE telegram_id = ?").get(telegramId) as
      | { tag: string }
      | undefined;
    return row?.tag;
  }

  delete(telegramId: number): boolean {
    return this.db.prepare("DELETE FROM calcom_email_tags WHERE telegram_id = ?").run(telegramId).changes > 0;
  }

  /** Stores the tag unless the user has one (or the tag is taken); returns the user's tag, if any. */
  insert(telegramId: number, tag: string, at: string): string | undefined {
    this.db
      .prepare(
        "INSERT INTO calcom_email_tags (telegram_id, tag, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
      )
      .run(telegramId, tag, at);
    return this.get(telegramId);
  }
}

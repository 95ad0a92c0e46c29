import type { Db } from "./open.js";

/**
 * The "Start over?" question last asked mid-dialog in each chat, kept with the dialogs so that
 * after a restart an older question is still stale and the last one still live.
 */
export class RestartQuestionsRepo {
  constructor(
    private readonly db: Db,
    private readonly now: () => string,
  ) {}

  /** The message id of the chat's live question, if one is. */
  live(chatId: number): number | undefined {
    const row = this.db.prepare("SELECT message_id FROM restart_questions WHERE chat_id = ?").get(chatId) as
      | { message_id: number }
      | undefined;
    return row?.message_id;
  }

  /** This question is now the chat's live one (any earlier one is stale). */
  asked(chatId: number, messageId: number): void {
    this.db
      .prepare(
        `INSERT INTO restart_questions (chat_id, message_id, asked_at) VALUES (?, ?, ?)
         ON CONFLICT (chat_id) DO UPDATE SET message_id = excluded.message_id, asked_at = excluded.asked_at`,
      )
      .run(chatId, messageId, this.now());
  }

  /** No question of this chat may be answered any more. */
  clear(chatId: number): void {
    this.db.prepare("DELETE FROM restart_questions WHERE chat_id = ?").run(chatId);
  }

  /** Drops questions asked before `before` (their dialogs have timed out by then). */
  sweep(before: string): number {
    return this.db.prepare("DELETE FROM restart_questions WHERE asked_at < ?").run(before).changes;
  }
}

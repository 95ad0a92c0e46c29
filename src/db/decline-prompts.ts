import type { Db } from "./open.js";

export interface DeclinePrompt {
  adminId: number;
  bookingUid: string;
  /** The question's own message. */
  messageId: number;
  /** The request message with Confirm / Decline the question came from. */
  requestMessageId: number | undefined;
  askedAt: string;
}

/** Each admin's open "why decline?" question (one at most: a new one replaces it). */
export class DeclinePromptsRepo {
  constructor(private readonly db: Db) {}

  get(adminId: number): DeclinePrompt | undefined {
    const row = this.db
      .prepare(
        `SELECT admin_id AS adminId, booking_uid AS bookingUid, message_id AS messageId,
                request_message_id AS requestMessageId, asked_at AS askedAt
         FROM decline_prompts WHERE admin_id = ?`,
      )
      .get(adminId) as
      | (Omit<DeclinePrompt, "requestMessageId"> & { requestMessageId: number | null })
      | undefined;
    return row && { ...row, requestMessageId: row.requestMessageId ?? undefined };
  }

  put(p: DeclinePrompt): void {
    this.db
      .prepare(
        `INSERT INTO decline_prompts (admin_id, booking_uid, message_id, request_message_id, asked_at)
         VALUES (@adminId, @bookingUid, @messageId, @requestMessageId, @askedAt)
         ON CONFLICT (admin_id) DO UPDATE SET booking_uid = excluded.booking_uid,
           message_id = excluded.message_id, request_message_id = excluded.request_message_id,
           asked_at = excluded.asked_at`,
      )
      .run({ ...p, requestMessageId: p.requestMessageId ?? null });
  }

  clear(adminId: number): void {
    this.db.prepare("DELETE FROM decline_prompts WHERE admin_id = ?").run(adminId);
  }
}

import type { Db } from "./open.js";
import type { TelegramProfile } from "./users.js";

export type RequestStatus = "pending" | "approved" | "rejected";

export interface AccessRequest {
  telegramId: number;
  firstName: string;
  lastName: string | null;
  username: string | null;
  status: RequestStatus;
  requestedAt: string;
  decidedAt: string | null;
  decidedBy: number | null;
  adminsNotifiedAt: string | null;
}

interface Row {
  telegram_id: number;
  first_name: string;
  last_name: string | null;
  username: string | null;
  status: RequestStatus;
  requested_at: string;
  decided_at: string | null;
  decided_by: number | null;
  admins_notified_at: string | null;
}

const toRequest = (r: Row): AccessRequest => ({
  telegramId: r.telegram_id,
  firstName: r.first_name,
  lastName: r.last_name,
  username: r.username,
  status: r.status,
  requestedAt: r.requested_at,
  decidedAt: r.decided_at,
  decidedBy: r.decided_by,
  adminsNotifiedAt: r.admins_notified_at,
});

/** One row per Telegram user who ever asked for access; the latest decision wins. */
export class AccessRequestsRepo {
  constructor(private readonly db: Db) {}

  get(telegramId: number): AccessRequest | undefined {
    const row = this.db.prepare("SELECT * FROM access_requests WHERE telegram_id = ?").get(telegramId) as
      | Row
      | undefined;
    return row ? toRequest(row) : undefined;
  }

  /**
   * Records a pending request unless one exists. Returns the request as it now stands; a
   * pending, approved or rejected request is left unchanged (a rejected user cannot re-notify).
   */
  open(profile: TelegramProfile, at: string): AccessRequest {
    this.db
      .prepare(
        `INSERT INTO access_requests (telegram_id, first_name, last_name, username, status, requested_at)
         VALUES (?, ?, ?, ?, 'pending', ?)
         ON CONFLICT (telegram_id) DO UPDATE SET
           first_name = excluded.first_name, last_name = excluded.last_name, username = excluded.username`,
      )
      .run(profile.id, profile.first_name, profile.last_name ?? null, profile.username ?? null, at);
    return this.get(profile.id) as AccessRequest;
  }

  /** A revoked user who asks again starts a fresh pending request. */
  reopen(profile: TelegramProfile, at: string): AccessRequest {
    this.db
      .prepare(
        `UPDATE access_requests SET status = 'pending', requested_at = ?, decided_at = NULL, decided_by = NULL,
           admins_notified_at = NULL WHERE telegram_id = ?`,
      )
      .run(at, profile.id);
    return this.open(profile, at);
  }

  markNotified(telegramId: number, at: string): void {
    this.db
      .prepare("UPDATE access_requests SET admins_notified_at = ? WHERE telegram_id = ?")
      .run(at, telegramId);
  }

  /**
   * Decides a request. Returns the previous status (undefined when there was no request), so
   * the caller can tell a fresh decision from a repeated one.
   */
  decide(
    telegramId: number,
    status: "approved" | "rejected",
    adminId: number,
    at: string,
  ): RequestStatus | undefined {
    const before = this.get(telegramId);
    if (!before) return undefined;
    if (before.status !== status) {
      this.db
        .prepare(
          "UPDATE access_requests SET status = ?, decided_at = ?, decided_by = ? WHERE telegram_id = ?",
        )
        .run(status, at, adminId, telegramId);
    }
    return before.status;
  }

  /** Records an approval for a user who never asked (an admin's /approve <id>). */
  recordApproved(telegramId: number, adminId: number, at: string): void {
    this.db
      .prepare(
        `INSERT INTO access_requests (telegram_id, status, requested_at, decided_at, decided_by)
         VALUES (?, 'approved', ?, ?, ?)
         ON CONFLICT (telegram_id) DO UPDATE SET status = 'approved', decided_at = excluded.decided_at,
           decided_by = excluded.decided_by`,
      )
      .run(telegramId, at, at, adminId);
  }

  /** Forgets the request entirely (erase). */
  delete(telegramId: number): boolean {
    return this.db.prepare("DELETE FROM access_requests WHERE telegram_id = ?").run(telegramId).changes > 0;
  }

  listAll(): AccessRequest[] {
    return (this.db.prepare("SELECT * FROM access_requests ORDER BY telegram_id").all() as Row[]).map(
      toRequest,
    );
  }

  listPending(): AccessRequest[] {
    return (
      this.db
        .prepare("SELECT * FROM access_requests WHERE status = 'pending' ORDER BY requested_at, telegram_id")
        .all() as Row[]
    ).map(toRequest);
  }

  /** Pending requests whose admin notification did not go out (e.g. a crash in between). */
  listUnnotified(): AccessRequest[] {
    return (
      this.db
        .prepare("SELECT * FROM access_requests WHERE status = 'pending' AND admins_notified_at IS NULL")
        .all() as Row[]
    ).map(toRequest);
  }
}

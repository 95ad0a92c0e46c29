import type { Db } from "./open.js";

export interface TelegramProfile {
  id: number;
  first_name: string;
  last_name?: string | undefined;
  username?: string | undefined;
}

export interface ApprovedUser {
  telegramId: number;
  firstName: string;
  lastName: string | null;
  username: string | null;
  approvedBy: number | null;
  approvedAt: string | null;
}

interface UserRow {
  telegram_id: number;
  first_name: string;
  last_name: string | null;
  username: string | null;
  approved_by: number | null;
  approved_at: string | null;
  revoked_at: string | null;
}

const toUser = (r: UserRow): ApprovedUser => ({
  telegramId: r.telegram_id,
  firstName: r.first_name,
  lastName: r.last_name,
  username: r.username,
  approvedBy: r.approved_by,
  approvedAt: r.approved_at,
});

/** The whitelist: approved users, and revoked ones kept for the record. */
export class UsersRepo {
  constructor(private readonly db: Db) {}

  isApproved(telegramId: number): boolean {
    return (
      this.db
        .prepare(
          "SELECT 1 FROM users WHERE telegram_id = ? AND approved_at IS NOT NULL AND revoked_at IS NULL",
        )
        .get(telegramId) !== undefined
    );
  }

  get(telegramId: number): ApprovedUser | undefined {
    const row = this.db
      .prepare("SELECT * FROM users WHERE telegram_id = ? AND approved_at IS NOT NULL AND revoked_at IS NULL")
      .get(telegramId) as UserRow | undefined;
    return row ? toUser(row) : undefined;
  }

  /** Approves (or re-approves after a revoke) a user; idempotent. */
  approve(profile: TelegramProfile, adminId: number, at: string): void {
    this.db
      .prepare(
        `INSERT INTO users (telegram_id, first_name, last_name, username, approved_by, approved_at, created_at, updated_at)
         VALUES (@id, @first_name, @last_name, @username, @admin, @at, @at, @at)
         ON CONFLICT (telegram_id) DO UPDATE SET
           first_name = excluded.first_name, last_name = excluded.last_name, username = excluded.username,
           approved_by = CASE WHEN users.revoked_at IS NULL AND users.approved_at IS NOT NULL THEN users.approved_by ELSE excluded.approved_by END,
           approved_at = CASE WHEN users.revoked_at IS NULL AND users.approved_at IS NOT NULL THEN users.approved_at ELSE excluded.approved_at END,
           revoked_at = NULL, revoked_by = NULL, updated_at = excluded.updated_at`,
      )
      .run({
        id: profile.id,
        first_name: profile.first_name,
        last_name: profile.last_name ?? null,
        username: profile.username ?? null,
        admin: adminId,
        at,
      });
  }

  /** Revokes access; returns false when the user was not approved. */
  revoke(telegramId: number, adminId: number, at: string): boolean {
    const info = this.db
      .prepare(
        `UPDATE users SET revoked_at = ?, revoked_by = ?, updated_at = ?
         WHERE telegram_id = ? AND approved_at IS NOT NULL AND revoked_at IS NULL`,
      )
      .run(at, adminId, at, telegramId);
    return info.changes > 0;
  }

  /** Keeps names current so admins see who is who. */
  touchProfile(profile: TelegramProfile, at: string): void {
    this.db
      .prepare(
        `UPDATE users SET first_name = ?, last_name = ?, username = ?, updated_at = ?
         WHERE telegram_id = ? AND (first_name IS NOT ? OR last_name IS NOT ? OR username IS NOT ?)`,
      )
      .run(
        profile.first_name,
        profile.last_name ?? null,
        profile.username ?? null,
        at,
        profile.id,
        profile.first_name,
        profile.last_name ?? null,
        profile.username ?? null,
      );
  }

  /** A user whether approved or revoked (revokedAt set). */
  find(telegramId: number): (ApprovedUser & { revokedAt: string | null }) | undefined {
    const row = this.db.prepare("SELECT * FROM users WHERE telegram_id = ?").get(telegramId) as
      | UserRow
      | undefined;
    return row ? { ...toUser(row), revokedAt: row.revoked_at } : undefined;
  }

  /** Everyone on the list, revoked ones included (revokedAt set), by id. */
  listAll(): (ApprovedUser & { revokedAt: string | null })[] {
    return (this.db.prepare("SELECT * FROM users ORDER BY telegram_id").all() as UserRow[]).map((r) => ({
      ...toUser(r),
      revokedAt: r.revoked_at,
    }));
  }

  /** Forgets the user entirely (erase); returns whether there was a row. */
  delete(telegramId: number): boolean {
    return this.db.prepare("DELETE FROM users WHERE telegram_id = ?").run(telegramId).changes > 0;
  }

  listApproved(): ApprovedUser[] {
    return (
      this.db
        .prepare(
          "SELECT * FROM users WHERE approved_at IS NOT NULL AND revoked_at IS NULL ORDER BY approved_at, telegram_id",
        )
        .all() as UserRow[]
    ).map(toUser);
  }
}

import type { Db } from "./open.js";

export interface Invite {
  id: number;
  note: string | null;
  createdBy: number;
  createdAt: string;
  expiresAt: string;
  usedAt: string | null;
  usedBy: number | null;
  revokedAt: string | null;
}

interface Row {
  id: number;
  note: string | null;
  created_by: number;
  created_at: string;
  expires_at: string;
  used_at: string | null;
  used_by: number | null;
  revoked_at: string | null;
}

const toInvite = (r: Row): Invite => ({
  id: r.id,
  note: r.note,
  createdBy: r.created_by,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  usedAt: r.used_at,
  usedBy: r.used_by,
  revokedAt: r.revoked_at,
});

const OPEN = "used_at IS NULL AND revoked_at IS NULL AND expires_at > @now";

/** One-time invite links, known by the hash of their code. */
export class InvitesRepo {
  constructor(private readonly db: Db) {}

  create(invite: {
    codeHash: string;
    note: string | null;
    createdBy: number;
    at: string;
    expiresAt: string;
  }): Invite {
    const info = this.db
      .prepare(
        `INSERT INTO invites (code_hash, note, created_by, created_at, expires_at)
         VALUES (@codeHash, @note, @createdBy, @at, @expiresAt)`,
      )
      .run(invite);
    return this.get(Number(info.lastInsertRowid)) as Invite;
  }

  get(id: number): Invite | undefined {
    const row = this.db.prepare("SELECT * FROM invites WHERE id = ?").get(id) as Row | undefined;
    return row ? toInvite(row) : undefined;
  }

  /**
   * Uses an open invite for `userId`, atomically: one UPDATE that only matches an invite still
   * unused, unrevoked and unexpired, so of two racing uses exactly one wins. The invite, or undefined.
   */
  use(codeHash: string, userId: number, now: string): Invite | undefined {
    const row = this.db
      .prepare(
        `UPDATE invites SET used_at = @now, used_by = @userId WHERE code_hash = @codeHash AND ${OPEN}
         RETURNING *`,
      )
      .get({ codeHash, userId, now }) as Row | undefined;
    return row ? toInvite(row) : undefined;
  }

  /** Revokes an open invite; false when it was used, revoked or expired already. */
  revoke(id: number, adminId: number, now: string): boolean {
    return (
      this.db
        .prepare(`UPDATE invites SET revoked_at = @now, revoked_by = @adminId WHERE id = @id AND ${OPEN}`)
        .run({ id, adminId, now }).changes > 0
    );
  }

  /** Invites that can still be used, oldest first. */
  listOpen(now: string): Invite[] {
    return (
      this.db.prepare(`SELECT * FROM invites WHERE ${OPEN} ORDER BY created_at, id`).all({ now }) as Row[]
    ).map(toInvite);
  }

  /** Forgets the invites a member used (erase: the note may name them; the audit keeps the approval). */
  deleteUsedBy(userId: number): number {
    return this.db.prepare("DELETE FROM invites WHERE used_by = ?").run(userId).changes;
  }
}

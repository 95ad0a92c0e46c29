import type { Db } from "./open.js";

/**
 * `approve_invite`: the member opened a one-time link; `adminId` is the admin who made it.
 * `invite_create` / `invite_revoke` concern a link, not a person (`targetId` null).
 */
export type AdminAction =
  | "approve"
  | "reject"
  | "revoke"
  | "approve_invite"
  | "invite_create"
  | "invite_revoke"
  /** A cap on the member's longest meeting length set or removed (`/limit`). */
  | "limit_set"
  | "limit_clear";

/** The actions that decide about a person's access. */
const DECISIONS: readonly AdminAction[] = ["approve", "reject", "revoke", "approve_invite"];

export interface AuditEntry {
  adminId: number;
  action: AdminAction;
  targetId: number | null;
  at: string;
}

/** Who did what, when: every admin decision is recorded. */
export class AdminAuditRepo {
  constructor(private readonly db: Db) {}

  record(entry: AuditEntry): void {
    this.db
      .prepare("INSERT INTO admin_audit (admin_id, action, target_id, at) VALUES (?, ?, ?, ?)")
      .run(entry.adminId, entry.action, entry.targetId, entry.at);
  }

  /** The latest decision about a person's access (it outlives an erase: id and decision only). */
  lastDecisionAbout(targetId: number): AdminAction | undefined {
    const row = this.db
      .prepare(
        `SELECT action FROM admin_audit WHERE target_id = ? AND action IN (${DECISIONS.map(() => "?").join(", ")})
         ORDER BY id DESC LIMIT 1`,
      )
      .get(targetId, ...DECISIONS) as { action: AdminAction } | undefined;
    return row?.action;
  }

  list(limit = 100): AuditEntry[] {
    return (
      this.db
        .prepare(
          "SELECT admin_id AS adminId, action, target_id AS targetId, at FROM admin_audit ORDER BY id DESC LIMIT ?",
        )
        .all(limit) as AuditEntry[]
    ).reverse();
  }
}

import type { Db } from "./open.js";

export type AdminAction = "approve" | "reject" | "revoke";

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

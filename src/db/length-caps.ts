import type { Db } from "./open.js";

export interface LengthCap {
  telegramId: number;
  maxMinutes: number;
  setBy: number;
  setAt: string;
}

/** The admins' per-member cap on the longest meeting length (`/limit`). */
export class LengthCapsRepo {
  constructor(private readonly db: Db) {}

  set(cap: LengthCap): void {
    this.db
      .prepare(
        `INSERT INTO length_caps (telegram_id, max_minutes, set_by, set_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (telegram_id) DO UPDATE SET max_minutes = excluded.max_minutes,
           set_by = excluded.set_by, set_at = excluded.set_at`,
      )
      .run(cap.telegramId, cap.maxMinutes, cap.setBy, cap.setAt);
  }

  /** True when there was a cap to remove. */
  clear(telegramId: number): boolean {
    return this.db.prepare("DELETE FROM length_caps WHERE telegram_id = ?").run(telegramId).changes > 0;
  }

  get(telegramId: number): number | undefined {
    const row = this.db
      .prepare("SELECT max_minutes FROM length_caps WHERE telegram_id = ?")
      .get(telegramId) as { max_minutes: number } | undefined;
    return row?.max_minutes;
  }

  list(): LengthCap[] {
    const rows = this.db
      .prepare("SELECT telegram_id, max_minutes, set_by, set_at FROM length_caps ORDER BY telegram_id")
      .all() as Array<{ telegram_id: number; max_minutes: number; set_by: number; set_at: string }>;
    return rows.map((r) => ({
      telegramId: r.telegram_id,
      maxMinutes: r.max_minutes,
      setBy: r.set_by,
      setAt: r.set_at,
    }));
  }
}

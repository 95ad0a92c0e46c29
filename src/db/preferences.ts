import type { Language } from "../config.js";
import type { Db } from "./open.js";

export interface Preferences {
  timezone: string | null;
  language: Language | null;
  email: string | null;
}

/** Per-user choices: time zone, language, and an email the user agreed to have remembered. */
export class PreferencesRepo {
  constructor(private readonly db: Db) {}

  get(telegramId: number): Preferences {
    const row = this.db
      .prepare("SELECT timezone, language, email FROM user_preferences WHERE telegram_id = ?")
      .get(telegramId) as Preferences | undefined;
    return row ?? { timezone: null, language: null, email: null };
  }

  delete(telegramId: number): boolean {
    return this.db.prepare("DELETE FROM user_preferences WHERE telegram_id = ?").run(telegramId).changes > 0;
  }

  set(telegramId: number, patch: Partial<Preferences>, at: string): void {
    const current = this.get(telegramId);
    const next = { ...current, ...patch };
    this.db
      .prepare(
        `INSERT INTO user_preferences (telegram_id, timezone, language, email, updated_at)
         VALUES (@id, @timezone, @language, @email, @at)
         ON CONFLICT (telegram_id) DO UPDATE SET timezone = excluded.timezone, language = excluded.language,
           email = excluded.email, updated_at = excluded.updated_at`,
      )
      .run({ id: telegramId, timezone: next.timezone, language: next.language, email: next.email, at });
  }
}

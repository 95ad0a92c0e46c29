import type { Clock } from "../clock.js";
import { nowIso } from "../clock.js";
import type { Language } from "../config.js";
import type { Preferences, PreferencesRepo } from "../db/preferences.js";

export type { Preferences };

/** What a member chose: time zone, language, and an email they agreed to have remembered. */
export class MemberPreferences {
  constructor(
    private readonly repo: PreferencesRepo,
    private readonly clock: Clock,
    private readonly defaultLanguage: Language,
  ) {}

  get(telegramId: number): Preferences {
    return this.repo.get(telegramId);
  }

  set(telegramId: number, patch: Partial<Preferences>): void {
    this.repo.set(telegramId, patch, nowIso(this.clock));
  }

  /** The language a member last spoke to us in, for messages sent outside their own update. */
  languageOf(telegramId: number): Language {
    return this.repo.get(telegramId).language ?? this.defaultLanguage;
  }
}

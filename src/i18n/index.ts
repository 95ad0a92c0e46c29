import type { Language } from "../config.js";
import { en } from "./en.js";
import { type Messages, ru } from "./ru.js";

export type {
  AdminBookingNotice,
  BookingResult,
  BookingSummary,
  Messages,
  ReminderView,
  RequestView,
} from "./ru.js";

export const catalogues: Record<Language, Messages> = { ru, en };

export function messages(lang: Language): Messages {
  return catalogues[lang];
}

/**
 * The language for a user: Telegram's language_code when it says (`en…` → English; `ru…`, `uk…`,
 * `be…`, `kk…` → Russian), else the language saved from their last update, else the default.
 */
export function pickLanguage(
  languageCode: string | undefined,
  saved: Language | null | undefined,
  fallback: Language,
): Language {
  const code = (languageCode ?? "").toLowerCase();
  if (code.startsWith("en")) return "en";
  if (/^(ru|uk|be|kk)(\b|-|_|$)/.test(code)) return "ru";
  return saved ?? fallback;
}

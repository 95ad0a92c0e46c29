import type { Api } from "grammy";
import { LANGUAGES, type Language } from "../config.js";
import { messages } from "../i18n/index.js";
import type { Logger } from "../log.js";

/** Telegram's limits (Bot API setMyDescription / setMyShortDescription). */
export const DESCRIPTION_MAX = 512;
export const SHORT_DESCRIPTION_MAX = 120;

/** The texts of the bot's profile in one language. */
export function profileTexts(lang: Language): { description: string; shortDescription: string } {
  const t = messages(lang);
  return { description: t.invites.profileDescription, shortDescription: t.invites.profileShortDescription };
}

/**
 * Sets the bot's description (shown in an empty chat before /start) and short description (its
 * profile page, shared links) in Russian and English, and the default — for every other language —
 * in DEFAULT_LANGUAGE: what it is, who it is for, that the sponsor approves everyone. Each is read
 * first and written only when it differs. A failure is logged and never stops the bot.
 */
export async function setBotProfile(api: Api, defaultLanguage: Language, log: Logger): Promise<void> {
  const targets: { code: Language | undefined; lang: Language }[] = [
    { code: undefined, lang: defaultLanguage },
    ...LANGUAGES.map((lang) => ({ code: lang, lang })),
  ];
  for (const { code, lang } of targets) {
    const other = code === undefined ? {} : { language_code: code };
    const wanted = profileTexts(lang);
    try {
      const { description } = await api.getMyDescription(other);
      if (description !== wanted.description) await api.setMyDescription(wanted.description, other);
      const { short_description } = await api.getMyShortDescription(other);
      if (short_description !== wanted.shortDescription)
        await api.setMyShortDescription(wanted.shortDescription, other);
    } catch (err) {
      log.warn({ err, language: code ?? "default" }, "could not set the bot's description");
    }
  }
}

import type { Api, InlineKeyboard } from "grammy";
import { GrammyError } from "grammy";
import type { Language } from "../../config.js";
import { type Messages, messages } from "../../i18n/index.js";
import type { BotDeps } from "../context.js";

/** Telegram says this chat cannot be written to (blocked, deactivated, never started). */
export function isUnreachable(err: unknown): boolean {
  return (
    err instanceof GrammyError &&
    (err.error_code === 403 ||
      (err.error_code === 400 && /chat not found|user not found/i.test(err.description)))
  );
}

/**
 * Sends a message to one user in their language; never throws. Returns whether it was delivered.
 */
export async function tell(
  api: Api,
  deps: BotDeps,
  telegramId: number,
  text: (t: Messages, lang: Language) => string,
  keyboard?: (t: Messages) => InlineKeyboard,
): Promise<boolean> {
  const lang = deps.services.preferences.languageOf(telegramId);
  const t = messages(lang);
  try {
    await api.sendMessage(telegramId, text(t, lang), keyboard ? { reply_markup: keyboard(t) } : {});
    return true;
  } catch (err) {
    deps.log[isUnreachable(err) ? "warn" : "error"](
      { err, to: deps.services.pseudonyms.of(telegramId) },
      "could not message user",
    );
    return false;
  }
}

/** Sends a message to every admin in their language; returns how many got it. */
export async function tellAdmins(
  api: Api,
  deps: BotDeps,
  text: (t: Messages, lang: Language) => string,
  keyboard?: (t: Messages) => InlineKeyboard,
): Promise<number> {
  const results = await Promise.all(deps.config.adminIds.map((id) => tell(api, deps, id, text, keyboard)));
  return results.filter(Boolean).length;
}

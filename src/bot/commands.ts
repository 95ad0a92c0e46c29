import type { Api } from "grammy";
import type { BotCommand } from "grammy/types";
import type { Language } from "../config.js";
import { messages } from "../i18n/index.js";
import type { Logger } from "../log.js";

const USER_COMMANDS = ["start", "book", "mybookings", "privacy", "cancel", "help"] as const;
const ADMIN_COMMANDS = [
  ...USER_COMMANDS,
  "bookings",
  "pending",
  "users",
  "approve",
  "reject",
  "revoke",
  "invite",
  "invites",
  "stats",
  "whois",
  "limit",
  "limits",
] as const;

function list(
  lang: Language,
  names: readonly (keyof ReturnType<typeof messages>["commands"])[],
): BotCommand[] {
  const t = messages(lang);
  return names.map((command) => ({ command, description: t.commands[command] }));
}

/**
 * Registers the command menus with Telegram: members' commands for every private chat and the
 * longer admin list in each admin's chat, in Russian (default) and English.
 */
export async function registerCommands(
  api: Api,
  adminIds: readonly number[],
  defaultLanguage: Language,
  log: Logger,
): Promise<void> {
  const other: Language = defaultLanguage === "ru" ? "en" : "ru";
  try {
    await api.setMyCommands(list(defaultLanguage, USER_COMMANDS), { scope: { type: "all_private_chats" } });
    await api.setMyCommands(list(other, USER_COMMANDS), {
      scope: { type: "all_private_chats" },
      language_code: other,
    });
    for (const chat_id of adminIds) {
      await api.setMyCommands(list(defaultLanguage, ADMIN_COMMANDS), { scope: { type: "chat", chat_id } });
      await api.setMyCommands(list(other, ADMIN_COMMANDS), {
        scope: { type: "chat", chat_id },
        language_code: other,
      });
    }
  } catch (err) {
    // An admin who never opened the bot makes the chat scope fail; the bot works without menus.
    log.warn({ err }, "could not register all bot commands");
  }
}

/**
 * What the bot gets to see of a group, and the ChatMember objects of its own membership changes.
 *
 * Privacy mode, as core.telegram.org/bots/features#privacy-mode (and the Bot FAQ, "What messages
 * will my bot get?") describe it: a bot in privacy mode sees
 * - commands explicitly meant for it (/command@this_bot),
 * - general commands (/start) if it was the last bot to send a message to the group,
 * - replies to its messages ("replies to any messages implicitly or explicitly meant for this bot";
 *   the fake takes the explicit case: a reply to one of the bot's own messages),
 * - all service messages;
 * bots that are admins, or whose privacy mode is off, see every message; no bot sees messages of
 * other bots. (Inline messages "via" the bot are not modelled.) Privacy mode is fixed when the bot
 * joins a group ("the bot will need to be re-added to the group for this change to take effect").
 */
import type { ChatRecord, State, StoredMessage } from "./state.js";
import type { JsonObject } from "./types.js";

export function botSeesGroupMessage(
  state: State,
  chat: ChatRecord,
  msg: StoredMessage,
  service: boolean,
): boolean {
  if (chat.botStatus === "left" || chat.botStatus === "kicked") return false;
  if (msg.from.is_bot) return false;
  if (service || !chat.privacyMode || chat.botStatus === "administrator") return true;
  const username = (state.bot.username ?? "").toLowerCase();
  const text = msg.text ?? msg.caption ?? "";
  const entities = (msg.text !== undefined ? msg.entities : msg.caption_entities) ?? [];
  for (const e of entities) {
    if (e.type !== "bot_command") continue;
    const command = text.slice(e.offset, e.offset + e.length);
    const at = command.indexOf("@");
    if (at === -1 ? chat.lastBotSender === state.bot.id : command.slice(at + 1).toLowerCase() === username) {
      return true;
    }
  }
  if (msg.replyToMessageId !== undefined) {
    const replied = chat.messages.get(msg.replyToMessageId);
    if (replied?.fromBot) return true;
  }
  return false;
}

/** The bot as it appears in ChatMember objects. */
export function botUserJson(state: State): JsonObject {
  const bot: JsonObject = { id: state.bot.id, is_bot: true, first_name: state.bot.first_name };
  if (state.bot.username) bot.username = state.bot.username;
  return bot;
}

/** A ChatMember for the bot with `status` (Bot API ChatMemberMember/Administrator/Left/Banned). */
export function botMemberJson(state: State, status: ChatRecord["botStatus"]): JsonObject {
  const user = botUserJson(state);
  switch (status) {
    case "administrator":
      // Every field ChatMemberAdministrator requires; rights as an ordinary bot admin has them.
      return {
        user,
        status,
        can_be_edited: false,
        is_anonymous: false,
        can_manage_chat: true,
        can_delete_messages: true,
        can_manage_video_chats: true,
        can_restrict_members: true,
        can_promote_members: false,
        can_change_info: true,
        can_invite_users: true,
        can_post_stories: false,
        can_edit_stories: false,
        can_delete_stories: false,
      };
    case "kicked":
      return { user, status, until_date: 0 };
    default:
      return { user, status };
  }
}

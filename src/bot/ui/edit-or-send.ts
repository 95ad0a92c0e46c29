import { type Api, GrammyError, type InlineKeyboard } from "grammy";

function isEditRefused(err: unknown): "same" | "gone" | undefined {
  if (!(err instanceof GrammyError) || err.error_code !== 400) return undefined;
  if (/message is not modified/i.test(err.description)) return "same";
  if (/message to edit not found|message can't be edited|MESSAGE_ID_INVALID/i.test(err.description))
    return "gone";
  return undefined;
}

/**
 * Edits the message when possible; "not modified" counts as done, and a message Telegram will no
 * longer edit (deleted, too old) is replaced by a new one.
 */
export async function editOrSend(
  api: Api,
  chatId: number,
  messageId: number | undefined,
  text: string,
  markup: InlineKeyboard | undefined,
): Promise<{ messageId: number }> {
  const reply_markup = markup?.inline_keyboard.some((r) => r.length > 0) ? markup : undefined;
  if (messageId !== undefined) {
    try {
      await api.editMessageText(chatId, messageId, text, reply_markup ? { reply_markup } : {});
      return { messageId };
    } catch (err) {
      const refused = isEditRefused(err);
      if (refused === "same") return { messageId };
      if (refused !== "gone") throw err;
    }
  }
  const sent = await api.sendMessage(chatId, text, reply_markup ? { reply_markup } : {});
  return { messageId: sent.message_id };
}

import { GrammyError } from "grammy";
import { fitUtf16 } from "../../text/graphemes.js";
import type { BotContext } from "../context.js";

/** Telegram's limit on a callback answer's text (Bot API answerCallbackQuery: "0-200 characters"). */
const ANSWER_TEXT_MAX = 200;

export interface AnswerOptions {
  /** A toast (or, with `alert`, a dialog the user must close). */
  text?: string;
  alert?: boolean;
}

/**
 * Telegram no longer takes an answer to this query: it is older than Telegram's window (the bot
 * was down or busy when the tap came) — or its id is unknown, which Telegram words the same way.
 */
export function isQueryTooOld(err: unknown): boolean {
  return (
    err instanceof GrammyError &&
    err.error_code === 400 &&
    /query is too old|query id is invalid/i.test(err.description)
  );
}

/**
 * The one way a button is answered: stops the spinner, with `text` as a toast or an alert. When
 * the query can no longer be answered, the text comes as a message in the chat instead, so the
 * user still learns it; the caller goes on with the button's action either way. Never throws: a
 * failed answer must not cost the action.
 */
export async function answer(ctx: BotContext, options: AnswerOptions = {}): Promise<void> {
  const text = options.text === undefined ? undefined : fitUtf16(options.text, ANSWER_TEXT_MAX);
  try {
    await ctx.answerCallbackQuery({ ...(text ? { text } : {}), show_alert: options.alert ?? false });
  } catch (err) {
    if (!isQueryTooOld(err)) {
      ctx.log.warn({ err }, "could not answer a callback query");
      return;
    }
    ctx.log.debug("callback query too old to answer");
    const chatId = ctx.chat?.id ?? ctx.from?.id;
    if (!options.text || chatId === undefined) return;
    await ctx.api
      .sendMessage(chatId, options.text)
      .catch((e: unknown) => ctx.log.warn({ err: e }, "could not send a late button's answer"));
  }
}

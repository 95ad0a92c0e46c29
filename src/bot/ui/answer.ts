import type { BotContext } from "../context.js";

/**
 * Answers the tap's callback query, never failing the update: a tap handled late (the bot was
 * down or busy) has a query Telegram no longer accepts, and the button must still do what it says
 * — its outcome shows in the message the handler edits or sends.
 */
export async function answerTap(
  ctx: BotContext,
  options?: { text?: string; show_alert?: boolean },
): Promise<void> {
  await ctx
    .answerCallbackQuery(options)
    .catch((err: unknown) => ctx.log.debug({ err }, "could not answer a callback query"));
}

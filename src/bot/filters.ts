import type { Message } from "grammy/types";
import type { BotContext } from "./context.js";

/** The admin filter, for `composer.filter(isAdmin)` and checks alike (private chats: `chatType`). */
export const isAdmin = (ctx: BotContext): boolean => ctx.role === "admin";

/**
 * The command a message starts with: `/Cancel@SomeBot now` → { name: "cancel", to: "somebot" }
 * (`to` undefined for a plain `/cancel`). Undefined when the message is not a command.
 */
export function commandOf(
  message: Pick<Message, "text" | "entities"> | undefined,
): { name: string; to: string | undefined } | undefined {
  const entity = message?.entities?.[0];
  const text = message?.text;
  if (entity?.type !== "bot_command" || entity.offset !== 0 || text === undefined) return undefined;
  const [name = "", to] = text.slice(1, entity.length).toLowerCase().split("@");
  return { name, to };
}

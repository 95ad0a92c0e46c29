import type { BotContext } from "./context.js";

/** The admin filter, for `composer.filter(isAdmin)` and checks alike (private chats: `chatType`). */
export const isAdmin = (ctx: BotContext): boolean => ctx.role === "admin";

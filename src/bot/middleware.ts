import { limit } from "@grammyjs/ratelimiter";
import { sequentialize } from "@grammyjs/runner";
import type { BotError, MiddlewareFn, NextFunction } from "grammy";
import { messages, pickLanguage } from "../i18n/index.js";
import type { BotContext, BotDeps } from "./context.js";
import { answer } from "./ui/answer.js";

/** Which kind of update this is, for the log line (never its content: users' privacy). */
function updateType(ctx: BotContext): string {
  const keys = Object.keys(ctx.update).filter((k) => k !== "update_id");
  const kind = keys[0] ?? "unknown";
  if (ctx.message?.text?.startsWith("/")) return "message:command";
  if (ctx.message) {
    const sub = Object.keys(ctx.message).find((k) =>
      ["text", "sticker", "photo", "voice", "video", "document", "contact", "location", "animation"].includes(
        k,
      ),
    );
    return sub ? `message:${sub}` : "message";
  }
  return kind;
}

/** Attaches deps, a per-update logger, language, texts and role; logs each update once. */
export function enrich(deps: BotDeps): MiddlewareFn<BotContext> {
  const { access, preferences, pseudonyms } = deps.services;
  return async (ctx, next) => {
    const started = performance.now();
    const userId = ctx.from?.id;
    ctx.deps = deps;
    // A pseudonym, never the id: logs must not say who wrote (an admin can ask /whois).
    ctx.log = deps.log.child({
      updateId: ctx.update.update_id,
      user: pseudonyms.ofMaybe(userId ?? ctx.chat?.id),
    });
    const saved = userId !== undefined ? preferences.get(userId).language : null;
    ctx.lang = pickLanguage(ctx.from?.language_code, saved, deps.config.defaultLanguage);
    ctx.t = messages(ctx.lang);
    ctx.role = access.roleOf(userId);
    if (userId !== undefined && ctx.from?.language_code && saved !== ctx.lang) {
      // Remember the language for messages sent outside an update (reminders, decisions).
      preferences.set(userId, { language: ctx.lang });
    }
    try {
      await next();
    } finally {
      ctx.log.info({ type: updateType(ctx), ms: Math.round(performance.now() - started) }, "update handled");
    }
  };
}

/**
 * Answers the callback query of every update that nothing below answered (a spinner must never
 * stay on a button), and records on the context whether one was answered, for the error boundary.
 */
export function answerLeftoverCallback(): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    if (!ctx.callbackQuery) return next();
    const original = ctx.answerCallbackQuery.bind(ctx);
    ctx.answerCallbackQuery = async (...args: Parameters<typeof original>) => {
      answered.add(ctx);
      return original(...args);
    };
    try {
      await next();
    } finally {
      if (!answered.has(ctx)) await answer(ctx);
    }
  };
}

const answered = new WeakSet<BotContext>();

/**
 * The handler for `bot.errorBoundary`: log, tell the user something went wrong, keep running.
 */
export async function onUpdateError(err: BotError<BotContext>): Promise<void> {
  const ctx = err.ctx;
  ctx.log.error({ err: err.error }, "update failed");
  const text = ctx.t.common.somethingWrong;
  if (ctx.callbackQuery && !answered.has(ctx)) {
    await answer(ctx, { text, alert: true });
  } else if (ctx.chat) {
    await ctx.api.sendMessage(ctx.chat.id, text).catch(() => undefined);
  }
}

export interface FloodOptions {
  /** Updates allowed per user per window before the rest are dropped. */
  limit: number;
  windowMs: number;
}

/** Per-user flood protection: excess updates are dropped, with one polite note per window. */
export function flood(options: FloodOptions): MiddlewareFn<BotContext> {
  return limit<BotContext, never>({
    timeFrame: options.windowMs,
    limit: options.limit,
    keyGenerator: (ctx) => (ctx.from ? String(ctx.from.id) : undefined),
    onLimitExceeded: (ctx: BotContext) => {
      ctx.log.warn("flood limit hit; dropping updates");
      if (ctx.callbackQuery) {
        void answer(ctx, { text: ctx.t.common.slowDown });
      } else if (ctx.chat) {
        void ctx.api.sendMessage(ctx.chat.id, ctx.t.common.slowDown).catch(() => undefined);
      }
    },
  }) as MiddlewareFn<BotContext>;
}

/** Updates of one chat run in order; different chats run concurrently. */
export function perChatOrder(): MiddlewareFn<BotContext> {
  return sequentialize<BotContext>((ctx) => {
    const id = ctx.chat?.id ?? ctx.from?.id;
    return id === undefined ? [] : [String(id)];
  });
}

export type { NextFunction };

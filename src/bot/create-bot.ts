import { autoRetry } from "@grammyjs/auto-retry";
import { Bot } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import type { BotContext, BotDeps } from "./context.js";
import { accessFeature } from "./features/access.js";
import { adminFeature } from "./features/admin.js";
import { bookingFeature } from "./features/booking/index.js";
import { cancelHeldFeature } from "./features/cancel-held.js";
import { confirmationsFeature } from "./features/confirmations.js";
import { helpFeature } from "./features/help.js";
import { invitesFeature } from "./features/invites.js";
import { lengthLimitsFeature } from "./features/length-limits.js";
import { myBookingsFeature } from "./features/my-bookings.js";
import { privacyFeature } from "./features/privacy.js";
import { privateOnlyFeature } from "./features/private-only.js";
import { statsFeature } from "./features/stats.js";
import { unhandledFeature } from "./features/unhandled.js";
import { whoisFeature } from "./features/whois.js";
import {
  answerLeftoverCallback,
  enrich,
  type FloodOptions,
  flood,
  onUpdateError,
  perChatOrder,
} from "./middleware.js";
import { outgoingPace, type PaceOptions } from "./outgoing-pace.js";

export interface CreateBotOptions {
  /** Skip getMe when the bot's identity is already known (tests, restarts). */
  botInfo?: UserFromGetMe;
  flood?: FloodOptions;
  /** Outgoing pacing (Telegram's flood limits); tests may loosen it. */
  pace?: PaceOptions;
}

/**
 * Telegram's own retries (429 after retry_after, 5xx), bounded so a shutdown deadline always
 * holds. Network errors are rethrown: auto-retry would retry them without limit, freezing the
 * chat; runner retries getUpdates itself and the error boundary tells the user.
 */
export const telegramRetry = () =>
  autoRetry({
    maxRetryAttempts: 3,
    maxDelaySeconds: 30,
    rethrowHttpErrors: true,
    rethrowInternalServerErrors: false,
  });

/** Builds the bot from its dependencies: plugins first, then one composer per feature. */
export function createBot(deps: BotDeps, options: CreateBotOptions = {}): Bot<BotContext> {
  const bot = new Bot<BotContext>(deps.config.telegram.token, {
    // A hung request must end well before the next long poll would (grammY's default is 500 s).
    client: { apiRoot: deps.config.telegram.apiRoot, timeoutSeconds: 45 },
    ...(options.botInfo ? { botInfo: options.botInfo } : {}),
  });
  // Pacing sits inside the retries, so that a retried call waits for its turn again.
  const pace = outgoingPace({
    ...options.pace,
    onWait: ({ method, chatId, waitedMs }) =>
      deps.log.debug(
        { method, to: deps.services.pseudonyms.ofMaybe(chatId), waitedMs: Math.round(waitedMs) },
        "telegram call paced",
      ),
  });
  bot.api.config.use(pace.transformer);
  bot.api.config.use(telegramRetry());

  bot.use(pace.middleware);
  bot.use(enrich(deps));
  bot.use(answerLeftoverCallback());
  // grammY's error boundary: an update that fails is logged and the user told; the bot goes on.
  const guarded = bot.errorBoundary(onUpdateError);
  guarded.use(flood(options.flood ?? { limit: 20, windowMs: 10_000 }));
  guarded.use(perChatOrder());

  // First: nothing personal is ever served outside a private chat.
  guarded.use(privateOnlyFeature());
  // Before the dialogs: an admin's answer to "why decline?" is not a dialog's input.
  guarded.use(confirmationsFeature());
  guarded.use(bookingFeature(deps));
  guarded.use(myBookingsFeature());
  guarded.use(invitesFeature()); // before access: /start <code> is an invite
  guarded.use(accessFeature());
  guarded.use(adminFeature());
  guarded.use(lengthLimitsFeature());
  guarded.use(cancelHeldFeature());
  guarded.use(privacyFeature());
  guarded.use(whoisFeature());
  guarded.use(statsFeature());
  guarded.use(helpFeature());
  guarded.use(unhandledFeature());

  // The error boundary handles errors per update; this only sees what escapes it.
  bot.catch((err) =>
    deps.log.error({ err: err.error, updateId: err.ctx.update.update_id }, "unhandled bot error"),
  );
  return bot;
}

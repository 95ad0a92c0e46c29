/**
 * Optional flood control, like Telegram's: more than `perChatPerSecond` messages to one chat within a
 * second, or more than `globalPerSecond` overall, gets 429 "Too Many Requests: retry after N" with
 * `parameters.retry_after = N`; the chat (or the bot) stays limited until N seconds have passed.
 * Uses real time (the bot's retry logic sleeps in real time).
 */
import { tooManyRequests } from "./errors.js";

export interface FloodOptions {
  perChatPerSecond?: number;
  globalPerSecond?: number;
  /** Fixed retry_after in seconds; default: until the window frees up (at least 1). */
  retryAfterSeconds?: number;
}

/** Methods that count as "a message" for flood control. */
export const FLOOD_METHODS = new Set([
  "sendMessage",
  "sendDocument",
  "sendPhoto",
  "sendAudio",
  "sendVoice",
  "sendVideo",
  "sendAnimation",
  "sendVideoNote",
  "sendSticker",
  "sendLocation",
  "sendContact",
  "sendPoll",
  "sendDice",
  "sendMediaGroup",
  "copyMessage",
  "forwardMessage",
  "editMessageText",
  "editMessageCaption",
  "editMessageReplyMarkup",
  "editMessageMedia",
]);

export class FloodControl {
  private readonly perChat: number;
  private readonly global: number;
  private readonly chatHits = new Map<number, number[]>();
  private globalHits: number[] = [];
  private readonly chatBlockedUntil = new Map<number, number>();
  private globalBlockedUntil = 0;
  tooManyRequestsSent = 0;

  constructor(private readonly opts: FloodOptions) {
    this.perChat = opts.perChatPerSecond ?? 5;
    this.global = opts.globalPerSecond ?? 30;
  }

  private retryAfter(oldest: number, now: number): number {
    return this.opts.retryAfterSeconds ?? Math.max(1, Math.ceil((oldest + 1000 - now) / 1000));
  }

  /** Counts one message to `chatId`, or throws 429 without counting it. */
  consume(chatId: number): void {
    const now = performance.now();
    const blocked = Math.max(this.chatBlockedUntil.get(chatId) ?? 0, this.globalBlockedUntil);
    if (now < blocked) {
      this.tooManyRequestsSent++;
      throw tooManyRequests(Math.max(1, Math.ceil((blocked - now) / 1000)));
    }
    const hits = (this.chatHits.get(chatId) ?? []).filter((t) => t > now - 1000);
    this.globalHits = this.globalHits.filter((t) => t > now - 1000);
    if (hits.length >= this.perChat) {
      const retry = this.retryAfter(hits[0] ?? now, now);
      this.chatBlockedUntil.set(chatId, now + retry * 1000);
      this.chatHits.set(chatId, hits);
      this.tooManyRequestsSent++;
      throw tooManyRequests(retry);
    }
    if (this.globalHits.length >= this.global) {
      const retry = this.retryAfter(this.globalHits[0] ?? now, now);
      this.globalBlockedUntil = now + retry * 1000;
      this.tooManyRequestsSent++;
      throw tooManyRequests(retry);
    }
    hits.push(now);
    this.chatHits.set(chatId, hits);
    this.globalHits.push(now);
  }
}

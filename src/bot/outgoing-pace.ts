import type { Transformer } from "grammy";

/**
 * Outgoing pacing: keeps the bot under Telegram's flood limits (about 30 messages a second for the
 * whole bot, about 1 a second in one chat with short bursts) by queueing calls instead of sending
 * them into a 429. Nothing is dropped and nothing fails here; a call waits until it may go.
 *
 * - The whole bot: at most `globalLimit` messages in any `globalWindowMs` (a sliding window, so a
 *   burst uses the budget at once and a backlog drains at the full rate). A message counts from
 *   when it is let through until a window after its answer came back: Telegram counts it somewhere
 *   in between, so however late a request leaves (a busy event loop) or arrives, no window at
 *   Telegram can hold more than the limit.
 * - One chat: a bucket of `perChatBurst` messages refilled at `perChatPerSecond` (GCRA), so the
 *   steps of a dialog go out at once while a chat that gets many messages is spread out.
 * - A chat waiting for its own budget never holds up other chats; calls of one chat keep their
 *   order.
 * - Replies first: when the budget is short, a chat whose user has just written (noteIncoming) gets
 *   its next message before follow-ups, notices and other chats' later messages, and follow-ups
 *   leave `replyReserve` of the overall budget free for replies to come; anything waiting longer
 *   than `maxDeferMs` is served in arrival order whatever it is, so nothing starves.
 *
 * Only what Telegram counts as messages is paced (send…, edit…, copy…, forward…);
 * answerCallbackQuery, sendChatAction, getUpdates and the rest pass straight through.
 */
export interface PaceOptions {
  /** Messages per window for the whole bot. Default 28 (Telegram allows about 30 a second). */
  globalLimit?: number;
  globalWindowMs?: number;
  /** Sustained messages a second in one chat. Default 1. */
  perChatPerSecond?: number;
  /** Messages one chat may get at once before the sustained rate applies. Default 3. */
  perChatBurst?: number;
  now?: () => number;
  /** A call deferred for a reply this long goes in arrival order. Default 2000. */
  maxDeferMs?: number;
  /** Part of the overall budget that follow-ups leave to replies. Default 6. */
  replyReserve?: number;
  /** Runs `fn` after `ms`; returns a cancel function. Default setTimeout. */
  schedule?: (fn: () => void, ms: number) => () => void;
  /** Told about every call that had to wait (for logs and the benchmark). */
  onWait?: (info: PacedCall) => void;
}

export interface PacedCall {
  method: string;
  chatId: string | undefined;
  waitedMs: number;
}

interface Waiter {
  chat: string | undefined;
  since: number;
  resolve: (ticket: Ticket) => void;
}

/** A call let through: `release` when its answer (or error) is back. */
export interface Ticket {
  waitedMs: number;
  release(): void;
}

interface Sent {
  /** When the answer came back; +Infinity while the call is in flight. */
  end: number;
}

const defaultSchedule = (fn: () => void, ms: number) => {
  const timer = setTimeout(fn, ms);
  return () => clearTimeout(timer);
};

/** The scheduler behind the transformer (exported for tests and tools). */
export class OutgoingPacer {
  private readonly limit: number;
  private readonly windowMs: number;
  private readonly chatIntervalMs: number;
  private readonly chatToleranceMs: number;
  private readonly now: () => number;
  private readonly schedule: (fn: () => void, ms: number) => () => void;
  /** Calls let through that may still count in Telegram's window. */
  private sent: Sent[] = [];
  /** Per chat: the theoretical time its bucket is full again (GCRA); absent = full. */
  private readonly chatTat = new Map<string, number>();
  private queue: Waiter[] = [];
  /** Chats whose user wrote and has not had a message back yet, with when they wrote. */
  private readonly awaiting = new Map<string, number>();
  private readonly maxDeferMs: number;
  private readonly replyReserve: number;
  private cancelTimer: (() => void) | undefined;
  private timerAt = Number.POSITIVE_INFINITY;

  constructor(options: PaceOptions = {}) {
    this.limit = Math.max(1, options.globalLimit ?? 28);
    this.windowMs = options.globalWindowMs ?? 1000;
    const perSecond = options.perChatPerSecond ?? 1;
    this.chatIntervalMs = 1000 / perSecond;
    this.chatToleranceMs = (Math.max(1, options.perChatBurst ?? 3) - 1) * this.chatIntervalMs;
    this.now = options.now ?? (() => performance.now());
    this.schedule = options.schedule ?? defaultSchedule;
    this.maxDeferMs = options.maxDeferMs ?? 2000;
    this.replyReserve = Math.min(this.limit - 1, Math.max(0, options.replyReserve ?? 6));
  }

  /** The user of `chat` just wrote: the chat's next message is a reply someone is waiting for. */
  noteIncoming(chat: string): void {
    const now = this.now();
    this.awaiting.delete(chat);
    this.awaiting.set(chat, now);
    if (this.awaiting.size > 10_000) {
      // Updates that never got a reply (e.g. dropped by flood control) must not pile up here.
      for (const [key, at] of this.awaiting) {
        if (this.awaiting.size <= 5_000 && at > now - 60_000) break;
        this.awaiting.delete(key);
      }
    }
    if (this.queue.length > 0) this.pump();
  }

  /** Calls waiting for their turn. */
  get queued(): number {
    return this.queue.length;
  }

  /** Resolves when a message to `chat` may be sent; release the ticket when its answer is back. */
  acquire(chat: string | undefined): Promise<Ticket> {
    const now = this.now();
    this.prune(now);
    const cap = chat === undefined || this.awaiting.has(chat) ? this.limit : this.limit - this.replyReserve;
    if (this.queue.length === 0 && this.sent.length < cap && this.chatReady(chat, now)) {
      return Promise.resolve(this.grant(chat, now, now));
    }
    return new Promise<Ticket>((resolve) => {
      this.queue.push({ chat, since: now, resolve });
      this.pump();
    });
  }

  private chatReady(chat: string | undefined, now: number): boolean {
    if (chat === undefined) return true;
    const tat = this.chatTat.get(chat);
    return tat === undefined || tat - this.chatToleranceMs <= now;
  }

  private chatReadyAt(chat: string | undefined): number {
    if (chat === undefined) return Number.NEGATIVE_INFINITY;
    const tat = this.chatTat.get(chat);
    return tat === undefined ? Number.NEGATIVE_INFINITY : tat - this.chatToleranceMs;
  }

  private grant(chat: string | undefined, now: number, since: number): Ticket {
    const entry: Sent = { end: Number.POSITIVE_INFINITY };
    this.sent.push(entry);
    const ticket: Ticket = {
      waitedMs: now - since,
      release: () => {
        if (entry.end !== Number.POSITIVE_INFINITY) return;
        entry.end = this.now();
        // Its window now has an end: a waiter may need a timer for it.
        if (this.queue.length > 0) this.pump();
      },
    };
    if (chat === undefined) return ticket;
    this.awaiting.delete(chat);
    const tat = this.chatTat.get(chat) ?? now;
    this.chatTat.set(chat, Math.max(tat, now) + this.chatIntervalMs);
    if (this.chatTat.size > 5000) {
      // A chat whose bucket is full again needs no entry.
      for (const [key, t] of this.chatTat) if (t <= now) this.chatTat.delete(key);
    }
    return ticket;
  }

  private prune(now: number): void {
    if (this.sent.some((e) => e.end <= now - this.windowMs)) {
      this.sent = this.sent.filter((e) => e.end > now - this.windowMs);
    }
  }

  /** When fewer than `cap` calls count next (+Infinity: only once a call in flight is answered). */
  private globalReadyAt(now: number, cap: number): number {
    if (this.sent.length < cap) return now;
    const ends = this.sent.map((e) => e.end).sort((a, b) => a - b);
    return (ends[this.sent.length - cap] as number) + this.windowMs;
  }

  /**
   * Lets through every waiter that may go now — replies first, then the rest, each in arrival
   * order and each chat in its own order — then sleeps until the next one may.
   */
  private pump(): void {
    const now = this.now();
    this.prune(now);
    const urgent = (w: Waiter) =>
      w.chat === undefined || this.awaiting.has(w.chat) || now - w.since >= this.maxDeferMs;
    const granted = new Set<Waiter>();
    let wakeAt = Number.POSITIVE_INFINITY;
    for (const pass of [true, false]) {
      // A chat whose first waiter cannot go (or is not urgent in the first pass) keeps the rest back.
      const held = new Set<string>();
      for (const w of this.queue) {
        if (granted.has(w)) continue;
        if (w.chat !== undefined && held.has(w.chat)) continue;
        const isUrgent = urgent(w);
        if (pass && !isUrgent) {
          if (w.chat !== undefined) held.add(w.chat);
          continue;
        }
        // Follow-ups leave the reserve to replies.
        const cap = isUrgent ? this.limit : this.limit - this.replyReserve;
        if (this.sent.length >= cap || !this.chatReady(w.chat, now)) {
          if (w.chat !== undefined) held.add(w.chat);
          wakeAt = Math.min(wakeAt, Math.max(this.globalReadyAt(now, cap), this.chatReadyAt(w.chat)));
          // Once deferred long enough it may use the whole budget.
          if (!isUrgent)
            wakeAt = Math.min(wakeAt, Math.max(w.since + this.maxDeferMs, this.chatReadyAt(w.chat)));
          continue;
        }
        granted.add(w);
        w.resolve(this.grant(w.chat, now, w.since));
      }
    }
    if (granted.size > 0) this.queue = this.queue.filter((w) => !granted.has(w));
    if (this.queue.length === 0 || wakeAt === Number.POSITIVE_INFINITY || wakeAt >= this.timerAt) return;
    this.cancelTimer?.();
    this.timerAt = wakeAt;
    this.cancelTimer = this.schedule(
      () => {
        this.cancelTimer = undefined;
        this.timerAt = Number.POSITIVE_INFINITY;
        this.pump();
      },
      Math.max(0, Math.ceil(wakeAt - now)),
    );
  }
}

/** Methods Telegram counts against its message limits. */
export function isPacedMethod(method: string): boolean {
  return method !== "sendChatAction" && /^(send|edit|copy|forward)/.test(method);
}

function chatOf(payload: unknown): string | undefined {
  const id = (payload as { chat_id?: unknown } | undefined)?.chat_id;
  return typeof id === "number" || typeof id === "string" ? String(id) : undefined;
}

/**
 * The pacing for a bot: `transformer` goes on `bot.api` (ctx.api and conversations' octx.api
 * inherit it), `middleware` first in the bot's chain (it marks chats whose user is waiting).
 */
export function outgoingPace(options: PaceOptions = {}): {
  pacer: OutgoingPacer;
  transformer: Transformer;
  middleware: (ctx: { chat?: { id: number } | undefined }, next: () => Promise<void>) => Promise<void>;
} {
  const pacer = new OutgoingPacer(options);
  return {
    pacer,
    transformer: async (prev, method, payload, signal) => {
      if (!isPacedMethod(method)) return prev(method, payload, signal);
      const chatId = chatOf(payload);
      const ticket = await pacer.acquire(chatId);
      if (ticket.waitedMs > 0) options.onWait?.({ method, chatId, waitedMs: ticket.waitedMs });
      try {
        return await prev(method, payload, signal);
      } finally {
        ticket.release();
      }
    },
    middleware: (ctx, next) => {
      if (ctx.chat) pacer.noteIncoming(String(ctx.chat.id));
      return next();
    },
  };
}

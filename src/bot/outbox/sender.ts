import type { Api } from "grammy";
import type { Logger } from "../../log.js";
import { MERGEABLE, noticeOf } from "../../notices/notice.js";
import type { DeliveryFailure, Outbox, OutboxEntry } from "../../notices/outbox.js";
import type { BotDeps } from "../context.js";
import { editOrSend } from "../ui/edit-or-send.js";
import { isUnreachable } from "../ui/notify.js";
import { type Delivery, render } from "./render.js";

const TEXT_MAX = 4096;
const IDLE_POLL_MS = 1_000;
const CHATS_AT_ONCE = 8;

/**
 * Delivers the outbox: in order per chat (an entry waits while an older one of its chat does),
 * different chats concurrently, through `api` (so under the bot's pacer and Telegram's retries).
 * Admin notices waiting for the same admin are merged into one message. Runs when kicked and
 * whenever an entry falls due; stop() lets the sends in hand finish and keeps the rest queued.
 */
export class OutboxSender {
  private api: Api | undefined;
  private timer: NodeJS.Timeout | undefined;
  private scanQueued = false;
  private stopped = false;
  /** Chats being delivered to now, with their delivery (one at a time per chat). */
  private readonly busy = new Map<number, Promise<void>>();

  constructor(
    private readonly outbox: Outbox,
    private readonly deps: BotDeps,
    private readonly log: Logger,
  ) {}

  start(api: Api): void {
    this.api = api;
    this.kick();
  }

  /** Deliver what is due now (coalesced; a chat being delivered to picks new entries up after). */
  kick(): void {
    if (this.stopped || !this.api || this.scanQueued) return;
    this.scanQueued = true;
    setImmediate(() => {
      this.scanQueued = false;
      this.scan();
    });
  }

  /** Stops after the sends in hand; what is left stays queued for the next start. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await Promise.allSettled([...this.busy.values()]);
  }

  private scan(): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    try {
      for (const chatId of this.outbox.dueChats()) {
        if (this.busy.has(chatId) || this.busy.size >= CHATS_AT_ONCE) continue;
        const delivery = this.deliverChat(chatId)
          .catch((err: unknown) => this.log.error({ err }, "outbox delivery failed; will retry"))
          .finally(() => {
            this.busy.delete(chatId);
            this.kick();
          });
        this.busy.set(chatId, delivery);
      }
    } catch (err) {
      this.log.error({ err }, "outbox scan failed; will retry");
    }
    const wait = Math.min(this.outbox.msUntilNext() ?? IDLE_POLL_MS, IDLE_POLL_MS);
    this.timer = setTimeout(() => this.kick(), wait);
    this.timer.unref();
  }

  /** One chat's entries, in order, while the first is due; a failure holds the rest back. */
  private async deliverChat(chatId: number): Promise<void> {
    for (let entries = this.outbox.nextFor(chatId); entries.length > 0 && !this.stopped; ) {
      const { batch, delivery } = this.nextBatch(entries, 0);
      const failure = delivery ? await this.send(chatId, delivery) : undefined;
      if (failure === undefined)
        this.outbox.delivered(batch); // (no delivery: nothing left to say)
      else for (const e of batch) this.outbox.failed(e, failure);
      if (failure !== undefined && failure !== "unreachable") return;
      entries = this.outbox.nextFor(chatId);
    }
  }

  /** The entry at `i`, with the mergeable admin notices right after it folded into one text. */
  private nextBatch(
    entries: OutboxEntry[],
    i: number,
  ): { batch: OutboxEntry[]; delivery: Delivery | undefined } {
    const first = entries[i] as OutboxEntry;
    const delivery = render(this.deps, first.chatId, noticeOf(first));
    const batch = [first];
    if (!delivery || !MERGEABLE.has(noticeOf(first).kind)) return { batch, delivery };
    for (let j = i + 1; j < entries.length; j++) {
      const e = entries[j] as OutboxEntry;
      if (!MERGEABLE.has(noticeOf(e).kind)) break;
      const more = render(this.deps, e.chatId, noticeOf(e));
      if (more && delivery.text.length + more.text.length + 2 > TEXT_MAX) break;
      if (more) delivery.text = `${delivery.text}\n\n${more.text}`;
      batch.push(e);
    }
    return { batch, delivery };
  }

  private async send(chatId: number, d: Delivery): Promise<DeliveryFailure | undefined> {
    const api = this.api as Api;
    try {
      if (d.document) {
        // The summary goes first, so the result is the last thing the member sees; a retry after a
        // failed send finds it gone already (ignored) and sends the file again.
        if (d.replaceMessageId !== undefined)
          await api.deleteMessage(chatId, d.replaceMessageId).catch(() => undefined);
        await api.sendDocument(chatId, d.document, {
          caption: d.text,
          ...(d.keyboard ? { reply_markup: d.keyboard } : {}),
        });
      } else {
        await editOrSend(api, chatId, d.replaceMessageId, d.text, d.keyboard);
      }
      return undefined;
    } catch (err) {
      if (isUnreachable(err)) {
        this.log.warn(
          { to: this.deps.services.pseudonyms.of(chatId) },
          "notice not delivered: the chat blocked the bot",
        );
        return "unreachable";
      }
      this.log.warn({ err }, "notice not delivered; will retry");
      const status = (err as { error_code?: number }).error_code;
      return status === 400 ? "refused" : "transient";
    }
  }
}

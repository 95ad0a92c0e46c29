/**
 * Reading one chat as a test does: the bot's messages as they are now, waiting for the bot to say
 * something. Shared by FakeUser (a private chat, or a group through `user.in(group)`) and FakeGroup.
 */
import { WaitTimeoutError, waitForEvent } from "../support/wait.js";
import type { ChatRecord, State } from "./state.js";
import { chatMessages, dumpChat, type MessageView, viewOf } from "./views.js";

export interface WaitMessageOptions {
  timeoutMs?: number;
  /** Only messages sent or changed after this mark (see mark()). */
  since?: number;
  /** Include the users' own messages (default: only the bot's). */
  includeUser?: boolean;
  /** Describes the predicate in the timeout error. */
  description?: string;
}

export interface MessagesOptions {
  includeDeleted?: boolean;
  includeUser?: boolean;
}

export type MessageRef = number | { message_id: number };
export type MessagePredicate = (m: MessageView) => boolean;

export const DEFAULT_TIMEOUT = 5000;

export class ChatHandle {
  constructor(
    protected readonly state: State,
    private readonly boundChatId: number,
  ) {}

  /** The chat this handle reads (a user's id for a private chat, negative for groups). */
  get chatId(): number {
    return this.boundChatId;
  }

  protected get chatRecord(): ChatRecord {
    const c = this.state.chat(this.boundChatId);
    if (!c) throw new Error(`fake Telegram: no chat ${this.boundChatId}`);
    return c;
  }

  /** Marks "now": pass to waitForMessage({since}) / messagesSince() to see only later activity. */
  mark(): number {
    return this.state.currentSeq();
  }

  /** The bot's messages in this chat, oldest first, as they are now (deleted ones left out by default). */
  messages(opts: MessagesOptions = {}): MessageView[] {
    return chatMessages(this.chatRecord)
      .filter((m) => (opts.includeUser || m.fromBot) && (opts.includeDeleted || !m.deleted))
      .map((m) => viewOf(this.state, m));
  }

  /** Everything in the chat: the users' messages and the bot's, deleted ones included. */
  history(): MessageView[] {
    return this.messages({ includeDeleted: true, includeUser: true });
  }

  /** The bot's newest (highest id) message that is not deleted. */
  lastMessage(): MessageView | undefined {
    return this.messages().at(-1);
  }

  /** The bot message changed (sent or edited) most recently. */
  lastChanged(): MessageView | undefined {
    return this.messages()
      .sort((a, b) => a.seq - b.seq)
      .at(-1);
  }

  message(ref: MessageRef): MessageView | undefined {
    const msg = this.chatRecord.messages.get(refId(ref));
    return msg ? viewOf(this.state, msg) : undefined;
  }

  /** Bot messages sent or changed after `mark`. */
  messagesSince(mark: number, opts: MessagesOptions = {}): MessageView[] {
    return this.messages({ includeDeleted: true, ...opts }).filter(
      (m) => m.seq > mark && (opts.includeDeleted || !m.deleted),
    );
  }

  /** Chat actions (typing, upload_document...) the bot sent here. */
  chatActions(): Array<{ action: string; at: number }> {
    return [...this.chatRecord.chatActions];
  }

  dump(): string {
    return dumpChat(this.state, this.chatRecord);
  }

  /**
   * Resolves with the first message (current state) satisfying `predicate` among those sent or
   * edited after `since` (default: any time). Rejects after `timeoutMs` with a dump of the chat.
   */
  waitForMessage(
    predicate: MessagePredicate = () => true,
    opts: WaitMessageOptions = {},
  ): Promise<MessageView> {
    const since = opts.since ?? 0;
    const chat = this.chatRecord;
    const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT;
    return waitForEvent(
      (fn) => chat.changed.subscribe(fn),
      () =>
        chatMessages(chat)
          .filter((m) => m.seq > since && !m.deleted && (opts.includeUser || m.fromBot))
          .sort((a, b) => a.seq - b.seq)
          .map((m) => viewOf(this.state, m))
          .find(predicate),
      {
        timeoutMs,
        onTimeout: () =>
          new WaitTimeoutError(
            `waitForMessage timed out after ${timeoutMs} ms in chat ${chat.id}` +
              ` (since mark ${since}; predicate: ${opts.description ?? describeFn(predicate)})\n${dumpChat(this.state, chat)}`,
          ),
      },
    );
  }

  /** Like waitForMessage, only for messages sent or edited after this call. */
  waitForNewMessage(
    predicate: MessagePredicate = () => true,
    opts: Omit<WaitMessageOptions, "since"> = {},
  ): Promise<MessageView> {
    return this.waitForMessage(predicate, { ...opts, since: this.mark() });
  }
}

export function refId(ref: MessageRef): number {
  return typeof ref === "number" ? ref : ref.message_id;
}

export function describeFn(fn: (...args: never[]) => unknown): string {
  return fn.toString().replace(/\s+/g, " ").slice(0, 200);
}

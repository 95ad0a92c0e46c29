/**
 * A Telegram user as a test drives it: sends texts, commands, media and button taps to the bot (as
 * updates in the queue), and reads back the private chat with the bot.
 */
import { WaitTimeoutError, waitForEvent } from "../../support/wait.js";
import { detectEntities } from "./formatting.js";
import { mediaJson } from "./methods.js";
import {
  type CallbackAnswer,
  type ChatRecord,
  Signal,
  type State,
  type StoredMessage,
  type UserRecord,
} from "./state.js";
import type { Entity, JsonObject, TgUser } from "./types.js";
import { chatMessages, dumpChat, type MessageView, viewOf } from "./views.js";

export interface UserInit {
  first_name: string;
  last_name?: string;
  username?: string;
  language_code?: string;
  is_premium?: boolean;
  /**
   * Has the user already opened the chat with the bot? Default false: until the user sends
   * something, the bot gets 403 "Forbidden: bot can't initiate conversation with a user".
   */
  started?: boolean;
}

export interface IncomingMessage {
  /** undefined when allowed_updates filtered the update out (Telegram never stores it). */
  update_id: number | undefined;
  message_id: number;
  /** The Message object inside the update. */
  message: JsonObject;
}

export interface WaitMessageOptions {
  timeoutMs?: number;
  /** Only messages sent or changed after this mark (see mark()). */
  since?: number;
  /** Include the user's own messages (default: only the bot's). */
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

const DEFAULT_TIMEOUT = 5000;

interface IncomingContent {
  kind: string;
  text?: string;
  entities?: Entity[];
  caption?: string;
  mediaField?: string;
  media?: JsonObject | JsonObject[];
  extra?: JsonObject;
}

export class FakeUser {
  /** Mark taken at the last send/tap: waitForReply() looks for bot activity after it. */
  private lastActionMark = 0;

  constructor(
    private readonly state: State,
    readonly id: number,
  ) {}

  private get record(): UserRecord {
    const r = this.state.users.get(this.id);
    if (!r) throw new Error(`fake Telegram: unknown user ${this.id}`);
    return r;
  }

  private get chatRecord(): ChatRecord {
    const c = this.state.chat(this.id);
    if (!c) throw new Error(`fake Telegram: no chat for user ${this.id}`);
    return c;
  }

  /** The User object Telegram sends for this user. */
  get user(): TgUser {
    return { ...this.record.user };
  }

  get chatId(): number {
    return this.id;
  }

  get isBlocked(): boolean {
    return this.record.blocked;
  }

  // ---------------------------------------------------------- incoming (user → bot)

  private beforeSend(): void {
    const r = this.record;
    if (r.deactivated)
      throw new Error(`fake Telegram: user ${this.id} is deactivated and cannot send messages`);
    // Writing to a bot you blocked means pressing "Restart" first, which unblocks it.
    if (r.blocked) this.setBlocked(false, true);
    r.started = true;
    this.lastActionMark = this.state.currentSeq();
  }

  private push(content: IncomingContent, opts: { replyTo?: MessageRef } = {}): IncomingMessage {
    this.beforeSend();
    const chat = this.chatRecord;
    const stored = this.state.addMessage(chat, {
      fromBot: false,
      from: this.record.user,
      date: this.state.clock.unix(),
      kind: content.kind,
      text: content.text,
      entities: content.entities,
      caption: content.caption,
      mediaField: content.mediaField,
      media: content.media,
      replyToMessageId: opts.replyTo === undefined ? undefined : refId(opts.replyTo),
      extra: content.extra ?? {},
    });
    const message = this.state.messageJson(stored);
    const update_id = this.state.updates.push({ message });
    this.lastActionMark = this.state.currentSeq();
    return { update_id, message_id: stored.message_id, message };
  }

  /** A text message; commands, mentions, URLs... get their entities as Telegram would detect them. */
  send(text: string, opts: { entities?: Entity[]; replyTo?: MessageRef } = {}): IncomingMessage {
    const entities = opts.entities ?? detectEntities(text);
    return this.push(entities.length ? { kind: "text", text, entities } : { kind: "text", text }, opts);
  }

  /** `/name args`, or `/name@BotUsername args` with `{ mention: true }`. */
  command(name: string, args = "", opts: { mention?: boolean } = {}): IncomingMessage {
    const cmd = `/${name.replace(/^\//, "")}${opts.mention ? `@${this.state.bot.username ?? ""}` : ""}`;
    return this.send(args ? `${cmd} ${args}` : cmd);
  }

  /** `/start` (with a deep-link payload if given). */
  start(payload?: string): IncomingMessage {
    return this.command("start", payload ?? "");
  }

  sendSticker(opts: { emoji?: string; set_name?: string } = {}): IncomingMessage {
    const file = this.state.storeFile("sticker", { size: 24_000 });
    const extra: JsonObject = { emoji: opts.emoji ?? "👍" };
    if (opts.set_name) extra.set_name = opts.set_name;
    return this.push({ kind: "sticker", mediaField: "sticker", media: mediaJson("sticker", file, extra) });
  }

  sendPhoto(opts: { caption?: string } = {}): IncomingMessage {
    const file = this.state.storeFile("photo", {
      bytes: Buffer.from("\xff\xd8\xff fake jpeg", "latin1"),
      size: 52_000,
    });
    return this.push({
      kind: "photo",
      mediaField: "photo",
      media: mediaJson("photo", file),
      caption: opts.caption,
    });
  }

  sendVoice(opts: { duration?: number } = {}): IncomingMessage {
    const file = this.state.storeFile("voice", {
      bytes: Buffer.from("OggS fake voice"),
      mime_type: "audio/ogg",
      size: 9_000,
    });
    return this.push({
      kind: "voice",
      mediaField: "voice",
      media: mediaJson("voice", file, { duration: opts.duration ?? 3 }),
    });
  }

  sendVideo(opts: { caption?: string } = {}): IncomingMessage {
    const file = this.state.storeFile("video", { size: 1_200_000 });
    return this.push({
      kind: "video",
      mediaField: "video",
      media: mediaJson("video", file),
      caption: opts.caption,
    });
  }

  sendDocument(doc: {
    file_name: string;
    content: string | Buffer;
    mime_type?: string;
    caption?: string;
  }): IncomingMessage {
    const bytes = typeof doc.content === "string" ? Buffer.from(doc.content) : doc.content;
    const file = this.state.storeFile("document", {
      bytes,
      file_name: doc.file_name,
      mime_type: doc.mime_type ?? "application/octet-stream",
    });
    return this.push({
      kind: "document",
      mediaField: "document",
      media: mediaJson("document", file),
      caption: doc.caption,
    });
  }

  sendContact(
    contact: { phone_number?: string; first_name?: string; last_name?: string; own?: boolean } = {},
  ): IncomingMessage {
    const c: JsonObject = {
      phone_number: contact.phone_number ?? "+79990001122",
      first_name: contact.first_name ?? this.record.user.first_name,
    };
    if (contact.last_name) c.last_name = contact.last_name;
    if (contact.own !== false) c.user_id = this.id;
    return this.push({ kind: "contact", extra: { contact: c } });
  }

  sendLocation(latitude = 55.7558, longitude = 37.6173): IncomingMessage {
    return this.push({ kind: "location", extra: { location: { latitude, longitude } } });
  }

  /** Any other message content (fields merged into the Message), e.g. `{ dice: {emoji:"🎲", value: 3} }`. */
  sendRaw(fields: JsonObject, kind = "other"): IncomingMessage {
    return this.push({ kind, extra: fields });
  }

  /** The user edits one of their messages: an `edited_message` update. */
  editMessage(ref: MessageRef, text: string): number | undefined {
    const chat = this.chatRecord;
    const msg = chat.messages.get(refId(ref));
    if (!msg || msg.fromBot)
      throw new Error(`fake Telegram: user message #${refId(ref)} not found in chat ${this.id}`);
    msg.history.push({ at: this.state.clock.now(), text: msg.text ?? "", entities: msg.entities ?? [] });
    msg.text = text;
    const entities = detectEntities(text);
    msg.entities = entities;
    msg.edit_date = this.state.clock.unix();
    this.state.touch(chat, msg);
    this.lastActionMark = this.state.currentSeq();
    return this.state.updates.push({ edited_message: this.state.messageJson(msg) });
  }

  /**
   * Taps an inline button with `callbackData` on one of the bot's messages; the update carries that
   * message as it is now. Returns the callback query id. Throws (with a dump of the chat) when the
   * message has no such button, unless `force` (forged data / stale message tests).
   */
  tap(ref: MessageRef, callbackData: string, opts: { force?: boolean } = {}): string {
    const chat = this.chatRecord;
    const id = refId(ref);
    const msg = chat.messages.get(id);
    if (!opts.force) {
      if (!msg || msg.deleted || !msg.fromBot) {
        throw new Error(`tap: no bot message #${id} in chat ${this.id}\n${dumpChat(this.state, chat)}`);
      }
      const has = viewOf(this.state, msg).buttons.some((b) => b.callback_data === callbackData);
      if (!has) {
        throw new Error(
          `tap: message #${id} has no button with callback_data ${JSON.stringify(callbackData)}\n${dumpChat(this.state, chat)}`,
        );
      }
    }
    return this.pushCallback(chat, id, msg, callbackData);
  }

  /**
   * Taps the button whose label equals `label` (or matches it). Without a message, the newest bot
   * message that has such a button is used.
   */
  tapButton(label: string | RegExp, ref?: MessageRef): string {
    const chat = this.chatRecord;
    const matches = (text: string) => (typeof label === "string" ? text === label : label.test(text));
    const candidates =
      ref === undefined
        ? this.messages().reverse()
        : this.messages().filter((m) => m.message_id === refId(ref));
    for (const m of candidates) {
      const button = m.buttons.find((b) => matches(b.text) && b.callback_data !== undefined);
      if (button?.callback_data !== undefined) return this.tap(m.message_id, button.callback_data);
    }
    throw new Error(
      `tapButton: no button labelled ${String(label)}${ref === undefined ? "" : ` on #${refId(ref)}`}\n${dumpChat(this.state, chat)}`,
    );
  }

  private pushCallback(
    chat: ChatRecord,
    messageId: number,
    msg: StoredMessage | undefined,
    data: string,
  ): string {
    this.beforeSend();
    const id = this.state.newCallbackQueryId(this.id);
    const message =
      msg && !msg.deleted
        ? this.state.messageJson(msg)
        : { chat: this.state.chatJson(chat.id), message_id: messageId, date: 0 };
    this.state.callbackQueries.set(id, {
      id,
      userId: this.id,
      chatId: chat.id,
      messageId,
      data,
      createdAt: this.state.clock.now(),
      answered: new Signal(),
    });
    this.state.updates.push({
      callback_query: {
        id,
        from: { ...this.record.user } as JsonObject,
        message,
        chat_instance: chatInstance(chat.id),
        data,
      },
    });
    this.lastActionMark = this.state.currentSeq();
    return id;
  }

  /** The user blocks the bot (my_chat_member update unless notify is false). */
  block(opts: { notify?: boolean } = {}): void {
    this.setBlocked(true, opts.notify ?? true);
  }

  unblock(opts: { notify?: boolean } = {}): void {
    this.setBlocked(false, opts.notify ?? true);
  }

  /** The account is deleted: sends get 403 "Forbidden: user is deactivated". */
  deactivate(): void {
    this.record.deactivated = true;
  }

  /** @internal */
  setBlocked(blocked: boolean, notify: boolean): void {
    const r = this.record;
    if (r.blocked === blocked) return;
    r.blocked = blocked;
    if (!notify) return;
    const bot = {
      id: this.state.bot.id,
      is_bot: true,
      first_name: this.state.bot.first_name,
      username: this.state.bot.username ?? "",
    };
    const member = { user: bot, status: "member" };
    const kicked = { user: bot, status: "kicked", until_date: 0 };
    this.state.updates.push({
      my_chat_member: {
        chat: this.state.chatJson(this.id),
        from: { ...r.user } as JsonObject,
        date: this.state.clock.unix(),
        old_chat_member: blocked ? member : kicked,
        new_chat_member: blocked ? kicked : member,
      },
    });
  }

  // ---------------------------------------------------------- reading the chat

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

  /** Everything in the chat: the user's messages and the bot's, deleted ones included. */
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
            `waitForMessage timed out after ${timeoutMs} ms in chat ${this.id}` +
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

  /** Like waitForMessage, for bot messages sent or edited after this user's last send/tap. */
  waitForReply(
    predicate: MessagePredicate = () => true,
    opts: Omit<WaitMessageOptions, "since"> = {},
  ): Promise<MessageView> {
    return this.waitForMessage(predicate, { ...opts, since: this.lastActionMark });
  }

  /** How the bot answered a callback query (undefined while unanswered). */
  callbackAnswer(queryId: string): CallbackAnswer | undefined {
    const a = this.state.callbackQueries.get(queryId)?.answer;
    return a ? { ...a } : undefined;
  }

  waitForCallbackAnswer(queryId: string, opts: { timeoutMs?: number } = {}): Promise<CallbackAnswer> {
    const q = this.state.callbackQueries.get(queryId);
    if (!q) return Promise.reject(new Error(`waitForCallbackAnswer: unknown callback query ${queryId}`));
    const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT;
    return waitForEvent(
      (fn) => q.answered.subscribe(fn),
      () => (q.answer ? { ...q.answer } : undefined),
      {
        timeoutMs,
        onTimeout: () =>
          new WaitTimeoutError(
            `waitForCallbackAnswer timed out after ${timeoutMs} ms: query ${queryId} (data ${JSON.stringify(q.data)} on #${q.messageId}) was never answered` +
              ` — the user's button keeps spinning\n${dumpChat(this.state, this.chatRecord)}`,
          ),
      },
    );
  }
}

export function refId(ref: MessageRef): number {
  return typeof ref === "number" ? ref : ref.message_id;
}

export function chatInstance(chatId: number): string {
  return (BigInt(chatId) * 7919n + 4_611_686_018_427_387_904n).toString();
}

function describeFn(fn: (...args: never[]) => unknown): string {
  return fn.toString().replace(/\s+/g, " ").slice(0, 200);
}

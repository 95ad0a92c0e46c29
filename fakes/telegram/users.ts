/**
 * A Telegram user as a test drives it: sends texts, commands, media and button taps to the bot (as
 * updates in the queue), and reads back the chat — the private chat with the bot, or a group through
 * `user.in(group)` — with the methods of ChatHandle.
 */

import { WaitTimeoutError, waitForEvent } from "../support/wait.js";
import {
  ChatHandle,
  DEFAULT_TIMEOUT,
  type MessagePredicate,
  type MessageRef,
  refId,
  type WaitMessageOptions,
} from "./chat-handle.js";
import { detectEntities } from "./formatting.js";
import { changeBotMembership } from "./groups.js";
import { mediaJson } from "./methods.js";
import { botMemberJson, botSeesGroupMessage } from "./privacy.js";
import {
  type CallbackAnswer,
  type ChatRecord,
  Signal,
  type State,
  type StoredMessage,
  type UserRecord,
} from "./state.js";
import type { Entity, JsonObject, TgUser } from "./types.js";
import { dumpChat, type MessageView, viewOf } from "./views.js";

export type { MessagePredicate, MessageRef, MessagesOptions, WaitMessageOptions } from "./chat-handle.js";

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
  /**
   * undefined when the bot never gets it: allowed_updates filtered the update out, or privacy mode
   * kept a group message from the bot (FakeTelegram.withheldByPrivacy()).
   */
  update_id: number | undefined;
  message_id: number;
  /** The Message object inside the update. */
  message: JsonObject;
}

interface IncomingContent {
  kind: string;
  text?: string;
  entities?: Entity[];
  caption?: string;
  mediaField?: string;
  media?: JsonObject | JsonObject[];
  extra?: JsonObject;
  /** Service messages (new_chat_members, ...) reach the bot even in privacy mode. */
  service?: boolean;
}

/** A chat a FakeUser can act in: a group handle or a chat id. */
export type ChatTarget = number | { chatId: number };

export class FakeUser extends ChatHandle {
  /** Mark taken at the last send/tap: waitForReply() looks for bot activity after it. */
  private lastActionMark = 0;
  private readonly inChats = new Map<number, FakeUser>();

  constructor(
    state: State,
    readonly id: number,
    chatId: number = id,
  ) {
    super(state, chatId);
  }

  private get record(): UserRecord {
    const r = this.state.users.get(this.id);
    if (!r) throw new Error(`fake Telegram: unknown user ${this.id}`);
    return r;
  }

  /** The User object Telegram sends for this user. */
  get user(): TgUser {
    return { ...this.record.user };
  }

  get isBlocked(): boolean {
    return this.record.blocked;
  }

  /** Is this handle acting in a group (see in()) rather than in the private chat with the bot? */
  get inGroup(): boolean {
    return this.chatId !== this.id;
  }

  /**
   * The same user acting in a group (or back in the private chat with `in(user.id)`): send(),
   * command(), tap(), waitForReply()... then happen there. The user must be a member of the group.
   */
  in(target: ChatTarget): FakeUser {
    const chatId = typeof target === "number" ? target : target.chatId;
    if (chatId === this.id) return this.privateHandle();
    if (!this.state.chat(chatId)) throw new Error(`fake Telegram: no chat ${chatId}`);
    let handle = this.inChats.get(chatId);
    if (!handle) {
      handle = new FakeUser(this.state, this.id, chatId);
      handle.privateHandle = this.privateHandle;
      this.inChats.set(chatId, handle);
    }
    return handle;
  }

  /** @internal set by FakeTelegram so that in(user.id) returns the original handle. */
  privateHandle: () => FakeUser = () => this;

  // ---------------------------------------------------------- incoming (user → bot)

  private beforeSend(): void {
    const r = this.record;
    if (r.deactivated)
      throw new Error(`fake Telegram: user ${this.id} is deactivated and cannot send messages`);
    const chat = this.chatRecord;
    if (chat.type === "private") {
      // Writing to a bot you blocked means pressing "Restart" first, which unblocks it.
      if (r.blocked) this.setBlocked(false, true);
      r.started = true;
    } else if (!chat.members.has(this.id)) {
      throw new Error(
        `fake Telegram: user ${this.id} is not a member of ${chat.type} ${chat.id}; add them with group.join(user) or members: [...]`,
      );
    }
    this.lastActionMark = this.state.currentSeq();
  }

  /** Queues the update unless the bot can't see this group message (privacy mode, not a member). */
  private deliver(
    chat: ChatRecord,
    stored: StoredMessage,
    update: JsonObject,
    service: boolean,
  ): number | undefined {
    if (chat.type !== "private" && !botSeesGroupMessage(this.state, chat, stored, service)) {
      this.state.withheldByPrivacy.push(update);
      return undefined;
    }
    return this.state.updates.push(update);
  }

  /** @internal */
  push(content: IncomingContent, opts: { replyTo?: MessageRef } = {}): IncomingMessage {
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
    const update_id = this.deliver(chat, stored, { message }, content.service === true);
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

  /**
   * The user opens a link to the bot (`https://t.me/<bot>?start=<payload>`, `t.me/...`,
   * `tg://resolve?domain=<bot>&start=...`), as core.telegram.org/bots/features#deep-linking says:
   * - `start=<payload>` → the bot receives `/start <payload>` in the private chat (`/start` when the
   *   payload is empty);
   * - `startgroup=<payload>` → the user picks a group (`opts.group`, one they are in), the bot is
   *   added to it if it is not there (my_chat_member + new_chat_members) and receives
   *   `/start@<bot> <payload>` there;
   * - a payload that is not 0-64 characters of A-Z a-z 0-9 _ - is ignored by the app (tdlib
   *   LinkManager: is_valid_start_parameter): the chat just opens, nothing is sent (returns undefined).
   * A link to another bot throws (a test bug).
   */
  openDeepLink(link: string, opts: { group?: ChatTarget } = {}): IncomingMessage | undefined {
    const parsed = parseBotLink(link);
    const me = this.state.bot.username ?? "";
    if (!parsed || parsed.username.toLowerCase() !== me.toLowerCase()) {
      throw new Error(`openDeepLink: ${JSON.stringify(link)} is not a link to @${me}`);
    }
    const owner = this.privateHandle();
    for (const [key, value] of parsed.args) {
      if (!isValidStartParameter(value)) continue;
      if (key === "start") return owner.start(value);
      if (key === "startgroup") {
        if (opts.group === undefined) {
          throw new Error("openDeepLink: a startgroup link needs { group } — the group the user picks");
        }
        const inGroup = owner.in(opts.group);
        const chat = inGroup.chatRecord;
        if (chat.type === "private")
          throw new Error("openDeepLink: startgroup needs a group, not a private chat");
        if (chat.botStatus === "left" || chat.botStatus === "kicked") {
          changeBotMembership(this.state, chat, "member", inGroup);
        }
        return inGroup.command("start", value, { mention: true });
      }
    }
    return undefined;
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
      throw new Error(`fake Telegram: user message #${refId(ref)} not found in chat ${this.chatId}`);
    msg.history.push({ at: this.state.clock.now(), text: msg.text ?? "", entities: msg.entities ?? [] });
    msg.text = text;
    const entities = detectEntities(text);
    msg.entities = entities;
    msg.edit_date = this.state.clock.unix();
    this.state.touch(chat, msg);
    this.lastActionMark = this.state.currentSeq();
    return this.deliver(chat, msg, { edited_message: this.state.messageJson(msg) }, false);
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
        throw new Error(`tap: no bot message #${id} in chat ${this.chatId}\n${dumpChat(this.state, chat)}`);
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
    const member = botMemberJson(this.state, "member");
    const kicked = botMemberJson(this.state, "kicked");
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

  // ---------------------------------------------------------- reading (see ChatHandle for the rest)

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
              ` — the user's button keeps spinning\n${dumpChat(this.state, this.state.chat(q.chatId) ?? this.chatRecord)}`,
          ),
      },
    );
  }
}

export function chatInstance(chatId: number): string {
  return (BigInt(chatId) * 7919n + 4_611_686_018_427_387_904n).toString();
}

/** Deep-link start parameters: tdlib LinkManager is_valid_start_parameter (size <= 64, base64url characters). */
export function isValidStartParameter(value: string): boolean {
  return value.length <= 64 && /^[A-Za-z0-9_-]*$/.test(value);
}

/** t.me / telegram.me / tg://resolve links to a username, with their query arguments in order. */
export function parseBotLink(link: string): { username: string; args: Array<[string, string]> } | undefined {
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:/i.test(link) ? link : `https://${link}`);
  } catch {
    return undefined;
  }
  const args = [...url.searchParams.entries()] as Array<[string, string]>;
  if (url.protocol === "tg:") {
    if (url.hostname !== "resolve" && !url.href.startsWith("tg://resolve")) return undefined;
    const domain = url.searchParams.get("domain");
    return domain ? { username: domain, args: args.filter(([k]) => k !== "domain") } : undefined;
  }
  if (!/^(www\.)?(t\.me|telegram\.me|telegram\.dog)$/i.test(url.hostname)) return undefined;
  const username = url.pathname.split("/").filter(Boolean)[0];
  return username ? { username, args } : undefined;
}

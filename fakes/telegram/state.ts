/**
 * Everything the fake Telegram remembers: users and their private chats, every message (bot's and
 * users'), files, callback queries, commands, the API call log, injected faults and delays.
 */
import { randomBytes } from "node:crypto";
import type { Fault, ResponseParameters } from "./errors.js";
import type { FloodControl } from "./flood.js";
import type { Entity, InlineKeyboard, JsonObject, TgUser } from "./types.js";
import type { UpdateQueue } from "./updates.js";
import type { ReplyMarkup } from "./validate.js";

// ------------------------------------------------------------ clock

export class Clock {
  private offsetMs = 0;
  constructor(private readonly base: () => number = Date.now) {}
  /** Milliseconds since the epoch, as the fake sees it. */
  now(): number {
    return this.base() + this.offsetMs;
  }
  /** Unix seconds (Message.date). */
  unix(): number {
    return Math.floor(this.now() / 1000);
  }
  advance(ms: number): void {
    this.offsetMs += ms;
  }
}

// ------------------------------------------------------------ change notification

export class Signal {
  private readonly listeners = new Set<() => void>();
  subscribe(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }
  emit(): void {
    for (const fn of [...this.listeners]) fn();
  }
}

// ------------------------------------------------------------ records

export interface StoredFile {
  file_id: string;
  file_unique_id: string;
  file_name?: string;
  mime_type?: string;
  file_size: number;
  bytes?: Buffer;
  /** For files "sent by URL": the URL (the fake never downloads). */
  url?: string;
  file_path: string;
}

export interface MessageVersion {
  at: number;
  text?: string;
  entities?: Entity[];
  caption?: string;
  caption_entities?: Entity[];
  reply_markup?: InlineKeyboard;
}

export interface StoredMessage {
  message_id: number;
  chatId: number;
  fromBot: boolean;
  from: TgUser;
  /** Unix seconds (can be moved back with ageMessage). */
  date: number;
  kind: string;
  text?: string;
  entities?: Entity[];
  caption?: string;
  caption_entities?: Entity[];
  /** Media field name (document, photo, sticker, ...) and its JSON value. */
  mediaField?: string;
  media?: JsonObject | JsonObject[];
  file?: StoredFile;
  /** Whatever the bot attached; only inline keyboards appear in Message.reply_markup. */
  replyMarkup?: ReplyMarkup;
  replyToMessageId?: number;
  edit_date?: number;
  /** Earlier versions, oldest first (each edit pushes the version it replaced). */
  history: MessageVersion[];
  deleted: boolean;
  /** Sequence number of the last change (send, edit, delete) — see FakeTelegram.mark(). */
  seq: number;
  /** Other Message fields (user messages: contact, location, ...; bot: link_preview_options...). */
  extra: JsonObject;
}

export interface UserRecord {
  user: TgUser;
  started: boolean;
  blocked: boolean;
  deactivated: boolean;
}

/** "private" chats are one per user; groups are created by tests (FakeTelegram.group). */
export type ChatType = "private" | "group" | "supergroup";

/** The bot's own membership in a group (ChatMember.status as the Bot API names it). */
export type BotMemberStatus = "member" | "administrator" | "left" | "kicked";

export interface ChatRecord {
  id: number;
  type: ChatType;
  /** Private chats: the user on the other side. */
  userId?: number;
  /** Groups and supergroups. */
  title?: string;
  /** Public supergroups only (chat_id "@username" then works, and Client.cpp relaxes read checks). */
  username?: string;
  /** Groups: ids of the users in it. */
  members: Set<number>;
  /** Groups: the bot's status. Private chats: always "member". */
  botStatus: BotMemberStatus;
  /** Groups: privacy mode as it was when the bot was added (core.telegram.org/bots/features#privacy-mode). */
  privacyMode: boolean;
  /** Groups: id of the last bot that sent a message (privacy mode lets general commands through then). */
  lastBotSender?: number;
  messages: Map<number, StoredMessage>;
  nextMessageId: number;
  chatActions: Array<{ action: string; at: number }>;
  changed: Signal;
}

export interface CallbackAnswer {
  text?: string;
  show_alert: boolean;
  url?: string;
  cache_time?: number;
  at: number;
}

export interface StoredCallbackQuery {
  id: string;
  userId: number;
  chatId: number;
  messageId: number;
  data: string;
  createdAt: number;
  answer?: CallbackAnswer;
  answered: Signal;
}

export interface CallRecord {
  seq: number;
  method: string;
  /** As received, after JSON/multipart decoding (uploaded files shown as {file_name, size}). */
  params: Record<string, unknown>;
  at: number;
  durationMs?: number;
  /** The JSON reply (for raw HTTP faults: {ok:false, error_code: status, description: body}). */
  response?:
    | { ok: true; result: unknown }
    | { ok: false; error_code: number; description: string; parameters?: ResponseParameters };
  httpStatus?: number;
  injected?: boolean;
  warnings: string[];
  /** Chat the call was about, when it names one. */
  chatId?: number;
}

export interface FaultRule {
  method: string;
  fault: Fault;
  remaining: number;
  predicate?: (params: Record<string, unknown>) => boolean;
}

export interface DelayRule {
  method: string;
  ms: number;
  remaining: number;
}

export interface StateOptions {
  bot: TgUser;
  clock: Clock;
  updates: UpdateQueue;
  flood?: FloodControl;
  callbackQueryTtlMs: number;
  editWindowHours: number;
  /** Bot-wide privacy mode for groups (@BotFather /setprivacy); getMe reports its inverse. */
  groupPrivacy: boolean;
}

const b64 = (n: number) => randomBytes(n).toString("base64url");

export class State {
  readonly bot: TgUser;
  readonly clock: Clock;
  readonly updates: UpdateQueue;
  readonly flood: FloodControl | undefined;
  callbackQueryTtlMs: number;
  readonly editWindowHours: number;
  readonly groupPrivacy: boolean;

  readonly users = new Map<number, UserRecord>();
  readonly chats = new Map<number, ChatRecord>();
  readonly files = new Map<string, StoredFile>();
  readonly callbackQueries = new Map<string, StoredCallbackQuery>();
  readonly commands = new Map<string, JsonObject[]>();
  readonly menuButtons = new Map<string, JsonObject>();
  readonly botTexts = new Map<string, string>();
  readonly calls: CallRecord[] = [];
  readonly callsChanged = new Signal();
  readonly faults: FaultRule[] = [];
  readonly delays: DelayRule[] = [];
  /** Group messages that privacy mode kept from the bot (never queued as updates). */
  readonly withheldByPrivacy: JsonObject[] = [];
  loggedOut = false;

  private seqCounter = 0;
  private callSeq = 0;
  private fileCounter = 0;
  private queryCounter = 0;

  constructor(opts: StateOptions) {
    this.bot = opts.bot;
    this.clock = opts.clock;
    this.updates = opts.updates;
    this.flood = opts.flood;
    this.callbackQueryTtlMs = opts.callbackQueryTtlMs;
    this.editWindowHours = opts.editWindowHours;
    this.groupPrivacy = opts.groupPrivacy;
  }

  nextSeq(): number {
    return ++this.seqCounter;
  }

  currentSeq(): number {
    return this.seqCounter;
  }

  nextCallSeq(): number {
    return ++this.callSeq;
  }

  // ---------------------------------------------------------- users & chats

  addUser(user: TgUser, started: boolean): UserRecord {
    const existing = this.users.get(user.id);
    if (existing) {
      existing.user = user;
      if (started) existing.started = true;
      return existing;
    }
    const record: UserRecord = { user, started, blocked: false, deactivated: false };
    this.users.set(user.id, record);
    this.chats.set(user.id, {
      id: user.id,
      type: "private",
      userId: user.id,
      members: new Set([user.id]),
      botStatus: "member",
      privacyMode: false,
      messages: new Map(),
      nextMessageId: 1,
      chatActions: [],
      changed: new Signal(),
    });
    return record;
  }

  addGroup(g: {
    id: number;
    type: "group" | "supergroup";
    title: string;
    username?: string;
    members: number[];
    botStatus: BotMemberStatus;
  }): ChatRecord {
    if (this.chats.has(g.id)) throw new Error(`fake Telegram: chat ${g.id} already exists`);
    const chat: ChatRecord = {
      id: g.id,
      type: g.type,
      title: g.title,
      members: new Set(g.members),
      botStatus: g.botStatus,
      privacyMode: this.groupPrivacy,
      messages: new Map(),
      nextMessageId: 1,
      chatActions: [],
      changed: new Signal(),
    };
    if (g.username !== undefined) chat.username = g.username;
    this.chats.set(g.id, chat);
    return chat;
  }

  /** A public supergroup by "@username" (case-insensitive), as chat_id may name it. */
  chatByUsername(name: string): ChatRecord | undefined {
    const wanted = name.replace(/^@/, "").toLowerCase();
    for (const c of this.chats.values()) if (c.username?.toLowerCase() === wanted) return c;
    return undefined;
  }

  chat(chatId: number): ChatRecord | undefined {
    return this.chats.get(chatId);
  }

  chatJson(chatId: number): JsonObject {
    const record = this.chats.get(chatId);
    if (record && record.type !== "private") {
      // Bot API Chat: title for groups; username for public supergroups.
      const group: JsonObject = { id: chatId, title: record.title ?? "", type: record.type };
      if (record.username) group.username = record.username;
      return group;
    }
    const user = this.users.get(chatId)?.user;
    const chat: JsonObject = { id: chatId, type: "private" };
    if (user) {
      chat.first_name = user.first_name;
      if (user.last_name) chat.last_name = user.last_name;
      if (user.username) chat.username = user.username;
    }
    return chat;
  }

  // ---------------------------------------------------------- messages

  addMessage(
    chat: ChatRecord,
    msg: Omit<StoredMessage, "message_id" | "seq" | "history" | "deleted" | "chatId">,
  ): StoredMessage {
    const stored: StoredMessage = {
      ...msg,
      message_id: chat.nextMessageId++,
      chatId: chat.id,
      history: [],
      deleted: false,
      seq: this.nextSeq(),
    };
    chat.messages.set(stored.message_id, stored);
    if (stored.fromBot && chat.type !== "private") chat.lastBotSender = stored.from.id;
    chat.changed.emit();
    return stored;
  }

  touch(chat: ChatRecord, msg: StoredMessage): void {
    msg.seq = this.nextSeq();
    chat.changed.emit();
  }

  /** Message as the Bot API returns it (reply_to_message one level deep). */
  messageJson(msg: StoredMessage, depth = 0): JsonObject {
    const out: JsonObject = {
      message_id: msg.message_id,
      from: { ...msg.from } as JsonObject,
      chat: this.chatJson(msg.chatId),
      date: msg.date,
    };
    if (msg.edit_date !== undefined) out.edit_date = msg.edit_date;
    if (msg.replyToMessageId !== undefined && depth === 0) {
      const replied = this.chats.get(msg.chatId)?.messages.get(msg.replyToMessageId);
      if (replied && !replied.deleted) out.reply_to_message = this.messageJson(replied, depth + 1);
    }
    if (msg.text !== undefined) {
      out.text = msg.text;
      if (msg.entities?.length) out.entities = msg.entities as unknown as JsonObject[];
    }
    if (msg.mediaField && msg.media) out[msg.mediaField] = msg.media;
    if (msg.caption !== undefined && msg.caption !== "") {
      out.caption = msg.caption;
      if (msg.caption_entities?.length)
        out.caption_entities = msg.caption_entities as unknown as JsonObject[];
    }
    Object.assign(out, msg.extra);
    const markup = inlineMarkupOf(msg);
    if (markup && depth === 0) out.reply_markup = markup as unknown as JsonObject;
    return out;
  }

  // ---------------------------------------------------------- files

  storeFile(
    kind: string,
    f: { bytes?: Buffer; file_name?: string; mime_type?: string; url?: string; size?: number },
  ): StoredFile {
    const n = ++this.fileCounter;
    const prefix = {
      document: "BQACAgIAAxkBAA",
      photo: "AgACAgIAAxkBAA",
      sticker: "CAACAgIAAxkBAA",
      voice: "AwACAgIAAxkBAA",
    }[kind];
    const file: StoredFile = {
      file_id: `${prefix ?? "BAACAgIAAxkBAA"}${b64(36)}`,
      file_unique_id: `AgAD${b64(9)}`,
      file_size: f.size ?? f.bytes?.length ?? 0,
      file_path: `${kind === "photo" ? "photos" : `${kind}s`}/file_${n}${extensionOf(f.file_name, kind)}`,
    };
    if (f.bytes) file.bytes = f.bytes;
    if (f.file_name !== undefined) file.file_name = f.file_name;
    if (f.mime_type !== undefined) file.mime_type = f.mime_type;
    if (f.url !== undefined) file.url = f.url;
    this.files.set(file.file_id, file);
    return file;
  }

  fileByPath(path: string): StoredFile | undefined {
    for (const f of this.files.values()) if (f.file_path === path) return f;
    return undefined;
  }

  // ---------------------------------------------------------- callback queries

  newCallbackQueryId(userId: number): string {
    // Telegram's ids are big decimal numbers encoded as strings.
    return (BigInt(userId) * 4096n + BigInt(++this.queryCounter) + 1_000_000_000_000_000n).toString();
  }

  // ---------------------------------------------------------- calls

  recordCall(call: CallRecord): void {
    this.calls.push(call);
    this.callsChanged.emit();
  }
}

export function inlineMarkupOf(msg: StoredMessage): InlineKeyboard | undefined {
  const m = msg.replyMarkup;
  return m && "inline_keyboard" in m ? (m as InlineKeyboard) : undefined;
}

function extensionOf(fileName: string | undefined, kind: string): string {
  const ext = fileName ? /\.[A-Za-z0-9]{1,8}$/.exec(fileName)?.[0] : undefined;
  if (ext) return ext;
  return (
    { photo: ".jpg", voice: ".oga", sticker: ".webp", video: ".mp4", audio: ".mp3", animation: ".mp4" }[
      kind
    ] ?? ""
  );
}

const MIME_BY_EXT: Record<string, string> = {
  ics: "text/calendar",
  txt: "text/plain",
  csv: "text/csv",
  json: "application/json",
  pdf: "application/pdf",
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  zip: "application/zip",
  html: "text/html",
  xml: "application/xml",
};

/** Telegram derives the MIME type from the file (name); uploads arrive as application/octet-stream. */
export function mimeTypeOf(fileName: string | undefined): string {
  const ext = fileName?.split(".").pop()?.toLowerCase();
  return (ext && MIME_BY_EXT[ext]) || "application/octet-stream";
}

/**
 * Bot API method handlers with state. Parameters arrive validated and normalised (validate.ts).
 * Error order follows telegram-bot-api: text/parse errors, then reply_markup, then chat, then message.
 */
import { badRequest, Descriptions, TelegramApiError } from "./errors.js";
import { formatText } from "./formatting.js";
import {
  type CallRecord,
  type ChatRecord,
  inlineMarkupOf,
  type MessageVersion,
  mimeTypeOf,
  type State,
  type StoredFile,
  type StoredMessage,
} from "./state.js";
import type { Entity, FormattedText, InlineKeyboard, JsonObject } from "./types.js";
import { codePointLength, isWellFormed } from "./unicode.js";
import type { InputFileRef, ReplyMarkup } from "./validate.js";

export interface CallContext {
  state: State;
  method: string;
  params: Record<string, unknown>;
  signal: AbortSignal;
  call: CallRecord;
}

/** A successful reply that also carries Telegram's `description` (deleteWebhook, setWebhook). */
export class Described {
  constructor(
    readonly result: unknown,
    readonly description: string,
  ) {}
}

type Handler = (ctx: CallContext) => unknown;

const MAX_TEXT = 4096;
const MAX_CAPTION = 1024;
const CHAT_ACTIONS = new Set([
  "typing",
  "upload_photo",
  "record_video",
  "upload_video",
  "record_voice",
  "upload_voice",
  "record_audio",
  "upload_audio",
  "upload_document",
  "choose_sticker",
  "find_location",
  "record_video_note",
  "upload_video_note",
]);

// ------------------------------------------------------------ helpers

/** Client.cpp AccessRights: Write (sending), Edit (editing, deleting), Read (getChat). */
type Access = "send" | "edit" | "read";

function resolveChat(ctx: CallContext, access: Access, field = "chat_id"): ChatRecord {
  const raw = ctx.params[field];
  if (raw === undefined) throw new TelegramApiError(400, Descriptions.chatIdEmpty);
  const id = typeof raw === "number" ? raw : Number.NaN;
  // "@username" finds public supergroups only (Client.cpp check_chat → searchPublicChat); a user's
  // username never resolves to a private chat.
  const chat =
    typeof raw === "string" && raw.startsWith("@")
      ? ctx.state.chatByUsername(raw)
      : Number.isSafeInteger(id)
        ? ctx.state.chat(id)
        : undefined;
  if (!chat) throw new TelegramApiError(400, Descriptions.chatNotFound);
  ctx.call.chatId = chat.id;
  if (chat.type !== "private") {
    groupAccess(chat, access);
    return chat;
  }
  const user = ctx.state.users.get(chat.userId ?? chat.id);
  if (!user) throw new TelegramApiError(400, Descriptions.chatNotFound);
  if (user.deactivated && access !== "read") throw new TelegramApiError(403, Descriptions.userDeactivated);
  if (access === "send") {
    if (user.blocked) throw new TelegramApiError(403, Descriptions.blocked);
    if (!user.started) throw new TelegramApiError(403, Descriptions.cantInitiate);
  }
  return chat;
}

/** Client.cpp check_chat_access for groups (basic) and supergroups. */
function groupAccess(chat: ChatRecord, access: Access | "members"): void {
  // ReadMembers (command scopes) in a basic group needs what writing needs.
  const needEdit = access === "send" || access === "edit" || (access === "members" && chat.type === "group");
  if (chat.type === "group") {
    if (chat.botStatus === "kicked" && needEdit)
      throw new TelegramApiError(403, Descriptions.botKickedFromGroup);
    if (chat.botStatus === "left" && needEdit)
      throw new TelegramApiError(403, Descriptions.botNotMemberOfGroup);
    return;
  }
  if (chat.botStatus === "kicked") throw new TelegramApiError(403, Descriptions.botKickedFromSupergroup);
  // A public supergroup can be read without being in it; a private one can't even be read.
  const isPublic = chat.username !== undefined;
  if (chat.botStatus === "left" && (isPublic ? needEdit : true)) {
    throw new TelegramApiError(403, Descriptions.botNotMemberOfSupergroup);
  }
}

function findMessage(chat: ChatRecord, id: unknown, notFound: string): StoredMessage {
  const msg = typeof id === "number" ? chat.messages.get(id) : undefined;
  if (!msg || msg.deleted) throw new TelegramApiError(400, notFound);
  return msg;
}

function ageHours(state: State, msg: StoredMessage): number {
  return (state.clock.unix() - msg.date) / 3600;
}

function consumeFlood(ctx: CallContext, chatId: number): void {
  ctx.state.flood?.consume(chatId);
}

function formatted(ctx: CallContext, textField: string, entitiesField: string): FormattedText {
  const raw = ctx.params[textField];
  const text = typeof raw === "string" ? raw : "";
  const mode = String(ctx.params.parse_mode ?? "").toLowerCase();
  // With a parse mode, Client.cpp runs tdlib's parseTextEntities first, which checks UTF-8 itself
  // (SynchronousRequests.cpp: "Text must be encoded in UTF-8").
  if (text !== "" && mode !== "" && mode !== "none" && !isWellFormed(text)) {
    throw new TelegramApiError(400, Descriptions.textNotUtf8);
  }
  return formatText(
    text,
    ctx.params.parse_mode as string | undefined,
    ctx.params[entitiesField] as Entity[] | undefined,
  );
}

/**
 * tdlib MessageEntity.cpp fix_formatted_text refuses a text or caption that is not UTF-8 ("Strings
 * must be encoded in UTF-8") when the message content is built, i.e. after the chat was checked.
 */
function checkUtf8(ft: FormattedText): void {
  if (!isWellFormed(ft.text)) throw new TelegramApiError(400, Descriptions.stringsNotUtf8);
}

/**
 * The 4096 limit on a bot's text counts code points: tdlib MessageContent.cpp compares
 * utf8_length(text) — code points, tdutils utf8.h — with message_text_length_max. The 1024 caption
 * limit is counted the same way here (not found in the sources; reports of the live API agree:
 * 1024 code points accepted, 1025 refused).
 */
const textLength = codePointLength;

function replyTarget(ctx: CallContext, chat: ChatRecord): number | undefined {
  const rp = ctx.params.reply_parameters as
    | { message_id?: number; allow_sending_without_reply?: boolean }
    | undefined;
  const legacy = ctx.params.reply_to_message_id;
  const id = rp?.message_id ?? (typeof legacy === "number" ? legacy : undefined);
  if (id === undefined) return undefined;
  const target = chat.messages.get(id);
  if (target && !target.deleted) return id;
  if (rp?.allow_sending_without_reply || ctx.params.allow_sending_without_reply === true) return undefined;
  throw new TelegramApiError(400, Descriptions.replyNotFound);
}

function botFrom(state: State) {
  const { id, is_bot, first_name, username } = state.bot;
  return username ? { id, is_bot, first_name, username } : { id, is_bot, first_name };
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

function extras(params: Record<string, unknown>): JsonObject {
  const out: JsonObject = {};
  if (params.link_preview_options !== undefined)
    out.link_preview_options = params.link_preview_options as JsonObject;
  if (params.protect_content === true) out.has_protected_content = true;
  return out;
}

// ------------------------------------------------------------ sending

const sendMessage: Handler = (ctx) => {
  const ft = formatted(ctx, "text", "entities");
  if (ft.text === "") throw new TelegramApiError(400, Descriptions.textEmpty);
  const chat = resolveChat(ctx, "send");
  const replyTo = replyTarget(ctx, chat);
  checkUtf8(ft);
  if (textLength(ft.text) > MAX_TEXT) throw new TelegramApiError(400, Descriptions.textTooLong);
  consumeFlood(ctx, chat.id);
  const msg = ctx.state.addMessage(chat, {
    fromBot: true,
    from: ctx.state.bot,
    date: ctx.state.clock.unix(),
    kind: "text",
    text: ft.text,
    entities: ft.entities,
    replyMarkup: ctx.params.reply_markup as ReplyMarkup | undefined,
    replyToMessageId: replyTo,
    extra: extras(ctx.params),
  });
  return ctx.state.messageJson(msg);
};

const MEDIA_DEFAULT_NAMES: Record<string, string> = {
  document: "document.dat",
  audio: "audio.mp3",
  animation: "animation.mp4",
};

function resolveFile(ctx: CallContext, kind: string, ref: InputFileRef): StoredFile {
  if (ref.kind === "upload") {
    const name = ref.file.filename || MEDIA_DEFAULT_NAMES[kind];
    return ctx.state.storeFile(kind, {
      bytes: ref.file.bytes,
      file_name: name,
      mime_type: mimeTypeOf(name),
    });
  }
  const known = ctx.state.files.get(ref.value);
  if (known) return known;
  if (/^https?:\/\/\S+$/i.test(ref.value)) {
    const name = decodeURIComponent(
      new URL(ref.value).pathname.split("/").pop() || MEDIA_DEFAULT_NAMES[kind] || "file",
    );
    return ctx.state.storeFile(kind, {
      url: ref.value,
      file_name: name,
      mime_type: mimeTypeOf(name),
      size: 0,
    });
  }
  throw badRequest("wrong file identifier/HTTP URL specified");
}

export function mediaJson(kind: string, file: StoredFile, extra: JsonObject = {}): JsonObject | JsonObject[] {
  const base = { file_id: file.file_id, file_unique_id: file.file_unique_id, file_size: file.file_size };
  switch (kind) {
    case "photo":
      return [
        { ...base, file_id: `${file.file_id}_s`, width: 90, height: 90 },
        { ...base, width: 320, height: 320 },
      ];
    case "document": {
      const doc: JsonObject = {
        file_name: file.file_name ?? "document.dat",
        mime_type: file.mime_type ?? "",
        ...base,
      };
      return doc;
    }
    case "sticker":
      return {
        ...base,
        type: "regular",
        width: 512,
        height: 512,
        is_animated: false,
        is_video: false,
        emoji: "🙂",
        ...extra,
      };
    case "voice":
      return { ...base, duration: 3, mime_type: "audio/ogg", ...extra };
    case "audio":
      return {
        ...base,
        duration: 30,
        mime_type: "audio/mpeg",
        file_name: file.file_name ?? "audio.mp3",
        ...extra,
      };
    case "video":
      return { ...base, width: 640, height: 360, duration: 5, mime_type: "video/mp4", ...extra };
    case "animation":
      return {
        ...base,
        width: 320,
        height: 240,
        duration: 2,
        mime_type: "video/mp4",
        file_name: file.file_name ?? "animation.mp4",
      };
    case "video_note":
      return { ...base, length: 240, duration: 5, ...extra };
    default:
      return { ...base, ...extra };
  }
}

function sendMedia(kind: string): Handler {
  return (ctx) => {
    const ref = ctx.params[kind] as InputFileRef;
    const caption =
      kind === "sticker" || kind === "video_note" ? undefined : formatted(ctx, "caption", "caption_entities");
    const chat = resolveChat(ctx, "send");
    const replyTo = replyTarget(ctx, chat);
    if (caption) checkUtf8(caption);
    if (caption && textLength(caption.text) > MAX_CAPTION)
      throw new TelegramApiError(400, Descriptions.captionTooLong);
    const file = resolveFile(ctx, kind, ref);
    consumeFlood(ctx, chat.id);
    const msg = ctx.state.addMessage(chat, {
      fromBot: true,
      from: ctx.state.bot,
      date: ctx.state.clock.unix(),
      kind,
      mediaField: kind,
      media: mediaJson(kind, file),
      file,
      caption: caption?.text,
      caption_entities: caption?.entities,
      replyMarkup: ctx.params.reply_markup as ReplyMarkup | undefined,
      replyToMessageId: replyTo,
      extra: extras(ctx.params),
    });
    return ctx.state.messageJson(msg);
  };
}

// ------------------------------------------------------------ editing

interface EditTarget {
  chat: ChatRecord;
  msg: StoredMessage;
}

function editTarget(ctx: CallContext): EditTarget {
  if (ctx.params.chat_id === undefined && ctx.params.message_id === undefined) {
    if (ctx.params.inline_message_id !== undefined) throw badRequest("MESSAGE_ID_INVALID");
    throw new TelegramApiError(400, Descriptions.messageIdNotSpecified);
  }
  const chat = resolveChat(ctx, "edit");
  const msg = findMessage(chat, ctx.params.message_id, Descriptions.messageToEditNotFound);
  if (!msg.fromBot || ageHours(ctx.state, msg) >= ctx.state.editWindowHours) {
    throw new TelegramApiError(400, Descriptions.messageCantBeEdited);
  }
  return { chat, msg };
}

function inlineOnly(markup: ReplyMarkup | undefined): InlineKeyboard | undefined {
  if (markup === undefined) return undefined;
  if (!("inline_keyboard" in markup)) throw badRequest("inline keyboard expected");
  return markup as InlineKeyboard;
}

function versionOf(msg: StoredMessage, at: number): MessageVersion {
  const v: MessageVersion = { at };
  if (msg.text !== undefined) {
    v.text = msg.text;
    v.entities = msg.entities ?? [];
  }
  if (msg.caption !== undefined) {
    v.caption = msg.caption;
    v.caption_entities = msg.caption_entities ?? [];
  }
  const markup = inlineMarkupOf(msg);
  if (markup) v.reply_markup = markup;
  return v;
}

function applyEdit(ctx: CallContext, t: EditTarget, change: (m: StoredMessage) => void): unknown {
  consumeFlood(ctx, t.chat.id);
  const at = ctx.state.clock.now();
  t.msg.history.push(
    versionOf(t.msg, t.msg.edit_date !== undefined ? t.msg.edit_date * 1000 : t.msg.date * 1000),
  );
  change(t.msg);
  t.msg.edit_date = Math.floor(at / 1000);
  ctx.state.touch(t.chat, t.msg);
  return ctx.state.messageJson(t.msg);
}

const editMessageText: Handler = (ctx) => {
  const ft = formatted(ctx, "text", "entities");
  if (ft.text === "") throw new TelegramApiError(400, Descriptions.textEmpty);
  const markup = inlineOnly(ctx.params.reply_markup as ReplyMarkup | undefined);
  const t = editTarget(ctx);
  if (t.msg.text === undefined) throw new TelegramApiError(400, Descriptions.noTextToEdit);
  checkUtf8(ft);
  if (textLength(ft.text) > MAX_TEXT) throw new TelegramApiError(400, Descriptions.textTooLong);
  if (
    ft.text === t.msg.text &&
    sameJson(ft.entities, t.msg.entities ?? []) &&
    sameJson(markup, inlineMarkupOf(t.msg))
  ) {
    throw new TelegramApiError(400, Descriptions.notModified);
  }
  return applyEdit(ctx, t, (m) => {
    m.text = ft.text;
    m.entities = ft.entities;
    m.replyMarkup = markup;
  });
};

const editMessageCaption: Handler = (ctx) => {
  const ft = formatted(ctx, "caption", "caption_entities");
  const markup = inlineOnly(ctx.params.reply_markup as ReplyMarkup | undefined);
  const t = editTarget(ctx);
  if (t.msg.mediaField === undefined) throw badRequest("there is no caption in the message to edit");
  checkUtf8(ft);
  if (textLength(ft.text) > MAX_CAPTION) throw new TelegramApiError(400, Descriptions.captionTooLong);
  if (
    ft.text === (t.msg.caption ?? "") &&
    sameJson(ft.entities, t.msg.caption_entities ?? []) &&
    sameJson(markup, inlineMarkupOf(t.msg))
  ) {
    throw new TelegramApiError(400, Descriptions.notModified);
  }
  return applyEdit(ctx, t, (m) => {
    m.caption = ft.text;
    m.caption_entities = ft.entities;
    m.replyMarkup = markup;
  });
};

const editMessageReplyMarkup: Handler = (ctx) => {
  const markup = inlineOnly(ctx.params.reply_markup as ReplyMarkup | undefined);
  const t = editTarget(ctx);
  if (sameJson(markup, inlineMarkupOf(t.msg))) throw new TelegramApiError(400, Descriptions.notModified);
  return applyEdit(ctx, t, (m) => {
    m.replyMarkup = markup;
  });
};

// ------------------------------------------------------------ deleting

function deleteOne(ctx: CallContext, chat: ChatRecord, id: unknown, strict: boolean): boolean {
  const msg = typeof id === "number" ? chat.messages.get(id) : undefined;
  if (!msg || msg.deleted) {
    if (strict) throw new TelegramApiError(400, Descriptions.messageToDeleteNotFound);
    return false;
  }
  // In groups a bot that is not an administrator can delete only its own messages.
  const othersInGroup = chat.type !== "private" && !msg.fromBot && chat.botStatus !== "administrator";
  if (ageHours(ctx.state, msg) >= 48 || othersInGroup) {
    if (strict) throw new TelegramApiError(400, Descriptions.messageCantBeDeleted);
    return false;
  }
  msg.deleted = true;
  ctx.state.touch(chat, msg);
  return true;
}

const deleteMessage: Handler = (ctx) => {
  const chat = resolveChat(ctx, "edit");
  return deleteOne(ctx, chat, ctx.params.message_id, true);
};

const deleteMessages: Handler = (ctx) => {
  const ids = ctx.params.message_ids as number[];
  if (ids.length < 1 || ids.length > 100) throw badRequest("Too many messages to delete");
  const chat = resolveChat(ctx, "edit");
  for (const id of ids) deleteOne(ctx, chat, id, false);
  return true;
};

// ------------------------------------------------------------ callback queries & actions

const MAX_CALLBACK_ANSWER = 200;

const answerCallbackQuery: Handler = (ctx) => {
  const text = ctx.params.text as string | undefined;
  const url = typeof ctx.params.url === "string" ? ctx.params.url : undefined;
  // tdlib Td.cpp on_request(answerCallbackQuery): CLEAN_INPUT_STRING(text), CLEAN_INPUT_STRING(url).
  if ((text !== undefined && !isWellFormed(text)) || (url !== undefined && !isWellFormed(url))) {
    throw new TelegramApiError(400, Descriptions.stringsNotUtf8);
  }
  const id = String(ctx.params.callback_query_id);
  const q = ctx.state.callbackQueries.get(id);
  // Telegram answers QUERY_ID_INVALID for an unknown, already answered or expired query; the window
  // is not documented (callbackQueryTtlMs, default 15 s).
  if (!q || q.answer || ctx.state.clock.now() - q.createdAt > ctx.state.callbackQueryTtlMs) {
    throw new TelegramApiError(400, Descriptions.queryTooOld);
  }
  ctx.call.chatId = q.chatId;
  // Bot API: text "0-200 characters"; Telegram's refusal is its own MESSAGE_TOO_LONG. Counted in code
  // points, like message texts.
  if (text !== undefined && codePointLength(text) > MAX_CALLBACK_ANSWER) {
    throw new TelegramApiError(400, Descriptions.callbackAnswerTooLong);
  }
  q.answer = { show_alert: ctx.params.show_alert === true, at: ctx.state.clock.now() };
  if (text !== undefined) q.answer.text = text;
  if (url !== undefined) q.answer.url = url;
  if (typeof ctx.params.cache_time === "number") q.answer.cache_time = ctx.params.cache_time;
  q.answered.emit();
  return true;
};

const sendChatAction: Handler = (ctx) => {
  const action = String(ctx.params.action).toLowerCase();
  if (!CHAT_ACTIONS.has(action)) throw new TelegramApiError(400, Descriptions.wrongAction);
  const chat = resolveChat(ctx, "send");
  chat.chatActions.push({ action, at: ctx.state.clock.now() });
  chat.changed.emit();
  return true;
};

// ------------------------------------------------------------ bot settings

function scopeKey(ctx: CallContext): string {
  const scope = (ctx.params.scope as JsonObject | undefined) ?? { type: "default" };
  const type = String(scope.type);
  const chatPart = () => {
    const id = scope.chat_id;
    const chat =
      typeof id === "string" && id.startsWith("@")
        ? ctx.state.chatByUsername(id)
        : typeof id === "number"
          ? ctx.state.chat(id)
          : undefined;
    if (!chat || (chat.type === "private" && !ctx.state.users.has(chat.id))) {
      throw new TelegramApiError(400, Descriptions.chatNotFound);
    }
    // Client.cpp check_bot_command_scope: check_chat(..., AccessRights::ReadMembers).
    if (chat.type !== "private") groupAccess(chat, "members");
    return String(chat.id);
  };
  switch (type) {
    case "chat":
    case "chat_administrators":
      return `${type}:${chatPart()}`;
    case "chat_member":
      return `${type}:${chatPart()}:${String(scope.user_id)}`;
    default:
      return type;
  }
}

function languageKey(ctx: CallContext): string {
  const lang = (ctx.params.language_code as string | undefined) ?? "";
  if (lang !== "" && !/^[a-z]{2}$/.test(lang)) throw badRequest("invalid language code specified");
  return lang;
}

const setMyCommands: Handler = (ctx) => {
  const commands = ctx.params.commands as Array<{ command: string; description: string }>;
  if (commands.length > 100) throw badRequest("too many commands specified");
  const normalized = commands.map((c) => {
    if (!/^[a-z0-9_]{1,32}$/.test(c.command)) throw badRequest("BOT_COMMAND_INVALID");
    if (c.description.trim().length < 1 || c.description.length > 256) {
      throw badRequest("BOT_COMMAND_DESCRIPTION_INVALID");
    }
    return { command: c.command, description: c.description };
  });
  const key = `${scopeKey(ctx)}|${languageKey(ctx)}`;
  if (normalized.length === 0) ctx.state.commands.delete(key);
  else ctx.state.commands.set(key, normalized);
  return true;
};

const getMyCommands: Handler = (ctx) => ctx.state.commands.get(`${scopeKey(ctx)}|${languageKey(ctx)}`) ?? [];

const deleteMyCommands: Handler = (ctx) => {
  ctx.state.commands.delete(`${scopeKey(ctx)}|${languageKey(ctx)}`);
  return true;
};

const setChatMenuButton: Handler = (ctx) => {
  const key = ctx.params.chat_id === undefined ? "default" : String(resolveChat(ctx, "read").id);
  ctx.state.menuButtons.set(key, (ctx.params.menu_button as JsonObject | undefined) ?? { type: "default" });
  return true;
};

const getChatMenuButton: Handler = (ctx) => {
  const key = ctx.params.chat_id === undefined ? "default" : String(resolveChat(ctx, "read").id);
  const button = ctx.state.menuButtons.get(key) ?? ctx.state.menuButtons.get("default");
  return button && button.type !== "default" ? button : { type: "commands" };
};

/**
 * set/getMyName|Description|ShortDescription, per language_code. Limits from the Bot API docs (name
 * 0-64, description 0-512, short_description 0-120 characters, counted as code points like texts);
 * "" removes the dedicated text, after which get returns "" (the bot's name for getMyName).
 * Telegram's wording for a too long text is not documented (it comes from Telegram's servers, not
 * from tdlib or Client.cpp), so the fake's refusal says what it is.
 */
function botText(setKey: string, field: string, max: number): [Handler, Handler] {
  return [
    (ctx) => {
      const value = (ctx.params[field] as string | undefined) ?? "";
      if (codePointLength(value) > max) {
        throw badRequest(
          `${field} is longer than ${max} characters (fake Telegram: the limit is from the Bot API docs; Telegram's own wording is not known)`,
        );
      }
      const key = `${setKey}|${languageKey(ctx)}`;
      if (value === "") ctx.state.botTexts.delete(key);
      else ctx.state.botTexts.set(key, value);
      return true;
    },
    (ctx) => ({
      [field]:
        ctx.state.botTexts.get(`${setKey}|${languageKey(ctx)}`) ??
        (setKey === "name" ? ctx.state.bot.first_name : ""),
    }),
  ];
}
const [setMyName, getMyName] = botText("name", "name", 64);
const [setMyDescription, getMyDescription] = botText("description", "description", 512);
const [setMyShortDescription, getMyShortDescription] = botText("short_description", "short_description", 120);

// ------------------------------------------------------------ updates & webhook

const getUpdates: Handler = (ctx) =>
  ctx.state.updates.getUpdates(
    {
      offset: ctx.params.offset as number | undefined,
      limit: ctx.params.limit as number | undefined,
      timeout: ctx.params.timeout as number | undefined,
      allowed_updates: ctx.params.allowed_updates as string[] | undefined,
    },
    ctx.signal,
  );

const deleteWebhook: Handler = (ctx) => {
  const had = ctx.state.updates.webhookUrl !== "";
  ctx.state.updates.webhookUrl = "";
  if (ctx.params.drop_pending_updates === true) ctx.state.updates.dropPending();
  return new Described(true, had ? "Webhook was deleted" : "Webhook is already deleted");
};

const setWebhook: Handler = (ctx) => {
  const url = String(ctx.params.url);
  if (!/^https:\/\/\S+$/.test(url))
    throw badRequest("bad webhook: An HTTPS URL must be provided for webhook");
  ctx.state.updates.releaseWaiter();
  ctx.state.updates.webhookUrl = url;
  if (ctx.params.drop_pending_updates === true) ctx.state.updates.dropPending();
  return new Described(true, "Webhook was set");
};

const getWebhookInfo: Handler = (ctx) => {
  const info: JsonObject = {
    url: ctx.state.updates.webhookUrl,
    has_custom_certificate: false,
    pending_update_count: ctx.state.updates.pending().length,
  };
  const allowed = ctx.state.updates.allowedUpdates();
  if (allowed.length > 0) info.allowed_updates = allowed;
  return info;
};

const getMe: Handler = (ctx) => ({
  ...botFrom(ctx.state),
  can_join_groups: true,
  // BotFather's privacy mode (startFakeTelegram({ groupPrivacy })); Client.cpp JsonUser reports it.
  can_read_all_group_messages: !ctx.state.groupPrivacy,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: false,
});

// ------------------------------------------------------------ chats & files

const getChat: Handler = (ctx) => {
  const chat = resolveChat(ctx, "read");
  return {
    ...ctx.state.chatJson(chat.id),
    accent_color_id: 0,
    max_reaction_count: 11,
    accepted_gift_types: {
      unlimited_gifts: true,
      limited_gifts: true,
      unique_gifts: true,
      premium_subscription: true,
    },
  };
};

const getFile: Handler = (ctx) => {
  const file = ctx.state.files.get(String(ctx.params.file_id));
  if (!file) throw badRequest("invalid file_id");
  return {
    file_id: file.file_id,
    file_unique_id: file.file_unique_id,
    file_size: file.file_size,
    file_path: file.file_path,
  };
};

export const handlers: Record<string, Handler> = {
  getMe,
  getUpdates,
  deleteWebhook,
  setWebhook,
  getWebhookInfo,
  logOut: (ctx) => {
    ctx.state.loggedOut = true;
    return true;
  },
  close: () => true,
  sendMessage,
  sendDocument: sendMedia("document"),
  sendPhoto: sendMedia("photo"),
  sendAudio: sendMedia("audio"),
  sendVoice: sendMedia("voice"),
  sendVideo: sendMedia("video"),
  sendAnimation: sendMedia("animation"),
  sendVideoNote: sendMedia("video_note"),
  sendSticker: sendMedia("sticker"),
  sendChatAction,
  editMessageText,
  editMessageCaption,
  editMessageReplyMarkup,
  deleteMessage,
  deleteMessages,
  answerCallbackQuery,
  setMyCommands,
  getMyCommands,
  deleteMyCommands,
  setChatMenuButton,
  getChatMenuButton,
  setMyName,
  getMyName,
  setMyDescription,
  getMyDescription,
  setMyShortDescription,
  getMyShortDescription,
  getChat,
  getFile,
};

/** Fallback for Bot API methods the fake does not model: Boolean ones succeed, others are refused. */
export function unmodelled(method: string, returns: string[]): Handler {
  return () => {
    if (returns.length === 1 && returns[0] === "Boolean") return true;
    throw badRequest(`${method} is not implemented by the fake Telegram server (fakes/telegram)`);
  };
}

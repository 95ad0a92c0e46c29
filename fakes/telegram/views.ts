/** Snapshots of chat messages handed to tests, and the chat dump used in timeout errors. */
import type { Message } from "grammy/types";
import {
  type ChatRecord,
  inlineMarkupOf,
  type MessageVersion,
  type State,
  type StoredMessage,
} from "./state.js";
import type { Entity, InlineButton, InlineKeyboard } from "./types.js";

export interface ButtonView {
  text: string;
  callback_data?: string;
  url?: string;
  row: number;
  col: number;
}

export interface DocumentView {
  file_id: string;
  file_name?: string;
  mime_type?: string;
  size: number;
  /** Uploaded bytes (empty for files sent by URL or file_id of a file the fake never saw). */
  bytes: Buffer;
  /** The bytes as UTF-8 (handy for .ics / .txt / .csv). */
  text: string;
  url?: string;
}

/** A message as it is *now* (a snapshot; call messages()/lastMessage() again for a fresh one). */
export interface MessageView {
  message_id: number;
  chat_id: number;
  /** true for messages the bot sent, false for the user's own. */
  fromBot: boolean;
  /** "text", "document", "photo", "sticker", "voice", "contact", ... */
  kind: string;
  /** Text, or the caption of a media message ("" when there is none). */
  text: string;
  entities: Entity[];
  caption?: string;
  reply_markup?: InlineKeyboard;
  /** Inline buttons, row by row, flattened. */
  buttons: ButtonView[];
  document?: DocumentView;
  date: number;
  edit_date?: number;
  /** Earlier versions, oldest first. */
  edits: MessageVersion[];
  deleted: boolean;
  reply_to_message_id?: number;
  /** Change sequence number (compare with mark()). */
  seq: number;
  /** The message exactly as the Bot API would return it now. */
  raw: Message;
}

function buttonsOf(markup: InlineKeyboard | undefined): ButtonView[] {
  if (!markup) return [];
  return markup.inline_keyboard.flatMap((row: InlineButton[], r: number) =>
    row.map((b, c) => {
      const v: ButtonView = { text: b.text, row: r, col: c };
      if (b.callback_data !== undefined) v.callback_data = b.callback_data;
      if (b.url !== undefined) v.url = b.url;
      return v;
    }),
  );
}

export function viewOf(state: State, msg: StoredMessage): MessageView {
  const markup = inlineMarkupOf(msg);
  const view: MessageView = {
    message_id: msg.message_id,
    chat_id: msg.chatId,
    fromBot: msg.fromBot,
    kind: msg.kind,
    text: msg.text ?? msg.caption ?? "",
    entities: [...(msg.text !== undefined ? (msg.entities ?? []) : (msg.caption_entities ?? []))],
    buttons: buttonsOf(markup),
    date: msg.date,
    edits: msg.history.map((h) => ({ ...h })),
    deleted: msg.deleted,
    seq: msg.seq,
    raw: state.messageJson(msg) as unknown as Message,
  };
  if (msg.caption !== undefined) view.caption = msg.caption;
  if (markup) view.reply_markup = JSON.parse(JSON.stringify(markup)) as InlineKeyboard;
  if (msg.edit_date !== undefined) view.edit_date = msg.edit_date;
  if (msg.replyToMessageId !== undefined) view.reply_to_message_id = msg.replyToMessageId;
  if (msg.file) {
    const bytes = msg.file.bytes ?? Buffer.alloc(0);
    const doc: DocumentView = {
      file_id: msg.file.file_id,
      size: msg.file.file_size,
      bytes,
      text: bytes.toString("utf8"),
    };
    if (msg.file.file_name !== undefined) doc.file_name = msg.file.file_name;
    if (msg.file.mime_type !== undefined) doc.mime_type = msg.file.mime_type;
    if (msg.file.url !== undefined) doc.url = msg.file.url;
    view.document = doc;
  }
  return view;
}

export function chatMessages(chat: ChatRecord): StoredMessage[] {
  return [...chat.messages.values()].sort((a, b) => a.message_id - b.message_id);
}

const clip = (s: string, n = 160): string => (s.length > n ? `${s.slice(0, n)}…` : s);

export function describeMessage(v: MessageView): string {
  const sender = v.raw.chat.type === "private" || v.fromBot ? "" : ` ${v.raw.from?.first_name ?? "?"}`;
  const who = v.fromBot ? "bot " : `user${sender}`;
  const flags = [v.deleted ? "DELETED" : "", v.edits.length ? `edited ${v.edits.length}x` : ""]
    .filter(Boolean)
    .join(", ");
  const body =
    v.kind === "text"
      ? JSON.stringify(clip(v.text))
      : `[${v.kind}${v.document?.file_name ? ` ${v.document.file_name}` : ""}] ${JSON.stringify(clip(v.text))}`;
  const buttons = v.buttons.length
    ? `\n        buttons: ${v.buttons.map((b) => `[${b.text}${b.callback_data !== undefined ? ` → ${b.callback_data}` : b.url ? ` → ${b.url}` : ""}]`).join(" ")}`
    : "";
  return `  #${v.message_id} ${who} (seq ${v.seq}${flags ? `, ${flags}` : ""}): ${body}${buttons}`;
}

export function dumpChat(state: State, chat: ChatRecord, limit = 30): string {
  const views = chatMessages(chat).map((m) => viewOf(state, m));
  const shown = views.slice(-limit);
  const lines = shown.map(describeMessage);
  if (views.length > shown.length) lines.unshift(`  … ${views.length - shown.length} earlier messages`);
  const failures = state.calls
    .filter((c) => c.chatId === chat.id && c.response && !c.response.ok)
    .slice(-5)
    .map(
      (c) =>
        `  ${c.method} → ${c.response && !c.response.ok ? `${c.response.error_code} ${c.response.description}` : ""}`,
    );
  const user = chat.userId === undefined ? undefined : state.users.get(chat.userId);
  const who =
    chat.type === "private"
      ? `${user?.user.first_name ?? "?"}${user?.blocked ? ", blocked the bot" : ""}`
      : `${chat.type} "${chat.title ?? ""}", bot ${chat.botStatus}${chat.privacyMode && chat.botStatus !== "administrator" ? ", privacy mode" : ""}`;
  return [
    `chat ${chat.id} (${who}), ${views.length} messages:`,
    ...(lines.length ? lines : ["  (no messages)"]),
    ...(failures.length ? ["recent failed API calls for this chat:", ...failures] : []),
  ].join("\n");
}

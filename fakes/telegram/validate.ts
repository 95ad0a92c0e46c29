/**
 * Parameter validation against the Bot API data (spec/bot-api.compact.json).
 *
 * Telegram itself receives every top-level parameter as a string (JSON bodies are flattened, objects
 * re-serialised) and is lenient: "123" is an Integer, numbers are Strings, objects may come as JSON
 * text (multipart). The fake accepts exactly that, and is *stricter* than Telegram for values that
 * can only be a bug (an object where an Integer is expected): 400 `field "x" must be of type Integer`.
 * Missing required parameters get Telegram's own wording where it is known.
 */
import { badRequest, Descriptions, TelegramApiError } from "./errors.js";
import type { UploadedFile } from "./multipart.js";
import { apiSpec, type FieldSpec, type MethodSpec } from "./spec.js";
import type { InlineButton, Json, JsonObject } from "./types.js";
import { isWellFormed } from "./unicode.js";

export type InputFileRef = { kind: "upload"; file: UploadedFile } | { kind: "id"; value: string };

export type ReplyMarkup =
  | { inline_keyboard: InlineButton[][] }
  | { keyboard: JsonObject[][]; [key: string]: Json }
  | { remove_keyboard: true; selective?: boolean }
  | { force_reply: true; [key: string]: Json };

export interface ValidationResult {
  params: Record<string, unknown>;
  /** Parameters the method does not know (Telegram ignores them; so does the fake, but it tells). */
  warnings: string[];
}

const REQUIRED_WORDING: Record<string, string> = {
  chat_id: Descriptions.chatIdEmpty,
  text: Descriptions.textEmpty,
  callback_query_id: Descriptions.queryTooOld,
  message_id: Descriptions.messageIdNotSpecified,
  action: Descriptions.wrongAction,
  document: "Bad Request: there is no document in the request",
  photo: "Bad Request: there is no photo in the request",
  audio: "Bad Request: there is no audio in the request",
  voice: "Bad Request: there is no voice in the request",
  video: "Bad Request: there is no video in the request",
  video_note: "Bad Request: there is no video note in the request",
  animation: "Bad Request: there is no animation in the request",
  sticker: "Bad Request: there is no sticker in the request",
};

/** Checked before the others, as Telegram does (sendMessage complains about the text first). */
const FIRST_CHECKED: Record<string, string[]> = {
  sendMessage: ["text"],
  editMessageText: ["text"],
};

class FieldError extends Error {}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

function typeList(types: string[]): string {
  return types.map((t) => (t.startsWith("Array of") ? "Array" : t)).join(" or ");
}

/** JSON text → value, for object/array parameters sent as strings (multipart, query string). */
function fromJsonText(value: unknown, what: string): unknown {
  if (typeof value !== "string") return value;
  try {
    return JSON.parse(value);
  } catch {
    throw badRequest(`can't parse ${what} JSON object`);
  }
}

// ------------------------------------------------------------ scalars

function coerceInteger(v: unknown): number | undefined {
  if (typeof v === "number" && Number.isInteger(v)) return v;
  if (typeof v === "string" && /^\s*[-+]?\d+\s*$/.test(v)) return Number(v);
  return undefined;
}

function coerceFloat(v: unknown): number | undefined {
  if (typeof v === "number" && Number.isFinite(v)) return v;
  if (typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v))) return Number(v);
  return undefined;
}

function coerceBoolean(v: unknown, lenient: boolean): boolean | undefined {
  if (typeof v === "boolean") return v;
  if (!lenient) return undefined;
  if (typeof v === "number" && (v === 0 || v === 1)) return v === 1;
  if (typeof v === "string") {
    const s = v.trim().toLowerCase();
    if (s === "true" || s === "1" || s === "yes") return true;
    if (s === "false" || s === "0" || s === "no" || s === "") return false;
  }
  return undefined;
}

function coerceString(v: unknown): string | undefined {
  if (typeof v === "string") return v;
  if (typeof v === "number" && Number.isFinite(v)) return String(v);
  return undefined;
}

// ------------------------------------------------------------ nested objects

/** Validates a value of a Bot API type (object, subtype union, array, scalar). Throws FieldError. */
function coerceTyped(type: string, value: unknown, name: string, lenient: boolean): unknown {
  if (type.startsWith("Array of ")) {
    const inner = type.slice("Array of ".length);
    if (!Array.isArray(value)) throw new FieldError(`Field "${name}" must be of type Array`);
    return value.map((item) => coerceTyped(inner, item, name, false));
  }
  switch (type) {
    case "Integer": {
      const n = coerceInteger(value);
      if (n === undefined) throw new FieldError(`Field "${name}" must be of type Integer`);
      return n;
    }
    case "Float": {
      const n = coerceFloat(value);
      if (n === undefined) throw new FieldError(`Field "${name}" must be of type Float`);
      return n;
    }
    case "Boolean": {
      const b = coerceBoolean(value, lenient);
      if (b === undefined) throw new FieldError(`Field "${name}" must be of type Boolean`);
      return b;
    }
    case "String":
    case "InputFile": {
      const s = coerceString(value);
      if (s === undefined) throw new FieldError(`Field "${name}" must be of type String`);
      return s;
    }
    default:
      return validateObject(type, value, name);
  }
}

function coerceAlternatives(types: string[], value: unknown, name: string, lenient: boolean): unknown {
  let first: unknown;
  for (const t of types) {
    try {
      return coerceTyped(t, value, name, lenient);
    } catch (e) {
      first ??= e;
    }
  }
  if (types.length > 1) throw new FieldError(`Field "${name}" must be of type ${typeList(types)}`);
  throw first;
}

export function validateObject(typeName: string, value: unknown, name = typeName): Record<string, unknown> {
  const spec = apiSpec().types[typeName];
  if (!isPlainObject(value)) throw new FieldError(`${typeName} must be an Object`);
  if (!spec) return value;
  if (spec.subtypes?.length) {
    const subtypes = spec.subtypes.map((s) => ({ name: s, spec: apiSpec().types[s] }));
    const discriminator = subtypes
      .flatMap((s) => s.spec?.fields ?? [])
      .find((f) => f.const !== undefined)?.name;
    if (discriminator) {
      const tag = value[discriminator];
      if (tag === undefined) throw new FieldError(`Can't find field "${discriminator}"`);
      const match = subtypes.find((s) =>
        s.spec?.fields.some((f) => f.name === discriminator && f.const === tag),
      );
      if (!match) throw new FieldError(`Unsupported ${discriminator} "${String(tag)}" of ${typeName}`);
      return validateObject(match.name, value, name);
    }
    return value;
  }
  const out: Record<string, unknown> = { ...value };
  for (const f of spec.fields) {
    const v = value[f.name];
    if (v === undefined || v === null) {
      if (f.required) throw new FieldError(`Can't find field "${f.name}"`);
      continue;
    }
    out[f.name] = coerceAlternatives(f.types, v, f.name, false);
  }
  return out;
}

// ------------------------------------------------------------ reply markup

function byteLength(s: string): number {
  return Buffer.byteLength(s, "utf8");
}

const URL_OK = /^(https?:\/\/|tg:\/\/)[^\s]+$/i;

/**
 * One inline button as Client.cpp get_inline_keyboard_button reads it: `text` is required; the first
 * *non-empty* `url`, then `callback_data`, then the other kinds decide the type (an empty url or
 * callback_data counts as absent), none → "Text buttons are unallowed in the inline keyboard".
 */
function normalizeInlineButton(raw: unknown): InlineButton {
  if (!isPlainObject(raw))
    throw badRequest("can't parse inline keyboard button: InlineKeyboardButton must be an Object");
  const fail = (what: string) => badRequest(`can't parse inline keyboard button: ${what}`);
  if (raw.text === undefined) throw fail(`Can't find field "text"`);
  const text = coerceString(raw.text);
  if (text === undefined) throw fail(`Field "text" must be of type String`);
  const button: InlineButton = { text };
  for (const extra of ["style", "icon_custom_emoji_id"]) {
    const v = raw[extra];
    if (typeof v === "string") button[extra] = v;
  }
  const has = (k: string) => raw[k] !== undefined && raw[k] !== null;
  if (has("url")) {
    const url = coerceString(raw.url);
    if (url === undefined) throw fail(`Field "url" must be of type String`);
    if (url !== "") {
      if (!URL_OK.test(url)) throw badRequest("BUTTON_URL_INVALID");
      button.url = url;
      return button;
    }
  }
  if (has("callback_data")) {
    const data = coerceString(raw.callback_data);
    if (data === undefined) throw fail(`Field "callback_data" must be of type String`);
    if (data !== "") {
      // No UTF-8 check on callback_data anywhere (tdlib ReplyMarkup.cpp keeps it as bytes); the
      // 1-64 bytes limit is Telegram's own (BUTTON_DATA_INVALID), checked in tdlibInlineKeyboard.
      button.callback_data = data;
      return button;
    }
  }
  for (const k of [
    "callback_game",
    "pay",
    "switch_inline_query",
    "switch_inline_query_chosen_chat",
    "switch_inline_query_current_chat",
    "login_url",
    "web_app",
    "copy_text",
  ]) {
    if (has(k)) {
      button[k] = raw[k] as Json;
      return button;
    }
  }
  throw new TelegramApiError(400, Descriptions.textButtonsUnallowed);
}

/** tdlib ReplyMarkup.cpp get_reply_markup: at most 12 buttons a row and 300 in all are kept. */
const MAX_ROW_BUTTONS = 12;
const MAX_KEYBOARD_BUTTONS = 300;
/** Telegram refuses more than 100 inline buttons with REPLY_MARKUP_TOO_LONG (reported limit, see README). */
const MAX_INLINE_BUTTONS = 100;

/**
 * What tdlib and Telegram then do with the parsed buttons (ReplyMarkup.cpp): a button with empty
 * text and no custom emoji is dropped silently; rows keep their first 12 buttons and the keyboard
 * its first 300; each kept button's text (and URL) must be UTF-8. Then Telegram's own checks:
 * callback_data over 64 bytes → BUTTON_DATA_INVALID, more than 100 buttons → "reply markup is too long".
 */
function tdlibInlineKeyboard(rows: InlineButton[][]): InlineButton[][] {
  const kept = keepButtons(rows, (b) => {
    if (!isWellFormed(b.text)) throw new TelegramApiError(400, Descriptions.inlineButtonTextNotUtf8);
    if (b.url !== undefined && !isWellFormed(b.url))
      throw new TelegramApiError(400, Descriptions.inlineButtonUrlNotUtf8);
  });
  let count = 0;
  for (const row of kept) {
    for (const b of row) {
      count++;
      if (b.callback_data !== undefined && byteLength(b.callback_data) > 64) {
        throw new TelegramApiError(400, Descriptions.buttonDataInvalid);
      }
    }
  }
  if (count > MAX_INLINE_BUTTONS) throw new TelegramApiError(400, Descriptions.replyMarkupTooLong);
  return kept;
}

function keepButtons<T extends { [key: string]: Json | undefined }>(
  rows: T[][],
  check: (button: T) => void,
): T[][] {
  const out: T[][] = [];
  let total = 0;
  for (const row of rows) {
    const kept: T[] = [];
    for (const b of row) {
      if (b.text === "" && (b.icon_custom_emoji_id === undefined || b.icon_custom_emoji_id === "")) continue;
      check(b);
      kept.push(b);
      total++;
      if (kept.length >= MAX_ROW_BUTTONS || total >= MAX_KEYBOARD_BUTTONS) break;
    }
    if (kept.length > 0) out.push(kept);
    if (total >= MAX_KEYBOARD_BUTTONS) break;
  }
  return out;
}

function normalizeKeyboardButton(raw: unknown): JsonObject {
  if (typeof raw === "string") return { text: raw };
  if (!isPlainObject(raw))
    throw badRequest("can't parse keyboard button: KeyboardButton must be a String or an Object");
  const text = coerceString(raw.text);
  if (text === undefined) throw badRequest(`can't parse keyboard button: Can't find field "text"`);
  return { ...(raw as JsonObject), text };
}

/**
 * reply_markup as tdlib parses it: first non-empty of keyboard / inline_keyboard, then
 * remove_keyboard / force_reply; an empty inline keyboard means "no markup" (null).
 */
export function parseReplyMarkup(value: unknown): ReplyMarkup | null {
  let v = value;
  if (typeof v === "string") {
    if (v === "") return null;
    try {
      v = JSON.parse(v);
    } catch {
      throw badRequest("can't parse reply keyboard markup JSON object");
    }
  }
  if (!isPlainObject(v)) throw badRequest("object expected as reply markup");
  let rows: JsonObject[][] = [];
  let inlineRows: InlineButton[][] = [];
  if (v.keyboard !== undefined) {
    if (!Array.isArray(v.keyboard)) {
      throw badRequest('field "keyboard" of the ReplyKeyboardMarkup must be an Array');
    }
    rows = v.keyboard.map((row) => {
      if (!Array.isArray(row))
        throw badRequest('field "keyboard" of the ReplyKeyboardMarkup must be an Array of Arrays');
      return row.map(normalizeKeyboardButton);
    });
  }
  if (v.inline_keyboard !== undefined) {
    if (!Array.isArray(v.inline_keyboard)) {
      throw badRequest('field "inline_keyboard" of the InlineKeyboardMarkup must be an Array');
    }
    inlineRows = v.inline_keyboard.map((row) => {
      if (!Array.isArray(row)) {
        throw badRequest('field "inline_keyboard" of the InlineKeyboardMarkup must be an Array of Arrays');
      }
      return row.map(normalizeInlineButton);
    });
  }
  for (const flag of [
    "resize_keyboard",
    "one_time_keyboard",
    "is_persistent",
    "selective",
    "remove_keyboard",
    "force_reply",
  ]) {
    if (v[flag] !== undefined && typeof v[flag] !== "boolean") {
      throw badRequest(`field "${flag}" of the reply markup must be of the type Boolean`);
    }
  }
  const nonEmptyRows = keepButtons(rows, (b) => {
    if (typeof b.text === "string" && !isWellFormed(b.text))
      throw new TelegramApiError(400, Descriptions.keyboardButtonTextNotUtf8);
  });
  const nonEmptyInline = nonEmptyRows.length > 0 ? [] : tdlibInlineKeyboard(inlineRows);
  if (nonEmptyRows.length > 0) {
    const out: { keyboard: JsonObject[][]; [key: string]: Json } = { keyboard: nonEmptyRows };
    for (const k of [
      "is_persistent",
      "resize_keyboard",
      "one_time_keyboard",
      "input_field_placeholder",
      "selective",
    ]) {
      if (v[k] !== undefined) out[k] = v[k] as Json;
    }
    return out;
  }
  if (nonEmptyInline.length > 0) return { inline_keyboard: nonEmptyInline };
  if (v.remove_keyboard === true)
    return v.selective === true ? { remove_keyboard: true, selective: true } : { remove_keyboard: true };
  if (v.force_reply === true) {
    const out: { force_reply: true; [key: string]: Json } = { force_reply: true };
    if (typeof v.input_field_placeholder === "string")
      out.input_field_placeholder = v.input_field_placeholder;
    if (v.selective === true) out.selective = true;
    return out;
  }
  return null;
}

// ------------------------------------------------------------ top level

function isMissing(v: unknown): boolean {
  return v === undefined || v === null || v === "";
}

const SCALARS = new Set(["Integer", "String", "Boolean", "Float"]);

function validateField(f: FieldSpec, value: unknown, files: Map<string, UploadedFile>): unknown {
  const types = f.types;
  if (types.includes("InputFile")) {
    if (isMissing(value)) {
      const direct = files.get(f.name);
      return direct ? ({ kind: "upload", file: direct } satisfies InputFileRef) : undefined;
    }
    const s = coerceString(value);
    if (s === undefined) throw badRequest(`field "${f.name}" must be of type ${typeList(types)}`);
    if (s.startsWith("attach://")) {
      const file = files.get(s.slice("attach://".length));
      return file ? ({ kind: "upload", file } satisfies InputFileRef) : undefined;
    }
    return { kind: "id", value: s } satisfies InputFileRef;
  }
  if (isMissing(value)) return undefined;
  if (f.name === "reply_markup") return parseReplyMarkup(value);
  if (f.name === "chat_id" || f.name === "from_chat_id") {
    const n = coerceInteger(value);
    if (n !== undefined) return n;
    // "@username" or junk: resolved (and refused with "chat not found") by the method itself.
    if (typeof value === "string") return value;
    throw badRequest(`field "${f.name}" must be of type ${typeList(types)}`);
  }
  const objectLike = types.some((t) => !SCALARS.has(t));
  const v =
    objectLike && typeof value === "string" && !types.includes("String")
      ? fromJsonText(value, f.name)
      : value;
  try {
    return coerceAlternatives(types, v, f.name, true);
  } catch (e) {
    if (!(e instanceof FieldError)) throw e;
    const message = e.message;
    if (message.startsWith(`Field "${f.name}" `)) throw badRequest(`f${message.slice(1)}`);
    const elementType = types.find((t) => !SCALARS.has(t)) ?? f.name;
    throw badRequest(`can't parse ${elementType.replace(/^(Array of )+/, "")}: ${message}`);
  }
}

export function validateParams(
  method: string,
  spec: MethodSpec,
  raw: Record<string, unknown>,
  files: Map<string, UploadedFile>,
): ValidationResult {
  const known = new Set(spec.fields.map((f) => f.name));
  const warnings = Object.keys(raw)
    .filter((k) => !known.has(k))
    .map((k) => `${method}: unknown parameter "${k}" (ignored, as Telegram does)`);
  const first = FIRST_CHECKED[method] ?? [];
  const ordered = [
    ...spec.fields.filter((f) => first.includes(f.name)),
    ...spec.fields.filter((f) => !first.includes(f.name)),
  ];
  const params: Record<string, unknown> = {};
  for (const f of ordered) {
    const normalized = validateField(f, raw[f.name], files);
    if (normalized === undefined || normalized === null) {
      if (f.required) {
        throw new TelegramApiError(
          400,
          REQUIRED_WORDING[f.name] ?? `Bad Request: parameter "${f.name}" is required`,
        );
      }
      continue;
    }
    params[f.name] = normalized;
  }
  return { params, warnings };
}

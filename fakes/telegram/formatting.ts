/**
 * Text formatting like Telegram does it: parse_mode HTML / MarkdownV2 / Markdown into plain text +
 * entities (offsets in UTF-16 code units), error wording after tdlib ("can't parse entities: ..."),
 * auto-detected entities (bot_command, mention, hashtag, url, email), trimming and length.
 */
import { badRequest, type TelegramApiError } from "./errors.js";
import type { Entity, FormattedText } from "./types.js";

const byteOffset = (src: string, index: number): number => Buffer.byteLength(src.slice(0, index), "utf8");
const parseError = (what: string): TelegramApiError => badRequest(`can't parse entities: ${what}`);

function sortEntities(entities: Entity[]): Entity[] {
  return entities
    .filter((e) => e.length > 0)
    .sort((a, b) => a.offset - b.offset || b.length - a.length || a.type.localeCompare(b.type));
}

// ---------------------------------------------------------------- HTML

const HTML_TAGS = new Set([
  "a",
  "b",
  "strong",
  "i",
  "em",
  "s",
  "strike",
  "del",
  "u",
  "ins",
  "tg-spoiler",
  "tg-emoji",
  "tg-time",
  "span",
  "pre",
  "code",
  "blockquote",
]);

interface OpenTag {
  tag: string;
  attrs: Map<string, string>;
  start: number;
  /** `code` inside `pre`: its language goes to the pre entity. */
  languageFor?: OpenTag;
  language?: string;
}

function decodeHtmlEntity(src: string, i: number): { text: string; next: number } | undefined {
  const m = /^&(#[0-9]{1,7}|#x[0-9a-fA-F]{1,6}|lt|gt|amp|quot);/.exec(src.slice(i, i + 12));
  if (!m?.[1]) return undefined;
  const name = m[1];
  let text: string;
  if (name.startsWith("#x")) text = String.fromCodePoint(Number.parseInt(name.slice(2), 16));
  else if (name.startsWith("#")) text = String.fromCodePoint(Number.parseInt(name.slice(1), 10));
  else text = { lt: "<", gt: ">", amp: "&", quot: '"' }[name as "lt" | "gt" | "amp" | "quot"];
  return { text, next: i + m[0].length };
}

export function parseHtml(src: string): FormattedText {
  let out = "";
  const entities: Entity[] = [];
  const stack: OpenTag[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i] as string;
    if (c === "&") {
      const decoded = decodeHtmlEntity(src, i);
      if (decoded) {
        out += decoded.text;
        i = decoded.next;
        continue;
      }
      out += c;
      i++;
      continue;
    }
    if (c !== "<") {
      out += c;
      i++;
      continue;
    }
    const begin = i;
    if (src[i + 1] === "/") {
      const close = src.indexOf(">", i);
      if (close === -1) throw parseError(`Unclosed end tag at byte offset ${byteOffset(src, begin)}`);
      const name = src
        .slice(i + 2, close)
        .trim()
        .toLowerCase();
      const top = stack.pop();
      if (!top) throw parseError(`Unexpected end tag at byte offset ${byteOffset(src, begin)}`);
      if (name !== "" && name !== top.tag) {
        throw parseError(
          `Unmatched end tag at byte offset ${byteOffset(src, begin)}, expected "</${top.tag}>", found "</${name}>"`,
        );
      }
      closeHtmlTag(top, out.length, entities);
      i = close + 1;
      continue;
    }
    i++;
    let name = "";
    while (i < src.length && !/[\s>/]/.test(src[i] as string)) name += src[i++];
    name = name.toLowerCase();
    if (!HTML_TAGS.has(name)) {
      throw parseError(`Unsupported start tag "${name}" at byte offset ${byteOffset(src, begin)}`);
    }
    const attrs = new Map<string, string>();
    for (;;) {
      while (i < src.length && /\s/.test(src[i] as string)) i++;
      if (i >= src.length) throw parseError(`Unclosed start tag at byte offset ${byteOffset(src, begin)}`);
      if (src[i] === ">") {
        i++;
        break;
      }
      if (src[i] === "/" && src[i + 1] === ">") {
        i += 2;
        break;
      }
      let attr = "";
      while (i < src.length && !/[\s=>]/.test(src[i] as string)) attr += src[i++];
      let value = "";
      if (src[i] === "=") {
        i++;
        const quote = src[i];
        if (quote === '"' || quote === "'") {
          const end = src.indexOf(quote, i + 1);
          if (end === -1) throw parseError(`Unclosed start tag at byte offset ${byteOffset(src, begin)}`);
          value = src.slice(i + 1, end);
          i = end + 1;
        } else {
          while (i < src.length && !/[\s>]/.test(src[i] as string)) value += src[i++];
        }
      }
      attrs.set(
        attr.toLowerCase(),
        value.replace(
          /&(lt|gt|amp|quot);/g,
          (_m, e: string) => ({ lt: "<", gt: ">", amp: "&", quot: '"' })[e] ?? "",
        ),
      );
    }
    if (name === "span" && attrs.get("class") !== "tg-spoiler") {
      throw parseError(`Tag "span" must have class "tg-spoiler" at byte offset ${byteOffset(src, begin)}`);
    }
    const open: OpenTag = { tag: name, attrs, start: out.length };
    const parent = stack[stack.length - 1];
    if (name === "code" && parent?.tag === "pre" && parent.start === out.length) {
      const cls = attrs.get("class");
      if (cls?.startsWith("language-")) {
        open.languageFor = parent;
        parent.language = cls.slice("language-".length);
      }
    }
    stack.push(open);
  }
  const unclosed = stack[stack.length - 1];
  if (unclosed) throw parseError(`Can't find end tag corresponding to start tag "${unclosed.tag}"`);
  return { text: out, entities: sortEntities(entities) };
}

function closeHtmlTag(tag: OpenTag, end: number, entities: Entity[]): void {
  const e = htmlEntityOf(tag);
  if (e) entities.push({ ...e, offset: tag.start, length: end - tag.start });
}

function htmlEntityOf(tag: OpenTag): Omit<Entity, "offset" | "length"> | undefined {
  switch (tag.tag) {
    case "b":
    case "strong":
      return { type: "bold" };
    case "i":
    case "em":
      return { type: "italic" };
    case "u":
    case "ins":
      return { type: "underline" };
    case "s":
    case "strike":
    case "del":
      return { type: "strikethrough" };
    case "span":
    case "tg-spoiler":
      return { type: "spoiler" };
    case "code":
      // code right inside pre became the pre's language
      return tag.languageFor ? undefined : { type: "code" };
    case "pre":
      return tag.language ? { type: "pre", language: tag.language } : { type: "pre" };
    case "blockquote":
      return { type: tag.attrs.has("expandable") ? "expandable_blockquote" : "blockquote" };
    case "tg-emoji": {
      const id = tag.attrs.get("emoji-id");
      return id ? { type: "custom_emoji", custom_emoji_id: id } : undefined;
    }
    case "tg-time": {
      const unix = Number(tag.attrs.get("unix"));
      if (!Number.isFinite(unix)) return undefined;
      const format = tag.attrs.get("format");
      return format
        ? { type: "date_time", unix_time: unix, date_time_format: format }
        : { type: "date_time", unix_time: unix };
    }
    case "a": {
      const href = tag.attrs.get("href");
      if (!href) return undefined;
      const mention = /^tg:\/\/user\?id=(\d+)$/.exec(href);
      if (mention)
        return { type: "text_mention", user: { id: Number(mention[1]), is_bot: false, first_name: "" } };
      return { type: "text_link", url: href };
    }
    default:
      return undefined;
  }
}

// ---------------------------------------------------------------- MarkdownV2

const V2_RESERVED = "_*[]()~`>#+-=|{}.!";
const V2_NAMES: Record<string, string> = {
  bold: "Bold",
  italic: "Italic",
  underline: "Underline",
  strikethrough: "Strikethrough",
  spoiler: "Spoiler",
  text_link: "TextUrl",
  custom_emoji: "CustomEmoji",
};

interface OpenMd {
  type: string;
  start: number;
  beginByte: number;
}

export function parseMarkdownV2(src: string): FormattedText {
  let out = "";
  const entities: Entity[] = [];
  const stack: OpenMd[] = [];
  let quoteStart: number | undefined;
  const top = () => stack[stack.length - 1];
  const open = (type: string, at: number) =>
    stack.push({ type, start: out.length, beginByte: byteOffset(src, at) });
  const close = (extra: Partial<Entity> = {}) => {
    const e = stack.pop();
    if (e) entities.push({ type: e.type, offset: e.start, length: out.length - e.start, ...extra });
  };
  const toggle = (type: string, at: number) => (top()?.type === type ? close() : open(type, at));
  const reserved = (c: string) =>
    parseError(`Character '${c}' is reserved and must be escaped with the preceding '\\'`);

  let i = 0;
  while (i < src.length) {
    const c = src[i] as string;
    if (c === "\\" && i + 1 < src.length) {
      const code = src.charCodeAt(i + 1);
      if (code >= 1 && code <= 126) {
        out += src[i + 1];
        i += 2;
        continue;
      }
    }
    if (c === "\n" && quoteStart !== undefined && src[i + 1] !== ">") {
      entities.push({ type: "blockquote", offset: quoteStart, length: out.length - quoteStart });
      quoteStart = undefined;
    }
    if (!V2_RESERVED.includes(c)) {
      out += c;
      i++;
      continue;
    }
    switch (c) {
      case "*":
        toggle("bold", i);
        i++;
        break;
      case "~":
        toggle("strikethrough", i);
        i++;
        break;
      case "_":
        if (src[i + 1] === "_" && top()?.type === "underline") {
          close();
          i += 2;
        } else if (top()?.type === "italic") {
          close();
          i++;
        } else if (src[i + 1] === "_") {
          open("underline", i);
          i += 2;
        } else {
          open("italic", i);
          i++;
        }
        break;
      case "|":
        if (src[i + 1] !== "|") throw reserved(c);
        toggle("spoiler", i);
        i += 2;
        break;
      case "[":
        open("text_link", i);
        i++;
        break;
      case "!":
        if (src[i + 1] !== "[") throw reserved(c);
        open("custom_emoji", i);
        i += 2;
        break;
      case "]": {
        const t = top();
        if (!t || (t.type !== "text_link" && t.type !== "custom_emoji")) throw reserved(c);
        if (src[i + 1] !== "(") {
          stack.pop(); // `[text]` without a URL stays plain text
          i++;
          break;
        }
        let url = "";
        let j = i + 2;
        for (; j < src.length && src[j] !== ")"; j++) {
          if (src[j] === "\\" && j + 1 < src.length) j++;
          url += src[j];
        }
        if (j >= src.length)
          throw parseError(`Can't find end of a URL at byte offset ${byteOffset(src, i + 2)}`);
        if (t.type === "custom_emoji") {
          const id = /^tg:\/\/emoji\?id=(\d+)$/.exec(url)?.[1];
          if (!id) throw parseError(`Custom emoji URL must have an emoji identifier`);
          close({ custom_emoji_id: id });
        } else {
          const mention = /^tg:\/\/user\?id=(\d+)$/.exec(url);
          if (mention) {
            const e = stack.pop() as OpenMd;
            entities.push({
              type: "text_mention",
              offset: e.start,
              length: out.length - e.start,
              user: { id: Number(mention[1]), is_bot: false, first_name: "" },
            });
          } else {
            close({ url });
          }
        }
        i = j + 1;
        break;
      }
      case "`": {
        const beginByte = byteOffset(src, i);
        if (src.startsWith("```", i)) {
          let j = i + 3;
          let language: string | undefined;
          const nl = src.indexOf("\n", j);
          const end = src.indexOf("```", j);
          if (nl !== -1 && (end === -1 || nl < end)) {
            const first = src.slice(j, nl);
            if (first.length > 0 && !/\s/.test(first)) language = first;
            if (language !== undefined || first.length === 0) j = nl + 1;
          }
          const start = out.length;
          let found = false;
          while (j < src.length) {
            if (src[j] === "\\" && j + 1 < src.length) {
              out += src[j + 1];
              j += 2;
              continue;
            }
            if (src.startsWith("```", j)) {
              found = true;
              break;
            }
            out += src[j++];
          }
          if (!found) throw parseError(`Can't find end of Pre entity at byte offset ${beginByte}`);
          entities.push(
            language
              ? { type: "pre", offset: start, length: out.length - start, language }
              : { type: "pre", offset: start, length: out.length - start },
          );
          i = j + 3;
        } else {
          let j = i + 1;
          const start = out.length;
          let found = false;
          while (j < src.length) {
            if (src[j] === "\\" && j + 1 < src.length) {
              out += src[j + 1];
              j += 2;
              continue;
            }
            if (src[j] === "`") {
              found = true;
              break;
            }
            out += src[j++];
          }
          if (!found) throw parseError(`Can't find end of Code entity at byte offset ${beginByte}`);
          entities.push({ type: "code", offset: start, length: out.length - start });
          i = j + 1;
        }
        break;
      }
      case ">":
        if (i !== 0 && src[i - 1] !== "\n") throw reserved(c);
        if (quoteStart === undefined) quoteStart = out.length;
        i++;
        break;
      default:
        throw reserved(c);
    }
  }
  if (quoteStart !== undefined)
    entities.push({ type: "blockquote", offset: quoteStart, length: out.length - quoteStart });
  const unclosed = top();
  if (unclosed) {
    throw parseError(
      `Can't find end of ${V2_NAMES[unclosed.type] ?? unclosed.type} entity at byte offset ${unclosed.beginByte}`,
    );
  }
  return { text: out, entities: sortEntities(entities) };
}

// ---------------------------------------------------------------- Markdown (legacy)

export function parseMarkdown(src: string): FormattedText {
  let out = "";
  const entities: Entity[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i] as string;
    if (c === "\\" && i + 1 < src.length && "_*`[".includes(src[i + 1] as string)) {
      out += src[i + 1];
      i += 2;
      continue;
    }
    if (!"_*`[".includes(c)) {
      out += c;
      i++;
      continue;
    }
    const beginByte = byteOffset(src, i);
    const fail = () => parseError(`Can't find end of the entity starting at byte offset ${beginByte}`);
    const start = out.length;
    if (c === "[") {
      const closeText = src.indexOf("]", i + 1);
      if (closeText === -1) throw fail();
      const text = src.slice(i + 1, closeText);
      out += text;
      if (src[closeText + 1] === "(") {
        const closeUrl = src.indexOf(")", closeText + 2);
        if (closeUrl === -1) throw fail();
        entities.push({
          type: "text_link",
          offset: start,
          length: text.length,
          url: src.slice(closeText + 2, closeUrl),
        });
        i = closeUrl + 1;
      } else {
        i = closeText + 1;
      }
      continue;
    }
    const marker = c === "`" && src.startsWith("```", i) ? "```" : c;
    const end = src.indexOf(marker, i + marker.length);
    if (end === -1) throw fail();
    let inner = src.slice(i + marker.length, end);
    let language: string | undefined;
    if (marker === "```") {
      const nl = inner.indexOf("\n");
      if (nl > 0 && !/\s/.test(inner.slice(0, nl))) {
        language = inner.slice(0, nl);
        inner = inner.slice(nl + 1);
      }
    }
    out += inner;
    const type = marker === "```" ? "pre" : ({ "*": "bold", _: "italic", "`": "code" }[c] ?? "bold");
    entities.push(
      language
        ? { type, offset: start, length: inner.length, language }
        : { type, offset: start, length: inner.length },
    );
    i = end + marker.length;
  }
  return { text: out, entities: sortEntities(entities) };
}

// ---------------------------------------------------------------- auto-detected entities

const AUTO_PATTERNS: Array<{ type: string; re: RegExp }> = [
  {
    type: "bot_command",
    re: /(?<=^|[\s(])\/[a-zA-Z0-9_]{1,64}(?:@[a-zA-Z][a-zA-Z0-9_]{2,31})?(?=$|[\s.,;:!?)])/g,
  },
  { type: "url", re: /\bhttps?:\/\/[^\s<>"]+[^\s<>".,;:!?)\]]/g },
  { type: "email", re: /(?<=^|[\s(<])[a-zA-Z0-9._%+-]+@[a-zA-Z0-9.-]+\.[a-zA-Z]{2,}(?=$|[\s.,;:!?)>])/g },
  { type: "mention", re: /(?<=^|[\s(])@[a-zA-Z][a-zA-Z0-9_]{3,31}(?=$|[\s.,;:!?)])/g },
  { type: "hashtag", re: /(?<=^|[\s(])#[\p{L}\p{N}_]*\p{L}[\p{L}\p{N}_]*/gu },
];

/** Entities Telegram finds by itself in any text (incoming and outgoing). */
export function detectEntities(text: string): Entity[] {
  const found: Entity[] = [];
  for (const { type, re } of AUTO_PATTERNS) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const e = { type, offset: m.index, length: m[0].length };
      if (!found.some((f) => e.offset < f.offset + f.length && f.offset < e.offset + e.length)) found.push(e);
    }
  }
  return sortEntities(found);
}

const FORMATTING = new Set([
  "bold",
  "italic",
  "underline",
  "strikethrough",
  "spoiler",
  "blockquote",
  "expandable_blockquote",
]);

/** Adds auto-detected entities that do not collide with explicit non-formatting ones (code, links...). */
export function withAutoEntities(ft: FormattedText): FormattedText {
  const blocking = ft.entities.filter((e) => !FORMATTING.has(e.type));
  const auto = detectEntities(ft.text).filter(
    (a) => !blocking.some((b) => a.offset < b.offset + b.length && b.offset < a.offset + a.length),
  );
  return { text: ft.text, entities: sortEntities([...ft.entities, ...auto]) };
}

/** Telegram strips leading and trailing white space from texts and captions. */
export function trimFormatted(ft: FormattedText): FormattedText {
  const lead = ft.text.length - ft.text.trimStart().length;
  const text = ft.text.trim();
  const entities: Entity[] = [];
  for (const e of ft.entities) {
    const start = Math.max(0, e.offset - lead);
    const end = Math.min(text.length, e.offset + e.length - lead);
    if (end > start) entities.push({ ...e, offset: start, length: end - start });
  }
  return { text, entities };
}

/** Explicit `entities` given by the bot: keep well-formed ones inside the text (tdlib fixes, not fails). */
export function sanitizeEntities(text: string, entities: Entity[] | undefined): Entity[] {
  if (!entities) return [];
  return sortEntities(
    entities
      .filter(
        (e) => Number.isInteger(e.offset) && Number.isInteger(e.length) && e.offset >= 0 && e.length > 0,
      )
      .filter((e) => e.offset < text.length)
      .map((e) => ({ ...e, length: Math.min(e.length, text.length - e.offset) })),
  );
}

/**
 * Applies parse_mode / entities, auto entities and trimming, as Telegram does for a text or caption.
 * Throws "can't parse entities" / "Unsupported parse_mode" like the real server.
 */
export function formatText(
  raw: string,
  parseMode: string | undefined,
  entities: Entity[] | undefined,
): FormattedText {
  let ft: FormattedText;
  const mode = (parseMode ?? "").toLowerCase();
  if (raw !== "" && mode !== "" && mode !== "none") {
    if (mode === "html") ft = parseHtml(raw);
    else if (mode === "markdownv2") ft = parseMarkdownV2(raw);
    else if (mode === "markdown") ft = parseMarkdown(raw);
    else throw badRequest("unsupported parse_mode");
  } else {
    ft = { text: raw, entities: sanitizeEntities(raw, entities) };
  }
  return withAutoEntities(trimFormatted(ft));
}

/**
 * Shortening user-visible text without breaking what a person sees as one character.
 *
 * Every cut here falls on an extended grapheme cluster boundary (Unicode UAX #29, via
 * `Intl.Segmenter` with `granularity: "grapheme"`): never inside a surrogate pair, between a letter
 * and its combining marks, inside an emoji ZWJ sequence (👨‍👩‍👧‍👦), between an emoji and its skin tone
 * modifier (👍🏽) or between the two regional indicators of a flag (🇺🇦).
 *
 * Budgets come in the units Telegram uses:
 * - `fitCodePoints`: Unicode code points. This is how the 4096 limit on a bot's message text is
 *   counted, after entity parsing: tdlib's MessageContent.cpp rejects it with "Message is too long"
 *   when `utf8_length(text)` (code points, tdutils utf8.h) exceeds the `message_text_length_max`
 *   option. The 1024 caption limit behaves the same on the live API.
 * - `fitUtf16`: UTF-16 code units (`string.length`). The Bot API counts entity offsets and lengths
 *   in UTF-16 code units; a text within N UTF-16 units is always within N code points, so this is
 *   the safe choice where one number must satisfy both readings.
 * - `fitUtf8Bytes`: UTF-8 bytes, for `callback_data` ("1-64 bytes", Bot API InlineKeyboardButton).
 * - `truncate`: graphemes, what a person counts.
 *
 * All functions are pure and return the text unchanged when it already fits.
 */

const segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/** The text's grapheme clusters, in order ("" → []). */
export function graphemes(text: string): string[] {
  const out: string[] = [];
  for (const { segment } of segmenter.segment(text)) out.push(segment);
  return out;
}

/** How many characters a person sees. */
export function graphemeCount(text: string): number {
  let n = 0;
  for (const _ of segmenter.segment(text)) n++;
  return n;
}

/** UTF-16 code units (what `string.length` and Telegram's entity offsets count). */
export function utf16Length(text: string): number {
  return text.length;
}

/** Unicode code points (how Telegram counts a bot's message text and caption length). */
export function codePointLength(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/** Bytes in UTF-8; a lone surrogate counts 3, as it is sent as U+FFFD. */
export function utf8ByteLength(text: string): number {
  return Buffer.byteLength(text, "utf8");
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const LONE_SURROGATES = new RegExp(LONE_SURROGATE.source, "g");

/** False when the text has a lone UTF-16 surrogate (Telegram refuses such text as not UTF-8). */
export function isWellFormed(text: string): boolean {
  return !LONE_SURROGATE.test(text);
}

/** Replaces each lone surrogate with U+FFFD, so the text can be encoded as UTF-8. */
export function toWellFormed(text: string): string {
  return text.replace(LONE_SURROGATES, "\uFFFD");
}

type Measure = (text: string) => number;

/**
 * The longest grapheme-aligned prefix of `text` whose measure, with `ellipsis` appended, is at most
 * `max`. White space left at the end of the cut is dropped before a (non-empty) ellipsis. When even the
 * ellipsis does not fit, the text is cut hard (no ellipsis) to the longest prefix within `max`.
 * Each measure here is additive over grapheme clusters, so the prefix is measured segment by segment.
 */
function fitPrefix(text: string, max: number, measure: Measure, ellipsis: string): string {
  if (Number.isNaN(max)) throw new RangeError("the budget must be a number");
  if (max === Number.POSITIVE_INFINITY) return text;
  const limit = Math.max(0, Math.floor(max));
  if (measure(text) <= limit) return text;
  const room = limit - measure(ellipsis);
  const budget = room >= 0 ? room : limit;
  let used = 0;
  let end = 0;
  for (const { segment, index } of segmenter.segment(text)) {
    used += measure(segment);
    if (used > budget) break;
    end = index + segment.length;
  }
  const prefix = text.slice(0, end);
  if (room < 0 || ellipsis === "") return prefix;
  return prefix.trimEnd() + ellipsis;
}

/**
 * At most `maxGraphemes` visible characters, the ellipsis included: "Константинопольская" with 8 →
 * "Констан…".
 */
export function truncate(text: string, maxGraphemes: number, ellipsis = "…"): string {
  return fitPrefix(text, maxGraphemes, graphemeCount, ellipsis);
}

/** At most `maxUnits` UTF-16 code units (ellipsis included), cut between graphemes. */
export function fitUtf16(text: string, maxUnits: number, ellipsis = "…"): string {
  return fitPrefix(text, maxUnits, utf16Length, ellipsis);
}

/** At most `maxCodePoints` code points (ellipsis included) — Telegram's message/caption unit. */
export function fitCodePoints(text: string, maxCodePoints: number, ellipsis = "…"): string {
  return fitPrefix(text, maxCodePoints, codePointLength, ellipsis);
}

/**
 * At most `maxBytes` UTF-8 bytes, cut between graphemes. No ellipsis by default: this is for
 * machine-read strings such as `callback_data` (1-64 bytes).
 */
export function fitUtf8Bytes(text: string, maxBytes: number, ellipsis = ""): string {
  return fitPrefix(text, maxBytes, utf8ByteLength, ellipsis);
}

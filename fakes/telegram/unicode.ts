/**
 * Strings the way telegram-bot-api sees them. It works on bytes: td's JSON decoder
 * (tdutils JsonBuilder.cpp json_string_decode) turns a lone `\uD800` escape into the three bytes
 * ED A0 80, and raw bytes that are not UTF-8 pass through untouched; the UTF-8 check comes later
 * (tdlib check_utf8 / clean_input_string) and is what answers "... must be encoded in UTF-8".
 * In JavaScript both cases show up as lone UTF-16 surrogates: JSON.parse keeps `\uD800` as one, and
 * `decodeUtf8Lossless` maps each byte of an invalid sequence to a lone low surrogate (like Python's
 * "surrogateescape"), so one check — `isWellFormed` — covers JSON escapes and raw bytes alike.
 */
import { isUtf8 } from "node:buffer";

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** False when the string would not be valid UTF-8 on Telegram's side. */
export function isWellFormed(s: string): boolean {
  return !LONE_SURROGATE.test(s);
}

/** Unicode code points: how tdlib counts a bot's text and caption length (tdutils utf8.h utf8_length). */
export function codePointLength(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/** UTF-8 decoding that keeps invalid bytes visible as lone surrogates (U+DC80..U+DCFF). */
export function decodeUtf8Lossless(buf: Buffer): string {
  if (isUtf8(buf)) return buf.toString("utf8");
  let out = "";
  let i = 0;
  while (i < buf.length) {
    const b = buf[i] as number;
    const need =
      b < 0x80
        ? 0
        : b >= 0xc2 && b <= 0xdf
          ? 1
          : b >= 0xe0 && b <= 0xef
            ? 2
            : b >= 0xf0 && b <= 0xf4
              ? 3
              : -1;
    if (need === 0) {
      out += String.fromCharCode(b);
      i++;
      continue;
    }
    const seq = need > 0 ? buf.subarray(i, i + need + 1) : undefined;
    if (seq && seq.length === need + 1 && isUtf8(seq)) {
      out += seq.toString("utf8");
      i += need + 1;
    } else {
      out += String.fromCharCode(0xdc00 + b);
      i++;
    }
  }
  return out;
}

/**
 * `application/x-www-form-urlencoded` (a body or a query string) given one character per byte
 * (`buf.toString("latin1")`, or an already percent-encoded URL search), decoded with
 * decodeUtf8Lossless after percent-decoding, "+" as space.
 */
export function parseForm(bytesAsLatin1: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of bytesAsLatin1.split("&")) {
    if (pair === "") continue;
    const eq = pair.indexOf("=");
    const key = percentDecode(eq === -1 ? pair : pair.slice(0, eq));
    out[key] = percentDecode(eq === -1 ? "" : pair.slice(eq + 1));
  }
  return out;
}

function percentDecode(s: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const hex = c === 0x25 ? s.slice(i + 1, i + 3) : "";
    if (/^[0-9a-fA-F]{2}$/.test(hex)) {
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(c === 0x2b ? 0x20 : c & 0xff);
    }
  }
  return decodeUtf8Lossless(Buffer.from(bytes));
}

import { badRequest, FakeHttpError, MESSAGES } from "./envelope.js";

/** Cal.com validates with class-validator whitelisting: an unknown property is a 400. */
export function rejectUnknown(obj: Record<string, unknown>, allowed: readonly string[], prefix = ""): void {
  for (const key of Object.keys(obj)) {
    if (!allowed.includes(key)) throw badRequest(`property ${prefix}${key} should not exist`);
  }
}

export function asObject(value: unknown, name: string): Record<string, unknown> {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw badRequest(`${name} must be an object`);
  }
  return value as Record<string, unknown>;
}

export function requireString(obj: Record<string, unknown>, key: string, prefix = ""): string {
  const v = obj[key];
  if (typeof v !== "string" || v.trim() === "")
    throw badRequest(`${prefix}${key} must be a non-empty string`);
  return v;
}

export function optionalString(obj: Record<string, unknown>, key: string, prefix = ""): string | undefined {
  const v = obj[key];
  if (v === undefined) return undefined;
  if (typeof v !== "string") throw badRequest(`${prefix}${key} must be a string`);
  return v;
}

/** An ISO-8601 instant; a date-only value means the start (or, for `end`, the end) of that UTC day. */
export function instant(value: string | undefined, name: string, endOfDay = false): number {
  if (value === undefined) throw badRequest(`${name} must be a valid ISO 8601 date string`);
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const t = Date.parse(dateOnly ? `${value}T${endOfDay ? "23:59:59.999" : "00:00:00.000"}Z` : value);
  if (Number.isNaN(t)) throw badRequest(`${name} must be a valid ISO 8601 date string`);
  return t;
}

/** Languages CreateBookingAttendee accepts (OpenAPI enum). */
export const LANGUAGES = [
  "ar",
  "ca",
  "de",
  "es",
  "eu",
  "he",
  "id",
  "ja",
  "lv",
  "pl",
  "ro",
  "sr",
  "th",
  "vi",
  "az",
  "cs",
  "el",
  "es-419",
  "fi",
  "hr",
  "it",
  "km",
  "nl",
  "pt",
  "ru",
  "sv",
  "tr",
  "zh-CN",
  "bg",
  "da",
  "en",
  "et",
  "fr",
  "hu",
  "iw",
  "ko",
  "no",
  "pt-BR",
  "sk",
  "ta",
  "uk",
  "zh-TW",
  "bn",
];

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
// Reserved and placeholder names (RFC 2606/6761) never have mail exchangers.
const RESERVED_TLDS = ["local", "invalid", "test", "example", "localhost", "internal", "lan", "home"];
const RESERVED_DOMAINS = ["example.com", "example.org", "example.net"];

/** Refuses an address the way Cal.com does: format first, then whether the domain can receive mail. */
export function checkEmail(email: string, extraUndeliverable: readonly string[]): void {
  if (!EMAIL.test(email)) throw badRequest(`responses - {email}Invalid email format`);
  const domain = email.slice(email.lastIndexOf("@") + 1).toLowerCase();
  const tld = domain.slice(domain.lastIndexOf(".") + 1);
  const bad =
    RESERVED_TLDS.includes(tld) ||
    RESERVED_DOMAINS.some((d) => domain === d || domain.endsWith(`.${d}`)) ||
    extraUndeliverable.some((d) => domain === d.toLowerCase());
  if (bad) {
    // Seen live (NOTES.md): the library HttpError's code at the top, its translation in error.message.
    throw new FakeHttpError(
      400,
      "HttpError",
      MESSAGES.undeliverable,
      { statusCode: 400, message: "email_domain_cannot_receive_mail" },
      "envelope",
    );
  }
}

/** Booking metadata limits: ≤ 50 keys, keys ≤ 40 chars, values string ≤ 500 / number / boolean. */
export function checkMetadata(value: unknown): Record<string, unknown> {
  if (value === undefined) return {};
  const m = asObject(value, "metadata");
  const keys = Object.keys(m);
  if (keys.length > 50) throw badRequest("metadata must have at most 50 keys");
  for (const k of keys) {
    const v = m[k];
    if (k.length > 40) throw badRequest("metadata keys must be at most 40 characters");
    const okValue =
      (typeof v === "string" && v.length <= 500) || typeof v === "number" || typeof v === "boolean";
    if (!okValue)
      throw badRequest("metadata values must be strings up to 500 characters, numbers or booleans");
  }
  return m;
}

/** Unknown query parameters are refused like unknown body properties. */
export function checkQuery(query: Record<string, string>, allowed: readonly string[]): void {
  for (const key of Object.keys(query)) {
    if (!allowed.includes(key)) throw badRequest(`property ${key} should not exist`);
  }
}

/** A strict ISO-8601 date-time or date, as class-validator IsISO8601({strict:true}) accepts. */
export function isoFilter(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const t = Date.parse(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(t)) {
    throw badRequest(`${name} must be a valid ISO 8601 date.`);
  }
  return t;
}

import type { Language } from "../../config.js";
import type { AccessRequest } from "../../db/access-requests.js";
import type { ApprovedUser } from "../../db/users.js";
import type { Messages, RequestView } from "../../i18n/index.js";
import { longDateTime } from "../../time/slots.js";
import { zoneLabel } from "../../time/zones.js";

type Person = Pick<AccessRequest | ApprovedUser, "firstName" | "lastName" | "username"> & {
  telegramId: number;
};

const ZWJ = "\u200D";

/**
 * A name as plain text that Telegram turns into nothing clickable. Anyone may call themselves
 * "@admin", "https://evil.example", "#free" or "/revoke"; Telegram finds mentions, links, emails,
 * hashtags, cashtags and commands in any text a bot sends. A zero-width joiner (invisible) after
 * each @ # $, inside "://", after a dot within a word and after a word-initial / breaks every one
 * of those patterns, and the name still reads the same.
 */
export function plainName(name: string): string {
  return name
    .replace(/[@#$]/g, (c) => c + ZWJ)
    .replace(/:\/\//g, `:${ZWJ}//`)
    .replace(/(^|[^\p{L}\p{N}_])\//gu, `$1/${ZWJ}`)
    .replace(/\.(?=[\p{L}\p{N}])/gu, `.${ZWJ}`);
}

/**
 * How a person is shown to admins: their Telegram names as plain text (see plainName), or their id
 * when we know nothing else. The username is Telegram's own (letters, digits, _), safe as a mention.
 */
export function personView(p: Person): RequestView {
  const name = [p.firstName, p.lastName].filter((s) => s && s.trim() !== "").join(" ");
  return { name: name ? plainName(name) : `ID ${p.telegramId}`, username: p.username, id: p.telegramId };
}

/**
 * A meeting's local date and time, and its zone labelled with the offset at the meeting's time
 * (it may differ from today's across a DST change).
 */
export function meetingWhenParts(
  startUtc: string,
  zone: string,
  lang: Language,
): { when: string; zone: string } {
  return { when: longDateTime(startUtc, zone, lang), zone: zoneLabel(zone, lang, Date.parse(startUtc)) };
}

/** "Monday, 2 March, 10:00 (Moscow, UTC+3)": a meeting's local date and time with its zone. */
export function meetingWhen(startUtc: string, zone: string, lang: Language): string {
  const parts = meetingWhenParts(startUtc, zone, lang);
  return `${parts.when} (${parts.zone})`;
}

/** How the meeting happens, from Cal.com's location. */
export function howItHappens(location: string | null, t: Messages): string {
  if (!location) return t.booking.howUnknown;
  if (/^https?:\/\//.test(location)) return location;
  if (/^integrations?:|cal-?video|daily|zoom|google|meet|teams/i.test(location)) return t.booking.howOnline;
  return location;
}

/** "Anna K (@anna_k)" from stored names, or null when none is stored (a person known by id only). */
export function storedPerson(
  names: { firstName: string; lastName: string | null; username: string | null } | undefined,
): string | null {
  if (!names) return null;
  const name = [names.firstName, names.lastName].filter((s) => s && s.trim() !== "").join(" ");
  if (!name && !names.username) return null;
  if (!names.username) return name;
  return name ? `${name} (@${names.username})` : `@${names.username}`;
}

/** "Anna K (@anna_k), ID 501" (or "ID 501"): a person in an admin notice. */
export function personWithId(
  names: { firstName: string; lastName: string | null; username: string | null } | undefined,
  id: number,
): string {
  const person = storedPerson(names);
  return person ? `${person}, ID ${id}` : `ID ${id}`;
}

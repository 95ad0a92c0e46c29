import { DateTime, IANAZone } from "luxon";
import { iso as toIso } from "../clock.js";
import type { Language } from "../config.js";

export interface LocalSlot {
  /** The slot's start as Cal.com gave it, in UTC ISO. */
  startUtc: string;
  /** "HH:MM", 24-hour, in the user's zone. */
  label: string;
}

export interface LocalDay {
  /** "yyyy-MM-dd" in the user's zone. */
  date: string;
  slots: LocalSlot[];
}

/**
 * Groups UTC slot starts into the user's local days. Conversion uses only the zone given, never
 * the server's zone; a 23:30 UTC slot is the next day in Vladivostok.
 *
 * The dialog redraws this page on every update it replays, for hundreds of starts, so the common
 * case (ISO starts with an offset, an IANA zone) avoids building a luxon DateTime per start: the
 * zone's offset is looked up once per instant and cached, and the fields are read off a shifted Date.
 */
export function groupByLocalDay(startsUtc: readonly string[], zone: string): LocalDay[] {
  if (!isIanaZone(zone)) return groupWithLuxon(startsUtc, zone);
  const unique = new Map<number, string>();
  for (const s of startsUtc) {
    const ms = instantOf(s);
    if (ms !== undefined && !unique.has(ms)) unique.set(ms, utcIso(ms));
  }
  const days = new Map<string, LocalSlot[]>();
  for (const ms of [...unique.keys()].sort((a, b) => a - b)) {
    const local = new Date(ms + offsetMinutes(zone, ms) * 60_000);
    const date = `${pad(local.getUTCFullYear(), 4)}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}`;
    const list = days.get(date) ?? [];
    list.push({
      startUtc: unique.get(ms) as string,
      label: `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}`,
    });
    days.set(date, list);
  }
  return [...days].map(([date, slots]) => ({ date, slots }));
}

/** An ISO date-time with an explicit offset, which Date.parse reads exactly as luxon does. */
const STRICT_ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d(?::\d\d(?:\.\d{1,3})?)?(?:Z|[+-]\d\d:\d\d)$/;

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

const instants = new Map<string, number | undefined>();
const isoByInstant = new Map<number, string>();

function instantOf(s: string): number | undefined {
  if (instants.has(s)) return instants.get(s);
  let ms = STRICT_ISO.test(s) ? Date.parse(s) : parsedWithLuxon(s);
  if (ms !== undefined && Number.isNaN(ms)) ms = undefined;
  if (instants.size >= 20_000) instants.clear();
  instants.set(s, ms);
  return ms;
}

function utcIso(ms: number): string {
  let iso = isoByInstant.get(ms);
  if (iso === undefined) {
    iso = toIso(ms);
    if (isoByInstant.size >= 20_000) isoByInstant.clear();
    isoByInstant.set(ms, iso);
  }
  return iso;
}

function parsedWithLuxon(s: string): number | undefined {
  const d = DateTime.fromISO(s, { setZone: true });
  return d.isValid ? d.toMillis() : undefined;
}

const ianaZones = new Map<string, boolean>();
function isIanaZone(zone: string): boolean {
  let valid = ianaZones.get(zone);
  if (valid === undefined) {
    valid = IANAZone.isValidZone(zone);
    if (ianaZones.size < 1000) ianaZones.set(zone, valid);
  }
  return valid;
}

/** The zone's UTC offset at an instant, in minutes (cached: slots repeat across users and updates). */
const offsets = new Map<string, Map<number, number>>();
function offsetMinutes(zone: string, ms: number): number {
  let byInstant = offsets.get(zone);
  if (!byInstant) {
    byInstant = new Map();
    offsets.set(zone, byInstant);
  }
  let offset = byInstant.get(ms);
  if (offset === undefined) {
    offset = IANAZone.create(zone).offset(ms);
    if (byInstant.size >= 20_000) byInstant.clear();
    byInstant.set(ms, offset);
  }
  return offset;
}

/** The general path (any zone luxon understands, any ISO form). */
function groupWithLuxon(startsUtc: readonly string[], zone: string): LocalDay[] {
  const days = new Map<string, LocalSlot[]>();
  const unique = new Map<number, DateTime>();
  for (const s of startsUtc) {
    const d = DateTime.fromISO(s, { setZone: true });
    if (d.isValid) unique.set(d.toMillis(), d);
  }
  const sorted = [...unique.values()].sort((a, b) => a.toMillis() - b.toMillis());
  for (const utc of sorted) {
    const local = utc.setZone(zone);
    const date = local.toFormat("yyyy-MM-dd");
    const list = days.get(date) ?? [];
    list.push({ startUtc: utc.toUTC().toISO() ?? "", label: local.toFormat("HH:mm") });
    days.set(date, list);
  }
  return [...days].map(([date, slots]) => ({ date, slots }));
}

export interface PageLimits {
  maxDays: number;
  /** Slot buttons per page (Telegram allows 100 buttons in a keyboard; leave room for the rest). */
  maxSlots: number;
}

export const DEFAULT_PAGE_LIMITS: PageLimits = { maxDays: 3, maxSlots: 36 };

/**
 * Splits days into pages of a few days. A day is never split across pages; a day with more slots
 * than a page holds gets a page of its own.
 */
export function paginateDays(
  days: readonly LocalDay[],
  limits: PageLimits = DEFAULT_PAGE_LIMITS,
): LocalDay[][] {
  const pages: LocalDay[][] = [];
  let page: LocalDay[] = [];
  let count = 0;
  for (const day of days) {
    if (page.length > 0 && (page.length >= limits.maxDays || count + day.slots.length > limits.maxSlots)) {
      pages.push(page);
      page = [];
      count = 0;
    }
    page.push(day);
    count += day.slots.length;
  }
  if (page.length > 0) pages.push(page);
  return pages;
}

const capitalise = (s: string) => s.charAt(0).toLocaleUpperCase() + s.slice(1);

/** Results of pure formatting functions (the dialog redraws the same texts on every replay). */
function memo<A extends string[]>(fn: (...args: A) => string): (...args: A) => string {
  const cache = new Map<string, string>();
  return (...args: A) => {
    const key = args.join("|");
    let value = cache.get(key);
    if (value === undefined) {
      value = fn(...args);
      if (cache.size >= 5000) cache.clear();
      cache.set(key, value);
    }
    return value;
  };
}

/** "Пн, 24 ноября" / "Mon, 24 November" for a local date. */
export const dayHeader: (date: string, lang: Language) => string = memo((date: string, lang: Language) => {
  const d = DateTime.fromISO(date, { zone: "utc" }).setLocale(lang);
  return capitalise(d.toFormat("ccc, d MMMM"));
});

/** "понедельник, 24 ноября 2026, 10:00" / "Monday, 24 November 2026, 10:00" in the zone. */
export const longDateTime: (utcIso: string, zone: string, lang: Language) => string = memo(
  (utcIso: string, zone: string, lang: Language) => {
    const d = DateTime.fromISO(utcIso, { setZone: true }).setZone(zone).setLocale(lang);
    return d.toFormat("cccc, d MMMM yyyy, HH:mm");
  },
);

/** "24.11.2026 10:00" — compact local time for admin notices and lists. */
export function shortLocal(utcIso: string, zone: string): string {
  return DateTime.fromISO(utcIso, { setZone: true }).setZone(zone).toFormat("dd.MM.yyyy HH:mm");
}

/** "24.11 10:00" — short enough for a button. */
export function buttonLabel(utcIso: string, zone: string): string {
  return DateTime.fromISO(utcIso, { setZone: true }).setZone(zone).toFormat("dd.MM HH:mm");
}

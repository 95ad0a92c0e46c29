import { DateTime } from "luxon";
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
 */
export function groupByLocalDay(startsUtc: readonly string[], zone: string): LocalDay[] {
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

/** "Пн, 24 ноября" / "Mon, 24 November" for a local date. */
export function dayHeader(date: string, lang: Language): string {
  const d = DateTime.fromISO(date, { zone: "utc" }).setLocale(lang);
  return capitalise(d.toFormat("ccc, d MMMM"));
}

/** "понедельник, 24 ноября 2026, 10:00" / "Monday, 24 November 2026, 10:00" in the zone. */
export function longDateTime(utcIso: string, zone: string, lang: Language): string {
  const d = DateTime.fromISO(utcIso, { setZone: true }).setZone(zone).setLocale(lang);
  return d.toFormat("cccc, d MMMM yyyy, HH:mm");
}

/** "24.11.2026 10:00" — compact local time for admin notices and lists. */
export function shortLocal(utcIso: string, zone: string): string {
  return DateTime.fromISO(utcIso, { setZone: true }).setZone(zone).toFormat("dd.MM.yyyy HH:mm");
}

/** "24.11 10:00" — short enough for a button. */
export function buttonLabel(utcIso: string, zone: string): string {
  return DateTime.fromISO(utcIso, { setZone: true }).setZone(zone).toFormat("dd.MM HH:mm");
}

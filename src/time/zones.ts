import { DateTime, IANAZone } from "luxon";
import type { Language } from "../config.js";

export interface ZoneChoice {
  zone: string;
  city: Record<Language, string>;
}

/** The eleven Russian time zones, west to east, with the city people know them by. */
export const RUSSIAN_ZONES: readonly ZoneChoice[] = [
  { zone: "Europe/Kaliningrad", city: { ru: "Калининград", en: "Kaliningrad" } },
  { zone: "Europe/Moscow", city: { ru: "Москва", en: "Moscow" } },
  { zone: "Europe/Samara", city: { ru: "Самара", en: "Samara" } },
  { zone: "Asia/Yekaterinburg", city: { ru: "Екатеринбург", en: "Yekaterinburg" } },
  { zone: "Asia/Omsk", city: { ru: "Омск", en: "Omsk" } },
  { zone: "Asia/Krasnoyarsk", city: { ru: "Красноярск", en: "Krasnoyarsk" } },
  { zone: "Asia/Irkutsk", city: { ru: "Иркутск", en: "Irkutsk" } },
  { zone: "Asia/Yakutsk", city: { ru: "Якутск", en: "Yakutsk" } },
  { zone: "Asia/Vladivostok", city: { ru: "Владивосток", en: "Vladivostok" } },
  { zone: "Asia/Magadan", city: { ru: "Магадан", en: "Magadan" } },
  { zone: "Asia/Kamchatka", city: { ru: "Камчатка", en: "Kamchatka" } },
];

/** Cities people abroad or travelling may type instead of an IANA name (either language). */
const CITIES: Record<string, string> = {
  berlin: "Europe/Berlin",
  берлин: "Europe/Berlin",
  london: "Europe/London",
  лондон: "Europe/London",
  paris: "Europe/Paris",
  париж: "Europe/Paris",
  warsaw: "Europe/Warsaw",
  варшава: "Europe/Warsaw",
  prague: "Europe/Prague",
  прага: "Europe/Prague",
  riga: "Europe/Riga",
  рига: "Europe/Riga",
  vilnius: "Europe/Vilnius",
  вильнюс: "Europe/Vilnius",
  tallinn: "Europe/Tallinn",
  таллин: "Europe/Tallinn",
  helsinki: "Europe/Helsinki",
  хельсинки: "Europe/Helsinki",
  minsk: "Europe/Minsk",
  минск: "Europe/Minsk",
  kyiv: "Europe/Kyiv",
  kiev: "Europe/Kyiv",
  киев: "Europe/Kyiv",
  belgrade: "Europe/Belgrade",
  белград: "Europe/Belgrade",
  istanbul: "Europe/Istanbul",
  стамбул: "Europe/Istanbul",
  tbilisi: "Asia/Tbilisi",
  тбилиси: "Asia/Tbilisi",
  yerevan: "Asia/Yerevan",
  ереван: "Asia/Yerevan",
  baku: "Asia/Baku",
  баку: "Asia/Baku",
  almaty: "Asia/Almaty",
  алматы: "Asia/Almaty",
  astana: "Asia/Almaty",
  астана: "Asia/Almaty",
  tashkent: "Asia/Tashkent",
  ташкент: "Asia/Tashkent",
  bishkek: "Asia/Bishkek",
  бишкек: "Asia/Bishkek",
  dubai: "Asia/Dubai",
  дубай: "Asia/Dubai",
  "tel aviv": "Asia/Jerusalem",
  "тель-авив": "Asia/Jerusalem",
  bangkok: "Asia/Bangkok",
  бангкок: "Asia/Bangkok",
  bali: "Asia/Makassar",
  бали: "Asia/Makassar",
  "new york": "America/New_York",
  "нью-йорк": "America/New_York",
  "los angeles": "America/Los_Angeles",
  "лос-анджелес": "America/Los_Angeles",
  toronto: "America/Toronto",
  торонто: "America/Toronto",
};

/** Example cities shown to the user when they pick "Other…". */
export const EXAMPLE_CITIES: Record<Language, string> = {
  ru: "Берлин, Лондон, Тбилиси, Ереван, Алматы, Ташкент, Стамбул, Дубай, Нью-Йорк",
  en: "Berlin, London, Tbilisi, Yerevan, Almaty, Tashkent, Istanbul, Dubai, New York",
};

let canonical: Map<string, string> | undefined;
function canonicalZones(): Map<string, string> {
  canonical ??= new Map(Intl.supportedValuesOf("timeZone").map((z) => [z.toLowerCase(), z]));
  return canonical;
}

/**
 * Reads what a user typed for "Other…": an IANA zone in any letter case (`europe/berlin`) or a
 * known city. Returns the canonical zone name, or undefined when it is not a real zone.
 */
export function parseZoneInput(input: string): string | undefined {
  const text = input.trim().replace(/\s+/g, " ");
  if (text.length === 0 || text.length > 64) return undefined;
  const city = CITIES[text.toLowerCase()];
  if (city) return city;
  const candidate = text.replace(/ /g, "_");
  const known = canonicalZones().get(candidate.toLowerCase());
  if (known) return known;
  // Zones the runtime knows but does not list (aliases such as Europe/Kiev).
  return candidate.includes("/") && IANAZone.isValidZone(candidate) ? candidate : undefined;
}

const offsetLabels = new Map<string, string>();

/** "UTC+3", "UTC+5:30", "UTC−1" (with a real minus sign) at the given moment. */
export function utcOffsetLabel(zone: string, atMs: number): string {
  // Offsets change only on whole minutes: one lookup per zone and minute (the dialog redraws the
  // eleven zone buttons on every update it replays).
  const minute = Math.floor(atMs / 60_000);
  const key = `${zone}|${minute}`;
  let label = offsetLabels.get(key);
  if (label === undefined) {
    label = offsetLabel(zone, minute * 60_000);
    if (offsetLabels.size >= 1000) offsetLabels.clear();
    offsetLabels.set(key, label);
  }
  return label;
}

function offsetLabel(zone: string, atMs: number): string {
  const minutes = DateTime.fromMillis(atMs, { zone }).offset;
  const sign = minutes < 0 ? "−" : "+";
  const abs = Math.abs(minutes);
  const h = Math.floor(abs / 60);
  const m = abs % 60;
  return `UTC${sign}${h}${m ? `:${String(m).padStart(2, "0")}` : ""}`;
}

/** How a zone is named to the user: "Москва (UTC+3)" or "Europe/Berlin (UTC+1)". */
export function zoneLabel(zone: string, lang: Language, atMs: number): string {
  const known = RUSSIAN_ZONES.find((z) => z.zone === zone);
  return `${known ? known.city[lang] : zone} (${utcOffsetLabel(zone, atMs)})`;
}

export function isValidZone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}

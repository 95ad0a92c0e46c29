import { IANAZone } from "luxon";
import { z } from "zod";

/** Languages the bot speaks. */
export const LANGUAGES = ["ru", "en"] as const;
export type Language = (typeof LANGUAGES)[number];

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

const positiveInt = (max: number) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, "must be a whole number")
    .transform(Number)
    .pipe(z.number().int().min(1).max(max));

const optionalString = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v === "" ? undefined : v));

const url = z
  .string()
  .trim()
  .url()
  .refine((v) => /^https?:\/\//.test(v), "must be an http(s) URL")
  .transform((v) => v.replace(/\/+$/, ""));

const email = z.string().trim().email();

const schema = z.object({
  TELEGRAM_BOT_TOKEN: z
    .string()
    .trim()
    .regex(/^\d+:[A-Za-z0-9_-]{20,}$/, "must look like 123456:ABC… from BotFather"),
  ADMIN_TELEGRAM_ID: z
    .string()
    .trim()
    .regex(/^\s*\d{1,15}(\s*,\s*\d{1,15})*\s*$/, "must be numeric Telegram IDs, comma-separated")
    .transform((v) => [...new Set(v.split(",").map((s) => Number(s.trim())))]),
  CALCOM_API_KEY: z
    .string()
    .trim()
    .regex(/^cal_[A-Za-z0-9_]{8,}$/, "must be a Cal.com API key (cal_live_… or cal_test_…)"),
  CALCOM_EVENT_TYPE_ID: optionalString.pipe(positiveInt(2_147_483_647).optional()),
  CALCOM_USERNAME: optionalString,
  CALCOM_EVENT_SLUG: optionalString.transform((v) => v ?? "step"),
  CALCOM_FALLBACK_EMAIL: optionalString.pipe(
    email.refine((v) => !v.split("@")[0]?.includes("+"), "must be a plain address without +tag").optional(),
  ),
  CALCOM_BOOKINGS_API_VERSION: optionalString.pipe(
    z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date like 2026-02-25")
      .optional(),
  ),
  CALCOM_API_URL: optionalString.pipe(url.optional()),
  TELEGRAM_API_ROOT: optionalString.pipe(url.optional()),
  DATABASE_PATH: optionalString,
  HEALTH_PORT: optionalString.pipe(
    z
      .string()
      .regex(/^\d+$/, "must be a port number")
      .transform(Number)
      .pipe(z.number().int().min(0).max(65535))
      .optional(),
  ),
  LOG_LEVEL: optionalString.pipe(z.enum(LOG_LEVELS).optional()),
  AVAILABILITY_CACHE_TTL_SECONDS: optionalString.pipe(positiveInt(86_400).optional()),
  BOOKING_WINDOW_DAYS: optionalString.pipe(positiveInt(90).optional()),
  CONVERSATION_TIMEOUT_MINUTES: optionalString.pipe(positiveInt(24 * 60).optional()),
  REMINDER_OFFSETS_MINUTES: optionalString.pipe(
    z
      .string()
      .regex(/^\s*\d+(\s*,\s*\d+)*\s*$/, "must be minutes, comma-separated, e.g. 1440,60")
      .transform((v) =>
        [...new Set(v.split(",").map((s) => Number(s.trim())))].filter((n) => n > 0).sort((a, b) => b - a),
      )
      .optional(),
  ),
  BOOKING_SYNC_INTERVAL_SECONDS: optionalString.pipe(positiveInt(86_400).optional()),
  MAX_UPCOMING_BOOKINGS_PER_USER: optionalString.pipe(positiveInt(1000).optional()),
  DEFAULT_LANGUAGE: optionalString.pipe(z.enum(LANGUAGES).optional()),
  INVITE_TTL_DAYS: optionalString.pipe(positiveInt(365).optional()),
  ADMIN_TIMEZONE: optionalString.pipe(
    z
      .string()
      .refine((v) => IANAZone.isValidZone(v), "must be an IANA time zone such as Europe/Moscow")
      .optional(),
  ),
});

export interface Config {
  telegram: { token: string; apiRoot: string };
  adminIds: readonly number[];
  calcom: {
    apiKey: string;
    apiUrl: string;
    eventTypeId: number | undefined;
    username: string | undefined;
    eventSlug: string;
    fallbackEmail: string | undefined;
    bookingsApiVersion: string;
  };
  databasePath: string;
  healthPort: number;
  logLevel: (typeof LOG_LEVELS)[number];
  availabilityCacheTtlSeconds: number;
  bookingWindowDays: number;
  conversationTimeoutMinutes: number;
  reminderOffsetsMinutes: readonly number[];
  /** How often the bot compares its bookings with Cal.com (changes the sponsor made there). */
  bookingSyncIntervalSeconds: number;
  /** Upcoming bookings one member may hold; admins are exempt. */
  maxUpcomingBookingsPerUser: number;
  defaultLanguage: Language;
  /** Zone in which admins see times (the sponsor's own zone). */
  adminTimezone: string;
  /** How long a one-time invite link stays valid. */
  inviteTtlDays: number;
}

/** A configuration problem: names the variables, never their values. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration: ${problems.join("; ")}`);
    this.name = "ConfigError";
  }
}

/** Parses the environment into a typed Config; throws ConfigError naming every bad variable. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const result = schema.safeParse(env);
  const problems = new Map<string, string>();
  for (const issue of result.success ? [] : result.error.issues) {
    const name = String(issue.path[0] ?? "environment");
    if (!problems.has(name))
      problems.set(name, issue.code === "invalid_type" ? "is required" : issue.message);
  }
  // Checked on the raw values so that it is reported together with every other problem.
  const given = (name: string) => (env[name] ?? "").trim() !== "";
  if (!given("CALCOM_EVENT_TYPE_ID") && !given("CALCOM_USERNAME")) {
    problems.set("CALCOM_EVENT_TYPE_ID", "is required (or CALCOM_USERNAME + CALCOM_EVENT_SLUG)");
  }
  if (!result.success || problems.size > 0) {
    throw new ConfigError([...problems].map(([name, msg]) => `${name} ${msg}`));
  }
  const e = result.data;
  return {
    telegram: { token: e.TELEGRAM_BOT_TOKEN, apiRoot: e.TELEGRAM_API_ROOT ?? "https://api.telegram.org" },
    adminIds: e.ADMIN_TELEGRAM_ID,
    calcom: {
      apiKey: e.CALCOM_API_KEY,
      apiUrl: e.CALCOM_API_URL ?? "https://api.cal.com/v2",
      eventTypeId: e.CALCOM_EVENT_TYPE_ID,
      username: e.CALCOM_USERNAME,
      eventSlug: e.CALCOM_EVENT_SLUG,
      fallbackEmail: e.CALCOM_FALLBACK_EMAIL,
      bookingsApiVersion: e.CALCOM_BOOKINGS_API_VERSION ?? "2026-02-25",
    },
    databasePath: e.DATABASE_PATH ?? "./data/telecalbot.db",
    healthPort: e.HEALTH_PORT ?? 8080,
    logLevel: e.LOG_LEVEL ?? "info",
    availabilityCacheTtlSeconds: e.AVAILABILITY_CACHE_TTL_SECONDS ?? 300,
    bookingWindowDays: e.BOOKING_WINDOW_DAYS ?? 14,
    conversationTimeoutMinutes: e.CONVERSATION_TIMEOUT_MINUTES ?? 30,
    reminderOffsetsMinutes: e.REMINDER_OFFSETS_MINUTES ?? [1440, 60],
    bookingSyncIntervalSeconds: e.BOOKING_SYNC_INTERVAL_SECONDS ?? 120,
    maxUpcomingBookingsPerUser: e.MAX_UPCOMING_BOOKINGS_PER_USER ?? 4,
    defaultLanguage: e.DEFAULT_LANGUAGE ?? "ru",
    adminTimezone: e.ADMIN_TIMEZONE ?? "Europe/Moscow",
    inviteTtlDays: e.INVITE_TTL_DAYS ?? 7,
  };
}

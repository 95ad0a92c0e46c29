import { pathToFileURL } from "node:url";
import { request } from "undici";
import { newReference } from "./bookings/inputs.js";
import type { EventTypeInfo } from "./calcom/index.js";
import {
  assessEventType,
  type CalcomApi,
  CalcomError,
  createCalcomApi,
  EventTypeConfigError,
  type FetchOptions,
  resolveEventType,
} from "./calcom/index.js";
import { type Clock, iso, systemClock } from "./clock.js";
import { type Config, ConfigError, parseConfig } from "./config.js";
import { EndpointLog } from "./doctor-endpoints.js";
import { createLogger } from "./log.js";

/**
 * `npm run doctor [-- --write]`: checks a configuration against the live services and says in
 * plain words what is wrong. Read-only unless --write, which books and cancels one test meeting.
 */
export interface DoctorOptions {
  config: Config;
  /** Also create and cancel a test booking. */
  write: boolean;
  out: { write(text: string): unknown };
  clock?: Clock;
  fetchOptions?: FetchOptions;
}

type Say = (mark: "ok" | "bad" | "info" | "warn" | "skip", text: string) => void;

const MARKS = { ok: "✓", bad: "✗", info: "ℹ", warn: "!", skip: "–" } as const;

/** Runs every check, printing one line each; returns the process exit code (0 = all good). */
export async function runDoctor(o: DoctorOptions): Promise<number> {
  let problems = 0;
  const say: Say = (mark, text) => {
    if (mark === "bad") problems++;
    o.out.write(`${MARKS[mark]} ${text}\n`);
  };
  o.out.write(
    `telecalbot doctor: checking the configuration against the live services${o.write ? " (with a test booking)" : " (read-only)"}\n`,
  );
  await checkTelegram(o.config, say);

  const clock = o.clock ?? systemClock;
  const log = createLogger({ level: "silent" });
  const { api: rawApi, http } = createCalcomApi({
    config: o.config,
    clock,
    log,
    fetchOptions: { attempts: 2, ...o.fetchOptions },
  });
  const endpoints = new EndpointLog(rawApi, o.config.calcom.bookingsApiVersion);
  const api = endpoints.api;
  try {
    const me = await checkCalcomKey(o.config, api, say);
    const eventType = me ? await checkEventType(o.config, api, say) : undefined;
    if (!me)
      say("skip", "Event type, availability and bookings not checked: Cal.com did not accept the key.");
    const free = eventType ? await checkSlots(o.config, api, eventType, clock, say) : undefined;
    checkFallback(o.config, say);
    if (me) await checkReadEndpoints(o.config, api, endpoints);
    if (o.write) {
      if (eventType && free?.[0] && me) await testBooking(o.config, api, eventType, free, me.email, say);
      else say("skip", "Test booking not made: the checks above must pass first.");
    } else {
      say(
        "skip",
        `POST /v2/bookings, …/reschedule, …/cancel (cal-api-version ${o.config.calcom.bookingsApiVersion}) not checked: run with --write to book, move and cancel one test meeting.`,
      );
    }
    reportEndpoints(o.config, endpoints, say);
  } finally {
    await http.close();
  }
  o.out.write(problems === 0 ? "All checks passed.\n" : `${problems} problem(s) found.\n`);
  return problems === 0 ? 0 : 1;
}

async function checkTelegram(config: Config, say: Say): Promise<void> {
  const url = `${config.telegram.apiRoot}/bot${config.telegram.token}/getMe`;
  try {
    const res = await request(url, { method: "GET", headersTimeout: 10_000, bodyTimeout: 10_000 });
    const body = (await res.body.json().catch(() => undefined)) as
      | { ok?: boolean; result?: { username?: string; id?: number }; description?: string }
      | undefined;
    if (res.statusCode === 200 && body?.ok && body.result) {
      say(
        "ok",
        `Telegram: the bot token works (@${body.result.username ?? "?"}, id ${body.result.id ?? "?"}).`,
      );
    } else if (res.statusCode === 401 || res.statusCode === 404) {
      say(
        "bad",
        "Telegram refused TELEGRAM_BOT_TOKEN (401 Unauthorized): copy the token again from @BotFather.",
      );
    } else {
      say(
        "bad",
        `Telegram answered HTTP ${res.statusCode} to getMe${body?.description ? `: ${body.description}` : ""}.`,
      );
    }
  } catch (e) {
    say(
      "bad",
      `Cannot reach Telegram at ${config.telegram.apiRoot} (${errorCode(e)}): check TELEGRAM_API_ROOT and the network.`,
    );
  }
}

async function checkCalcomKey(
  config: Config,
  api: CalcomApi,
  say: Say,
): Promise<{ id: number; email: string } | undefined> {
  try {
    const me = await api.me();
    say("ok", `Cal.com: the API key works (account "${me.username ?? me.id}", time zone ${me.timeZone}).`);
    return { id: me.id, email: me.email };
  } catch (e) {
    say("bad", calcomProblem(config, e, "checking the API key"));
    return undefined;
  }
}

async function checkEventType(config: Config, api: CalcomApi, say: Say): Promise<EventTypeInfo | undefined> {
  let et: EventTypeInfo;
  try {
    et = await resolveEventType(api, config.calcom);
  } catch (e) {
    say(
      "bad",
      e instanceof EventTypeConfigError ? e.message : calcomProblem(config, e, "looking up the event type"),
    );
    return undefined;
  }
  const how = et.locations.map((l) => String(l.integration ?? l.type)).join(", ") || "no location set";
  say(
    "ok",
    `Event type: "${et.title}" (id ${et.id}, slug "${et.slug}"), ${et.lengthInMinutes} minutes, via ${how}.`,
  );
  if (et.lengthInMinutes !== 60) {
    say(
      "warn",
      `The event lasts ${et.lengthInMinutes} minutes; the bot books what Cal.com says, not one hour.`,
    );
  }
  if (et.hidden) say("info", "The event type is hidden on your Cal.com page; the bot can still book it.");
  if (et.bookingRequiresAuthentication) {
    say(
      "warn",
      "The event type only accepts bookings made by its owner's key; make sure CALCOM_API_KEY is the owner's.",
    );
  }
  // What the bot does about each setting that matters (the same lines start-up logs).
  for (const line of assessEventType(et)) say(line.verdict === "refuse" ? "bad" : "info", line.text);
  return et;
}

async function checkSlots(
  config: Config,
  api: CalcomApi,
  et: EventTypeInfo,
  clock: Clock,
  say: Say,
): Promise<string[] | undefined> {
  const now = clock.now();
  const days = config.bookingWindowDays;
  try {
    const starts = await api.slots({
      eventTypeId: et.id,
      startUtc: iso(now),
      endUtc: iso(now + days * 86_400_000),
    });
    const future = starts.filter((s) => Date.parse(s) > now);
    if (future.length === 0) {
      say(
        "bad",
        `No free slots in the next ${days} days: check the event's availability (working hours) in Cal.com.`,
      );
      return undefined;
    }
    say(
      "ok",
      `Availability: ${future.length} free slots in the next ${days} days, the first at ${future[0]} (UTC).`,
    );
    await checkOtherLengths(config, api, et, now, say);
    return future;
  } catch (e) {
    say("bad", calcomProblem(config, e, "reading free slots"));
    return undefined;
  }
}

/** Slots for each length the event type offers besides the default (the `duration` the bot sends). */
async function checkOtherLengths(config: Config, api: CalcomApi, et: EventTypeInfo, now: number, say: Say) {
  const days = config.bookingWindowDays;
  for (const duration of et.lengthOptions.filter((m) => m !== et.lengthInMinutes)) {
    try {
      const starts = await api.slots({
        eventTypeId: et.id,
        startUtc: iso(now),
        endUtc: iso(now + days * 86_400_000),
        duration,
      });
      const n = starts.filter((s) => Date.parse(s) > now).length;
      say(
        n > 0 ? "ok" : "warn",
        `Availability for ${duration} minutes: ${n} free slots in the next ${days} days.`,
      );
    } catch (e) {
      say("bad", calcomProblem(config, e, `reading free slots for ${duration} minutes`));
    }
  }
}

function checkFallback(config: Config, say: Say): void {
  const mailbox = config.calcom.fallbackEmail;
  if (mailbox === undefined) {
    say("info", "CALCOM_FALLBACK_EMAIL is not set: every user will be asked for an email address.");
  } else {
    const domain = mailbox.slice(mailbox.lastIndexOf("@"));
    say("ok", `Fallback mailbox set (…${domain}): users may skip email; it receives their Cal.com mail.`);
  }
}

async function testBooking(
  config: Config,
  api: CalcomApi,
  et: EventTypeInfo,
  free: readonly string[],
  ownerEmail: string,
  say: Say,
): Promise<void> {
  const start = free[0] as string;
  const mailbox = config.calcom.fallbackEmail;
  const email = mailbox
    ? `${mailbox.slice(0, mailbox.lastIndexOf("@"))}+doctor${mailbox.slice(mailbox.lastIndexOf("@"))}`
    : ownerEmail;
  let uid: string;
  try {
    const b = await api.createBooking({
      start,
      eventTypeId: et.id,
      attendee: { name: "telecalbot doctor", email, timeZone: "UTC", language: "en" },
      metadata: { bookingReference: newReference(), source: "telecalbot-doctor" },
    });
    uid = b.uid;
  } catch (e) {
    const hint =
      e instanceof CalcomError && e.kind === "invalid_email"
        ? " Cal.com refused the address: CALCOM_FALLBACK_EMAIL must be a real mailbox on a domain that receives mail."
        : "";
    say("bad", `${calcomProblem(config, e, "creating a test booking")}${hint}`);
    if (e instanceof CalcomError && e.ambiguous) {
      say(
        "warn",
        `Look in Cal.com for a booking by "telecalbot doctor" at ${start} and cancel it if it exists.`,
      );
    }
    return;
  }
  uid = await testMove(config, api, uid, free[1], say);
  try {
    await api.cancelBooking(uid, "telecalbot doctor: test booking");
    say("ok", `Test booking at ${start} (UTC) created and cancelled (uid ${uid}).`);
  } catch {
    say("bad", `The test booking ${uid} was created but NOT cancelled: cancel it in Cal.com by hand.`);
  }
}

/** Moves the test booking to the next free time; returns the uid to cancel (the new one if moved). */
async function testMove(
  config: Config,
  api: CalcomApi,
  uid: string,
  to: string | undefined,
  say: Say,
): Promise<string> {
  if (to === undefined) {
    say("skip", "Moving the test booking not checked: only one free time in the window.");
    return uid;
  }
  try {
    const moved = await api.rescheduleBooking(uid, to, { reason: "telecalbot doctor: test move" });
    say("ok", `Test booking moved to ${to} (UTC).`);
    return moved.uid;
  } catch (e) {
    say("bad", calcomProblem(config, e, "moving the test booking"));
    return uid;
  }
}

/**
 * The reads the bot makes that the checks above did not: list bookings (also whether Cal.com
 * really filters by attendee, which its old code behind a wrong version silently does not) and
 * get one booking. Prints nothing personal.
 */
async function checkReadEndpoints(config: Config, api: CalcomApi, endpoints: EndpointLog): Promise<void> {
  let uid: string | undefined;
  try {
    uid = (await api.listBookings({ status: "upcoming", take: 1 }))[0]?.uid;
    const probe = `telecalbot-doctor-probe-${newReference().slice(4, 12).toLowerCase()}@example.com`;
    const others = (await api.listBookings({ attendeeEmail: probe, status: "upcoming", take: 5 })).filter(
      (b) => b.attendee?.email.toLowerCase() !== probe,
    );
    if (others.length > 0) {
      endpoints.fail(
        "listBookings",
        `does NOT filter by attendeeEmail (Cal.com's fallback code for an unknown version): set CALCOM_BOOKINGS_API_VERSION to ${config.calcom.bookingsApiVersion === "2024-08-13" ? "2026-02-25" : "2024-08-13"}`,
      );
    }
  } catch {
    return; // recorded by the endpoint log
  }
  if (uid !== undefined) await api.getBooking(uid).catch(() => undefined);
}

/** One line per endpoint the bot uses, with the version sent; a bookings version that fails is named. */
function reportEndpoints(config: Config, endpoints: EndpointLog, say: Say): void {
  let bookingsFail = false;
  for (const line of endpoints.lines()) {
    if (line.ok === false && line.text.includes("/v2/bookings")) bookingsFail = true;
    say(line.ok === undefined ? "skip" : line.ok ? "ok" : "bad", line.text);
  }
  if (bookingsFail) {
    const v = config.calcom.bookingsApiVersion;
    say(
      "info",
      `CALCOM_BOOKINGS_API_VERSION=${v} may not be one this Cal.com knows. Known to work: 2024-08-13 (in the OpenAPI document) and 2026-02-25 (in Cal.com's source, the default); set the other one and run the doctor again.`,
    );
  }
}

/** A Cal.com failure in words an operator can act on. */
function calcomProblem(config: Config, e: unknown, doing: string): string {
  if (!(e instanceof CalcomError)) return `Unexpected error while ${doing}: ${String(e)}`;
  switch (e.kind) {
    case "auth":
      return `Cal.com refused CALCOM_API_KEY (HTTP ${e.status}) while ${doing}: the key is wrong, expired or revoked. Create one in Cal.com → Settings → Developer → API keys.`;
    case "rate_limited":
      return `Cal.com is rate-limiting this key while ${doing}; wait a minute and run the doctor again.`;
    case "unavailable":
      return e.status === undefined
        ? `Cannot reach Cal.com at ${config.calcom.apiUrl} while ${doing} (${e.code}): check CALCOM_API_URL and the network.`
        : `Cal.com answered HTTP ${e.status} while ${doing}; it may be down, try again later.${
            doing.includes("booking")
              ? ` If it persists, check CALCOM_BOOKINGS_API_VERSION (now ${config.calcom.bookingsApiVersion}).`
              : ""
          }`;
    case "not_found":
      return `Cal.com found nothing while ${doing} (HTTP 404): check CALCOM_API_URL (now ${config.calcom.apiUrl}).`;
    default:
      return `Cal.com refused ${doing}: ${e.kind}${e.apiMessage ? ` (${e.apiMessage})` : ""}.`;
  }
}

function errorCode(e: unknown): string {
  const code =
    (e as { code?: unknown; cause?: { code?: unknown } }).code ??
    (e as { cause?: { code?: unknown } }).cause?.code;
  return typeof code === "string" ? code : "network error";
}

async function main(): Promise<void> {
  await import("dotenv/config");
  let config: Config;
  try {
    config = parseConfig(process.env);
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stdout.write(
        `✗ The configuration is incomplete or malformed:\n${e.problems.map((p) => `  - ${p}`).join("\n")}\n`,
      );
      process.exit(1);
    }
    throw e;
  }
  const code = await runDoctor({ config, write: process.argv.includes("--write"), out: process.stdout });
  process.exit(code);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  void main();
}

import { Writable } from "node:stream";
import { type FakeCalcom, type FakeCalcomOptions, startFakeCalcom } from "../../../fakes/calcom/index.js";
import type { CreateBookingInput } from "../../../src/bookings/inputs.js";
import { failureKind } from "../../../src/bookings/outcomes.js";
import { BookingService } from "../../../src/bookings/service.js";
import type { CalcomError } from "../../../src/calcom/index.js";
import { type CalcomClient, connectCalcom, type FetchOptions } from "../../../src/calcom/index.js";
import type { Config } from "../../../src/config.js";
import { createStore } from "../../../src/db/index.js";
import { migrate } from "../../../src/db/migrate.js";
import { type Db, openDatabase } from "../../../src/db/open.js";
import { createLogger } from "../../../src/log.js";

/** A clock tests move by hand; `sleep` on it advances virtual time instead of waiting. */
export class ManualClock {
  constructor(private t: number) {}
  now = (): number => this.t;
  set(t: number): void {
    this.t = t;
  }
  advance(ms: number): void {
    this.t += ms;
  }
  /** Lets already-resolved work run first, then moves time on by `ms`. */
  sleep = (ms: number): Promise<void> =>
    new Promise((resolve) =>
      setImmediate(() => {
        this.t += Math.max(0, ms);
        resolve();
      }),
    );
}

/** Monday 2 March 2026, 06:00 UTC: the fake's default schedule (Mon–Fri 09–17 UTC) lies ahead. */
export const MONDAY_0600 = Date.parse("2026-03-02T06:00:00.000Z");

export async function waitFor(cond: () => boolean, what: string, timeoutMs = 3_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

export interface Harness {
  fake: FakeCalcom;
  /** The domain service the bot books through (journal, lookups, records). */
  bookings: BookingService;
  /** The bare Cal.com API client underneath. */
  client: CalcomClient;
  db: Db;
  clock: ManualClock;
  logs: string[];
  sleeps: number[];
  authFailures: CalcomError[];
  config: Pick<Config, "calcom" | "availabilityCacheTtlSeconds" | "bookingWindowDays">;
  close(): Promise<void>;
}

export interface HarnessOptions {
  fake?: FakeCalcomOptions;
  fetch?: FetchOptions;
  fallbackEmail?: string | undefined;
  bookingsApiVersion?: string;
  apiKey?: string;
  byUsername?: boolean;
  /** Overrides of what the configuration names (default: the fake's first event type). */
  eventTypeId?: number;
  eventSlug?: string;
  ttlSeconds?: number;
  db?: Db;
  clock?: ManualClock;
  /** Use the real clock (for the few tests that measure real request timing). */
  realTime?: boolean;
}

export function logCapture(): { logs: string[]; stream: Writable } {
  const logs: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      logs.push(String(chunk));
      cb();
    },
  });
  return { logs, stream };
}

export function freshDb(): Db {
  const db = openDatabase(":memory:");
  migrate(db);
  return db;
}

export async function startHarness(o: HarnessOptions = {}): Promise<Harness> {
  const clock = o.clock ?? new ManualClock(MONDAY_0600);
  const time = o.realTime ? { now: () => Date.now() } : clock;
  const fake = await startFakeCalcom({ now: time.now, ...o.fake });
  const db = o.db ?? freshDb();
  const { logs, stream } = logCapture();
  const log = createLogger({ level: "debug", destination: stream });
  const sleeps: number[] = [];
  const authFailures: CalcomError[] = [];
  const config = {
    calcom: {
      apiKey: o.apiKey ?? fake.apiKey,
      apiUrl: fake.url,
      eventTypeId: o.byUsername ? undefined : (o.eventTypeId ?? fake.eventTypeId),
      username: o.byUsername ? fake.username : undefined,
      eventSlug: o.eventSlug ?? fake.eventSlug,
      fallbackEmail: "fallbackEmail" in o ? o.fallbackEmail : "owner@mail.ru",
      bookingsApiVersion: o.bookingsApiVersion ?? "2026-02-25",
    },
    availabilityCacheTtlSeconds: o.ttlSeconds ?? 300,
    bookingWindowDays: 14,
  };
  const sleep = async (ms: number) => {
    sleeps.push(ms);
    if (!o.realTime) clock.advance(ms);
  };
  const client = await connectCalcom({
    config,
    clock: time,
    log,
    onAuthFailure: (e) => authFailures.push(e),
    fetchOptions: {
      timeoutMs: 500,
      // Waits happen in virtual time, so a test never sleeps for real.
      sleep,
      ...(o.realTime ? {} : { limiterSleep: clock.sleep }),
      random: () => 0.5,
      ...o.fetch,
    },
  }).catch(async (e: unknown) => {
    await fake.close();
    throw e;
  });
  const bookings = new BookingService({
    calcom: client,
    store: createStore(db, time),
    clock: time,
    log,
    adminIds: [],
    fallbackMailbox: config.calcom.fallbackEmail,
    // These stories are about Cal.com, not the per-member cap: as the default (4), nobody exempt.
    cap: { perMember: 4, exempt: () => false },
  });
  return {
    fake,
    bookings,
    client,
    db,
    clock,
    logs,
    sleeps,
    authFailures,
    config,
    close: async () => {
      await client.close();
      await fake.close();
    },
  };
}

/** Member 7's create of Monday 11:00 UTC (reference ref-A), as the booking dialog would send it. */
export const bookingRequest = (over: Partial<CreateBookingInput> = {}): CreateBookingInput => ({
  reference: "ref-A",
  telegramId: 7,
  startUtc: "2026-03-02T11:00:00.000Z",
  name: "Ольга",
  email: "olga@mail.ru",
  timeZone: "Asia/Yekaterinburg",
  language: "ru",
  ...over,
});

/** "done", or the failure kind a write ended in (what the dialog would tell). */
export const outcomeOf = (p: Promise<unknown>): Promise<string> =>
  p.then(
    () => "done",
    (e: unknown) => failureKind(e),
  );

import type { Clock } from "../clock.js";
import { iso } from "../clock.js";
import type { Logger } from "../log.js";
import type { AvailableSlot } from "./types.js";

export interface AvailabilityDeps {
  /**
   * Free starts (UTC ISO) in [startUtc, endUtc] for a meeting of `lengthMinutes`
   * (undefined: the event type's default length, no `duration` sent).
   */
  fetchSlots: (
    startUtc: string,
    endUtc: string,
    bookingUidToReschedule: string | undefined,
    lengthMinutes: number | undefined,
  ) => Promise<string[]>;
  clock: Clock;
  ttlMs: number;
  windowDays: number;
  /** The event type's default length. */
  durationMinutes: number;
  log: Logger;
  /** How long after a booking the cache asks Cal.com again (bookings in that time share one request). */
  refreshDelayMs?: number | undefined;
}

const REFRESH_DELAY_MS = 2_000;
/**
 * Background refreshes of one length come at most this often, so bookings arriving all the time
 * cost at most 6 slots requests a minute of the 120 the bot may send (the first after a quiet
 * spell still comes REFRESH_DELAY_MS after the booking).
 */
const REFRESH_MIN_GAP_MS = 10_000;

/** Which length a question is about; omitted: the default. */
export interface LengthChoice {
  lengthMinutes?: number | undefined;
}

/**
 * One slot window per meeting length (an event type with several lengths has free starts per
 * length: a 90-minute meeting needs more room than a 30-minute one). A booking takes its time out
 * of every length's window; a cancel or move invalidates them all.
 */
export class AvailabilityCache {
  private readonly byLength = new Map<number, LengthWindow>();

  constructor(private readonly deps: AvailabilityDeps) {}

  /** Free slots of that length from now to the end of the booking window, ascending. */
  async get(
    opts: LengthChoice & { bookingUidToReschedule?: string | undefined } = {},
  ): Promise<AvailableSlot[]> {
    // async: the default length is unknown while Cal.com was never reached, and that rejects.
    return this.window(opts).get(opts);
  }

  /** Starts loading that length's window if it is not fresh; never throws. */
  prefetch(opts: LengthChoice = {}): void {
    try {
      this.window(opts).prefetch();
    } catch (e) {
      this.deps.log.warn({ err: e }, "availability prefetch failed");
    }
  }

  /** Whether that length's window is cached and fresh (get() will not wait for Cal.com). */
  isFresh(opts: LengthChoice = {}): boolean {
    try {
      return this.window(opts).isFresh();
    } catch {
      return false; // no event type known yet
    }
  }

  /** A booking for [startUtc, endUtc) was made: no start of any length that overlaps it is free any more. */
  markBooked(startUtc: string, endUtc: string): void {
    for (const w of this.byLength.values()) w.markBooked(startUtc, endUtc);
  }

  invalidate(): void {
    for (const w of this.byLength.values()) w.invalidate();
  }

  /** Asks Cal.com again shortly, for every length in use (a burst of calls shares one request per length). */
  refreshSoon(): void {
    for (const w of this.byLength.values()) w.refreshSoon();
  }

  /** Drops refreshes still waiting (the client is closing). */
  close(): void {
    for (const w of this.byLength.values()) w.close();
  }

  private window({ lengthMinutes }: LengthChoice): LengthWindow {
    const length = lengthMinutes ?? this.deps.durationMinutes;
    let w = this.byLength.get(length);
    if (!w) {
      // The default length is asked for as before (no `duration`), so a one-length event type's request is unchanged.
      const asked = length === this.deps.durationMinutes ? undefined : length;
      w = new LengthWindow({
        ...this.deps,
        durationMinutes: length,
        fetch: (start, end, uid) => this.deps.fetchSlots(start, end, uid, asked),
      });
      this.byLength.set(length, w);
    }
    return w;
  }
}

type WindowDeps = Omit<AvailabilityDeps, "fetchSlots"> & {
  fetch: (startUtc: string, endUtc: string, bookingUidToReschedule?: string) => Promise<string[]>;
};

const DAY_MS = 86_400_000;

/**
 * One length's UTC cache of the whole booking window for every user and time zone (conversion is the bot's,
 * local). Concurrent misses share one request. A booking made through the bot takes its time (and
 * any start overlapping it) out of the cache at once, so however many people book, Cal.com is asked
 * once per TTL; a cancel or reschedule (which frees a time) invalidates it, and a request that
 * started before the invalidation never refills it.
 */
class LengthWindow {
  private entry: { starts: string[]; fetchedAt: number } | undefined;
  private inflight: { promise: Promise<string[]>; generation: number } | undefined;
  private generation = 0;
  /** Bookings made lately, kept out of answers to requests that began before they were made. */
  private booked: Array<{ start: number; end: number; at: number }> = [];
  private refreshTimer: NodeJS.Timeout | undefined;
  private lastRefreshAt = Number.NEGATIVE_INFINITY;

  constructor(private readonly deps: WindowDeps) {}

  /** Free slots from now to the end of the booking window, ascending. */
  async get(opts: { bookingUidToReschedule?: string | undefined } = {}): Promise<AvailableSlot[]> {
    if (opts.bookingUidToReschedule !== undefined) {
      // The rescheduled booking's own time must show as free: a per-booking answer, never cached.
      const now = this.deps.clock.now();
      const { start, end } = this.span(now);
      return this.toSlots(await this.deps.fetch(start, end, opts.bookingUidToReschedule), now);
    }
    const starts = await this.starts();
    return this.toSlots(starts, this.deps.clock.now());
  }

  /** Starts loading the window if it is not fresh; never throws. Call it early (e.g. while the user picks a zone). */
  prefetch(): void {
    if (this.isFresh() || this.inflight?.generation === this.generation) return;
    this.starts().catch((e: unknown) => this.deps.log.warn({ err: e }, "availability prefetch failed"));
  }

  /** A booking for [startUtc, endUtc) was made: no cached start that overlaps it is free any more. */
  markBooked(startUtc: string, endUtc: string): void {
    const booking = { start: Date.parse(startUtc), end: Date.parse(endUtc), at: this.deps.clock.now() };
    if (Number.isNaN(booking.start) || Number.isNaN(booking.end)) {
      this.invalidate();
      return;
    }
    // Older ones are in any answer Cal.com can still be sending.
    this.booked = this.booked.filter((b) => b.at > booking.at - Math.max(this.deps.ttlMs, 60_000));
    this.booked.push(booking);
    if (this.entry) this.entry = { ...this.entry, starts: this.withoutBooked(this.entry.starts, [booking]) };
  }

  /**
   * Asks Cal.com again in the background a moment from now (after a booking: what else changed,
   * e.g. a booking made on the web, shows within seconds). Calls in that moment share one request;
   * the cached times keep being served until the answer is in.
   */
  refreshSoon(): void {
    if (this.refreshTimer) return;
    const now = this.deps.clock.now();
    const delay = Math.max(
      this.deps.refreshDelayMs ?? REFRESH_DELAY_MS,
      this.lastRefreshAt + REFRESH_MIN_GAP_MS - now,
    );
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = undefined;
      this.lastRefreshAt = this.deps.clock.now();
      this.fetch().catch((e: unknown) => this.deps.log.warn({ err: e }, "availability refresh failed"));
    }, delay);
    this.refreshTimer.unref();
  }

  /** Drops a refresh still waiting (the client is closing). */
  close(): void {
    clearTimeout(this.refreshTimer);
    this.refreshTimer = undefined;
  }

  invalidate(): void {
    this.generation++;
    this.entry = undefined;
    this.inflight = undefined;
  }

  /** Whether a fresh window is cached (a call to get() will not wait for Cal.com). */
  isFresh(): boolean {
    return this.entry !== undefined && this.deps.clock.now() - this.entry.fetchedAt < this.deps.ttlMs;
  }

  private starts(): Promise<string[]> {
    if (this.isFresh() && this.entry) return Promise.resolve(this.entry.starts);
    if (this.inflight?.generation === this.generation) return this.inflight.promise;
    return this.fetch();
  }

  /** One request for the whole window; its answer replaces the cache unless a newer one did. */
  private fetch(): Promise<string[]> {
    const generation = this.generation;
    const fetchedAt = this.deps.clock.now();
    const { start, end } = this.span(fetchedAt);
    const promise = this.deps.fetch(start, end).then((fetched) => {
      // Cal.com's answer may predate bookings made while it was on its way.
      const starts = this.withoutBooked(
        fetched,
        this.booked.filter((b) => b.at >= fetchedAt),
      );
      if (
        generation === this.generation &&
        (this.entry?.fetchedAt ?? Number.NEGATIVE_INFINITY) <= fetchedAt
      ) {
        this.entry = { starts, fetchedAt };
        this.booked = this.booked.filter((b) => b.at >= fetchedAt);
      }
      return starts;
    });
    const flight = { promise, generation };
    this.inflight = flight;
    const clear = () => {
      if (this.inflight === flight) this.inflight = undefined;
    };
    promise.then(clear, clear);
    return promise;
  }

  private withoutBooked(
    starts: readonly string[],
    booked: readonly { start: number; end: number }[],
  ): string[] {
    if (booked.length === 0) return [...starts];
    const lengthMs = this.deps.durationMinutes * 60_000;
    return starts.filter((s) => {
      const t = Date.parse(s);
      return !booked.some((b) => t < b.end && b.start < t + lengthMs);
    });
  }

  private span(now: number): { start: string; end: string } {
    return {
      start: iso(now),
      end: iso(now + this.deps.windowDays * DAY_MS),
    };
  }

  private toSlots(starts: readonly string[], now: number): AvailableSlot[] {
    const durationMs = this.deps.durationMinutes * 60_000;
    const out: AvailableSlot[] = [];
    for (const s of starts) {
      const t = Date.parse(s);
      if (t <= now) continue;
      out.push({ startUtc: s, endUtc: iso(t + durationMs) });
    }
    return out;
  }
}

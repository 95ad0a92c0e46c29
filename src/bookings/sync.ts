import type { CalcomApi, ListBookingsQuery } from "../calcom/api.js";
import { CalcomError, isCalcomError } from "../calcom/errors.js";
import type { Booking } from "../calcom/types.js";
import { type Clock, iso } from "../clock.js";
import type { StoredBooking } from "../db/bookings.js";
import type { Store } from "../db/index.js";
import type { Logger } from "../log.js";
import { changeNotices } from "./change-notices.js";
import { type BookingChange, compare, type RemoteState } from "./changes.js";
import { recordConfirmationOutcome } from "./confirmations.js";
import { isActive } from "./status.js";

export interface BookingSyncDeps {
  api: Pick<CalcomApi, "getBooking" | "listBookingsPage">;
  store: Pick<Store, "bookings" | "reminders" | "outbox" | "attempts" | "transaction">;
  /** The booked event type's id; undefined while none is known (Cal.com down at a first start). */
  eventTypeId: () => number | undefined;
  /** Who is told of changes nobody made through the bot. */
  adminIds: readonly number[];
  /** Free times changed: the slot cache must ask Cal.com again. */
  invalidateAvailability: () => void;
  /** Notices were queued: deliver them now. */
  noticesQueued: () => void;
  clock: Clock;
  log: Logger;
}

/** What one pass did (for logs, the scheduler and the tests). */
export interface SyncReport {
  /** Requests sent to Cal.com. */
  requests: number;
  compared: number;
  changes: BookingChange["kind"][];
  /** Notices queued (the outbox must be kicked when > 0). */
  notices: number;
}

const emptyReport = (): SyncReport => ({ requests: 0, compared: 0, changes: [], notices: 0 });

/** Cal.com's largest page (GetBookingsInput_2024_08_13 `@Max(250) take`). */
const PAGE_SIZE = 250;
/** At most this many pages a pass (50,000 future bookings; a guard against a list that never ends). */
const MAX_PAGES = 200;
/** Bookings a pass looks up one by one when the list lacks them; the rest wait for the next pass. */
const MAX_SINGLE_CHECKS = 10;
/** How far a chain of moves (A → B → C …) is followed. */
const MAX_HOPS = 5;
/**
 * A booking made this recently that Cal.com does not show yet is not called gone: a write can
 * become visible to reads a little later than its answer (the fake's `commitLate` models it).
 */
const GONE_GRACE_MS = 10 * 60_000;

/**
 * The query that returns every future booking of the event type — live, pending, cancelled,
 * rejected or moved away — in the fewest calls (docs/CALCOM-BEHAVIOUR.md §e): statuses are OR-ed,
 * every other filter AND-ed, `afterStart` is "start ≥", sorted by start for stable paging.
 */
function syncQuery(eventTypeId: number, nowMs: number, skip: number): ListBookingsQuery {
  return {
    status: "upcoming,unconfirmed,cancelled",
    eventTypeId,
    afterStart: iso(nowMs),
    sortStart: "asc",
    take: PAGE_SIZE,
    skip,
  };
}

/**
 * Brings the bot's records up to date with changes made in Cal.com (the sponsor cancelled, moved,
 * asked to reschedule, confirmed or declined) and tells the member once (`change-notices.ts`).
 * The pass reads the whole future of the event type in pages and compares; a booking the list
 * lacks is looked up by its uid before anything is said (absence from a list proves nothing). A
 * failing list or page ends the pass with nothing changed. Bookings with a write of the bot's
 * still open are left to the write protocol. `refresh` is the same comparison for one booking
 * (/mybookings and the reminder check).
 */
export class BookingSync {
  constructor(private readonly d: BookingSyncDeps) {}

  /** One pass over every coming booking the bot made. Throws when the list cannot be read. */
  async pass(): Promise<SyncReport> {
    const report = emptyReport();
    const now = this.d.clock.now();
    if (this.coming(now).length === 0) return report;
    const remote = await this.listFuture(now, report);
    // Read after the list: a write the bot settled meanwhile is already in these rows.
    const missing: StoredBooking[] = [];
    for (const local of this.coming(now)) {
      const found = remote.get(local.uid);
      if (found) await this.settle(local, found, remote, report);
      else missing.push(local);
    }
    for (const local of missing.slice(0, MAX_SINGLE_CHECKS)) {
      try {
        await this.settle(local, await this.fetch(local.uid, report), remote, report);
      } catch (err) {
        this.d.log.warn({ err, bookingUid: local.uid }, "sync: could not look a booking up; next pass");
      }
    }
    return report;
  }

  /** Re-reads one booking and records what changed; returns the bot's record as it now stands. */
  async refresh(uid: string): Promise<StoredBooking | undefined> {
    const report = emptyReport();
    return this.adopt(uid, await this.fetch(uid, report), report);
  }

  /**
   * Records what Cal.com's answer for one booking, read by someone else (an admin's Confirm that
   * found it decided or cancelled), shows — told as the sync tells it; returns the record as it stands.
   */
  async adopt(
    uid: string,
    remote: RemoteState,
    report: SyncReport = emptyReport(),
  ): Promise<StoredBooking | undefined> {
    const local = this.d.store.bookings.get(uid);
    if (local) await this.settle(local, remote, new Map(), report);
    return this.d.store.bookings.get(uid);
  }

  private coming(now: number): StoredBooking[] {
    return this.d.store.bookings.upcomingAll(iso(now), -1).filter((b) => Date.parse(b.startUtc) > now);
  }

  /** Every future booking of the event type by uid; throws if any page fails. */
  private async listFuture(now: number, report: SyncReport): Promise<Map<string, Booking>> {
    const byUid = new Map<string, Booking>();
    const eventTypeId = this.d.eventTypeId();
    if (eventTypeId === undefined) {
      throw new CalcomError({ kind: "unavailable", operation: "listBookings", code: "no_event_type" });
    }
    for (let page = 0; page < MAX_PAGES; page++) {
      const got = await this.d.api.listBookingsPage(syncQuery(eventTypeId, now, page * PAGE_SIZE));
      report.requests++;
      // Items it cannot read were logged by the API client; they count as missing (looked up one by one).
      for (const b of got.bookings) byUid.set(b.uid, b);
      // Cal.com's totals can overstate (docs/CALCOM-BEHAVIOUR.md §e): a short page is the end.
      if (got.returned < PAGE_SIZE) break;
    }
    return byUid;
  }

  /** Cal.com's booking, or "gone" when Cal.com itself says it has no such booking. */
  private async fetch(uid: string, report: SyncReport): Promise<RemoteState> {
    report.requests++;
    try {
      return await this.d.api.getBooking(uid);
    } catch (e) {
      // Only Cal.com's own NotFoundException counts: a proxy's 404 page proves nothing.
      if (isCalcomError(e, "not_found") && e.code === "NotFoundException") return "gone";
      throw e;
    }
  }

  /** Compares, follows a move to where it went, and applies the change. */
  private async settle(
    local: StoredBooking,
    remote: RemoteState,
    known: ReadonlyMap<string, Booking>,
    report: SyncReport,
  ): Promise<void> {
    // A write of the bot's on this booking is unsettled (open after an ambiguous try included): what
    // Cal.com shows may be that write, told by the write protocol as the member's own when it settles.
    if (this.d.store.attempts.writingOn(local.uid)) return;
    if (remote === "gone" && this.d.clock.now() - Date.parse(local.createdAt) < GONE_GRACE_MS) return;
    report.compared++;
    let change: BookingChange | undefined;
    if (remote !== "gone" && remote.rescheduledToUid !== undefined) {
      const last = await this.successor(remote, known, report);
      // Moved and then cancelled: to the member, the meeting is cancelled.
      change =
        last && !isActive(last)
          ? compare(local, { ...last, rescheduledToUid: undefined })
          : compare(local, remote, last);
    } else {
      change = compare(local, remote);
    }
    if (change) this.apply(local, change, report);
  }

  /** The end of a chain of moves, from the list where it is there, else looked up. */
  private async successor(
    b: Booking,
    known: ReadonlyMap<string, Booking>,
    report: SyncReport,
  ): Promise<Booking | undefined> {
    let current = b;
    for (let hop = 0; hop < MAX_HOPS && current.rescheduledToUid !== undefined; hop++) {
      const next: RemoteState =
        known.get(current.rescheduledToUid) ?? (await this.fetch(current.rescheduledToUid, report));
      if (next === "gone") return undefined;
      current = next;
    }
    return current.rescheduledToUid === undefined ? current : undefined;
  }

  /** Records the change, its reminders and its notices in one transaction. */
  private apply(local: StoredBooking, change: BookingChange, report: SyncReport): void {
    const { store } = this.d;
    const now = iso(this.d.clock.now());
    const applied = store.transaction(() => {
      // Changed since it was read (a write of the bot's settled meanwhile): the next pass looks again.
      if (store.bookings.get(local.uid)?.updatedAt !== local.updatedAt) return false;
      this.record(local, change, now);
      report.notices += store.outbox.enqueue(changeNotices(local, change, this.d.adminIds), now);
      return true;
    });
    if (!applied) return;
    report.changes.push(change.kind);
    if (change.kind !== "refreshed") this.d.invalidateAvailability();
    if (report.notices > 0) this.d.noticesQueued();
    this.d.log.info({ bookingUid: local.uid, change: change.kind }, "booking changed on Cal.com");
  }

  private record(local: StoredBooking, change: BookingChange, now: string): void {
    const { bookings, reminders } = this.d.store;
    switch (change.kind) {
      case "hostCancelled":
      case "rescheduleRequested":
      case "gone":
        bookings.setStatus(local.uid, "cancelled", now);
        reminders.forgetUnsent(local.uid);
        return;
      case "hostMoved": {
        const to = change.to;
        bookings.upsert(
          {
            ...local,
            uid: to.uid,
            startUtc: to.startUtc,
            endUtc: to.endUtc,
            status: to.status,
            location: to.location ?? local.location,
            rescheduledFromUid: to.uid === local.uid ? local.rescheduledFromUid : local.uid,
          },
          now,
        );
        if (to.uid !== local.uid) bookings.setStatus(local.uid, "cancelled", now);
        reminders.forgetUnsent(local.uid);
        return;
      }
      case "confirmed":
      case "declined":
        // Cal.com's v2 output carries no rejection reason, so a decline found here has none.
        recordConfirmationOutcome(this.d.store, this.d.adminIds, now, {
          uid: local.uid,
          outcome: change.kind === "confirmed" ? "accepted" : "rejected",
        });
        return;
      case "refreshed":
        bookings.upsert(
          {
            ...local,
            status: change.remote.status,
            endUtc: change.remote.endUtc,
            location: change.remote.location ?? local.location,
          },
          now,
        );
        return;
    }
  }
}

import type { CalcomApi } from "../calcom/api.js";
import { isCalcomError } from "../calcom/errors.js";
import type { Booking } from "../calcom/types.js";
import { type Clock, iso, nowIso } from "../clock.js";
import type { StoredBooking } from "../db/bookings.js";
import type { DeclinePrompt } from "../db/decline-prompts.js";
import type { Store } from "../db/index.js";
import type { Logger } from "../log.js";
import { entry } from "../notices/notice.js";
import { fitUtf16 } from "../text/graphemes.js";
import { type FailureKind, failureKind } from "./outcomes.js";
import { type ConfirmationOutcome, confirmationOutcome, isAwaitingConfirmation } from "./status.js";

export type { ConfirmationOutcome };

type ConfirmationStore = Pick<Store, "bookings" | "outbox" | "declinePrompts" | "transaction">;

/** The longest decline reason passed on to the member and to Cal.com. */
export const DECLINE_REASON_MAX = 500;
/** How long an admin's "why decline?" question waits for its answer. */
export const DECLINE_PROMPT_TTL_MS = 15 * 60_000;

export interface RecordedOutcome {
  uid: string;
  outcome: ConfirmationOutcome;
  /** The sponsor's words for a decline, passed to the member. */
  reason?: string | undefined;
  /** The admin who decided in Telegram; undefined: decided in Cal.com itself. */
  by?: number | undefined;
}

/**
 * The one way a pending booking becomes accepted or rejected in the bot's records, whoever
 * noticed it (an admin's button, a /mybookings refresh, the re-check before a reminder, the
 * background sync): the status, and in the same transaction the member's notice (`confirmed`,
 * with the calendar file, or `declined` with the reason) and the other admins' — keyed
 * `confirmed:<uid>` / `declined:<uid>`, so it is reported once however often it is noticed.
 * Reminders follow from the status (the planner sends them only for confirmed meetings).
 * Returns false when the booking is unknown or no longer pending (nothing recorded).
 */
export function recordConfirmationOutcome(
  store: Pick<Store, "bookings" | "outbox" | "transaction">,
  adminIds: readonly number[],
  now: string,
  o: RecordedOutcome,
): boolean {
  return store.transaction(() => {
    const row = store.bookings.get(o.uid);
    if (!row || !isAwaitingConfirmation(row)) return false;
    store.bookings.setStatus(o.uid, o.outcome, now);
    const accepted = o.outcome === "accepted";
    const fact = `${accepted ? "confirmed" : "declined"}:${o.uid}`;
    const by = o.by === undefined ? {} : { by: o.by };
    const reason = o.reason?.trim() ? { reason: fitUtf16(o.reason.trim(), DECLINE_REASON_MAX) } : {};
    store.outbox.enqueue(
      [
        entry(
          fact,
          row.telegramId,
          accepted ? { kind: "confirmed", uid: o.uid } : { kind: "declined", uid: o.uid, ...reason },
        ),
        ...adminIds
          .filter((id) => id !== o.by)
          .map((id) =>
            entry(fact, id, { kind: accepted ? "adminConfirmed" : "adminDeclined", uid: o.uid, ...by }),
          ),
      ],
      now,
    );
    return true;
  });
}

/** What an admin's Confirm or Decline came to. */
export type DecisionResult =
  | { kind: "done"; outcome: ConfirmationOutcome; booking: StoredBooking }
  /** Someone decided first (another admin, or the sponsor in Cal.com): `status` is how it stands. */
  | { kind: "alreadyDecided"; status: string; booking: StoredBooking }
  | { kind: "notFound" }
  | { kind: "failed"; failure: FailureKind };

export interface ConfirmationsDeps {
  api: CalcomApi;
  /**
   * Records a booking's state read from Cal.com as the sync does (src/bookings/sync.ts): an outcome
   * given in Cal.com, or a cancel or move there, told to the member once.
   */
  adopt: (uid: string, fresh: Booking) => Promise<unknown>;
  store: ConfirmationStore;
  adminIds: readonly number[];
  clock: Clock;
  log: Logger;
}

/**
 * Admins deciding a booking that requires confirmation: Cal.com's confirm / decline endpoints,
 * the outcome recorded once, and the admin's open "why decline?" question.
 */
export class Confirmations {
  private readonly inflight = new Map<string, Promise<DecisionResult>>();

  constructor(private readonly d: ConfirmationsDeps) {}

  /** Records an admin's decision (see recordConfirmationOutcome; the sync records Cal.com's own). */
  private record(o: RecordedOutcome): boolean {
    return recordConfirmationOutcome(this.d.store, this.d.adminIds, nowIso(this.d.clock), o);
  }

  /**
   * Confirms or declines at Cal.com and records it. A tap while another admin's decision on the
   * same booking runs waits for it and is told it was already decided.
   */
  async decide(
    uid: string,
    adminId: number,
    outcome: ConfirmationOutcome,
    reason?: string,
  ): Promise<DecisionResult> {
    const running = this.inflight.get(uid);
    if (running) {
      await running.catch(() => undefined);
      return this.standing(uid);
    }
    const p = this.send(uid, adminId, outcome, reason).finally(() => this.inflight.delete(uid));
    this.inflight.set(uid, p);
    return p;
  }

  private async send(
    uid: string,
    adminId: number,
    outcome: ConfirmationOutcome,
    reason: string | undefined,
  ): Promise<DecisionResult> {
    const row = this.d.store.bookings.get(uid);
    if (!row) return { kind: "notFound" };
    if (!isAwaitingConfirmation(row)) return this.standing(uid);
    try {
      // Decided in Cal.com meanwhile? (Cal.com would re-decline a rejected booking without a word.)
      if (await this.adopt(row, await this.d.api.getBooking(uid))) return this.standing(uid);
      const text = reason?.trim() ? fitUtf16(reason.trim(), DECLINE_REASON_MAX) : undefined;
      const b =
        outcome === "accepted"
          ? await this.d.api.confirmBooking(uid)
          : await this.d.api.declineBooking(uid, text);
      const got = confirmationOutcome(row, b) ?? outcome;
      this.record({ uid, outcome: got, reason: text, by: adminId });
      this.d.log.info({ uid, outcome: got }, "admin decided a booking request");
      return { kind: "done", outcome: got, booking: this.d.store.bookings.get(uid) ?? row };
    } catch (err) {
      if (!isCalcomError(err)) throw err;
      this.d.log.warn({ err, uid }, "confirm/decline failed");
      // "Booking already confirmed", or an answer lost on the way: Cal.com's record says what happened.
      const fresh = await this.d.api.getBooking(uid).catch(() => undefined);
      if (fresh && (await this.adopt(row, fresh))) return this.standing(uid);
      return { kind: "failed", failure: failureKind(err) };
    }
  }

  /**
   * Takes over Cal.com's state if it is no longer pending; true when it was not. Decided, cancelled
   * or moved there: told as the sync tells it (a bare status change would keep a cancel from the member).
   */
  private async adopt(row: StoredBooking, fresh: Booking): Promise<boolean> {
    if (isAwaitingConfirmation(fresh)) return false;
    await this.d.adopt(row.uid, fresh);
    return true;
  }

  private standing(uid: string): DecisionResult {
    const row = this.d.store.bookings.get(uid);
    return row ? { kind: "alreadyDecided", status: row.status, booking: row } : { kind: "notFound" };
  }

  /** The admin was asked why they decline this booking (their next message is the reason). */
  askReason(q: Omit<DeclinePrompt, "askedAt">): void {
    this.d.store.declinePrompts.put({ ...q, askedAt: nowIso(this.d.clock) });
  }

  /** The admin's open "why decline?" question, if one is and it is not too old. */
  openPrompt(adminId: number): DeclinePrompt | undefined {
    const p = this.d.store.declinePrompts.get(adminId);
    if (!p) return undefined;
    if (p.askedAt < iso(this.d.clock.now() - DECLINE_PROMPT_TTL_MS)) {
      this.d.store.declinePrompts.clear(adminId);
      return undefined;
    }
    return p;
  }

  clearPrompt(adminId: number): void {
    this.d.store.declinePrompts.clear(adminId);
  }
}

import { type Clock, nowIso } from "../clock.js";
import type { AccessRequest } from "../db/access-requests.js";
import type { Store } from "../db/index.js";
import type { ApprovedUser, TelegramProfile } from "../db/users.js";
import { entry } from "../notices/notice.js";

export type Role = "admin" | "user" | "stranger";
export type Decision = "approve" | "reject" | "revoke";
/** What a member can do with a booking they hold. */
export type Change = "cancel" | "move";

const EVERY_CHANGE: ReadonlySet<Change> = new Set(["cancel", "move"]);
const CANCEL_ONLY: ReadonlySet<Change> = new Set(["cancel"]);

/** What a decision did, or why it did nothing; the admin is told which. */
export type DecisionOutcome =
  | { ok: true; kind: "approved"; request: AccessRequest | undefined }
  | { ok: true; kind: "rejected"; request: AccessRequest }
  | { ok: true; kind: "revoked" }
  | {
      ok: false;
      kind: "cannotTargetAdmin" | "notApprovedUser" | "alreadyApproved" | "noSuchRequest" | "alreadyRejected";
    };

/** What a stranger's /start found. */
export type RequestOutcome =
  | { kind: "rejected" }
  | { kind: "requested" | "stillPending"; request: AccessRequest };

/**
 * Who may use the bot: admins always, members while approved, everyone else is a stranger who
 * may ask. Decisions (approve / reject / revoke) and their audit entry land in one transaction.
 */
export class AccessService {
  private readonly admins: ReadonlySet<number>;

  constructor(
    private readonly store: Pick<Store, "users" | "requests" | "audit" | "outbox" | "transaction">,
    adminIds: readonly number[],
    private readonly clock: Clock,
  ) {
    this.admins = new Set(adminIds);
  }

  isAdmin(telegramId: number): boolean {
    return this.admins.has(telegramId);
  }

  roleOf(telegramId: number | undefined): Role {
    if (telegramId === undefined) return "stranger";
    if (this.admins.has(telegramId)) return "admin";
    return this.store.users.isApproved(telegramId) ? "user" : "stranger";
  }

  /** The one definition of who may book: admins always, others while approved. */
  mayBook(telegramId: number | undefined): boolean {
    return this.roleOf(telegramId) !== "stranger";
  }

  /**
   * The one definition of what someone may do with the bookings they hold: cancel them whatever
   * their access now (a revoked member must still be able to free the sponsor's time they hold),
   * move them only while they may book (a move is a new booking). Which bookings are theirs, and
   * whether one can still change, is the booking service's `changeable`.
   */
  changesAllowed(telegramId: number): ReadonlySet<Change> {
    return this.mayBook(telegramId) ? EVERY_CHANGE : CANCEL_ONLY;
  }

  /** Keeps a member's names current so admins see who is who. */
  touchProfile(profile: TelegramProfile): void {
    this.store.users.touchProfile(profile, nowIso(this.clock));
  }

  /**
   * A stranger asks for access. A rejected one stays rejected (and does not re-notify, even after
   * deleting their data); an
   * "approved" request of someone not approved now means access was revoked: a fresh request.
   * A new request is queued for every admin in the same transaction.
   */
  requestAccess(profile: TelegramProfile): RequestOutcome {
    const { requests } = this.store;
    return this.store.transaction((): RequestOutcome => {
      const now = nowIso(this.clock);
      const existing = requests.get(profile.id);
      if (existing?.status === "rejected") return { kind: "rejected" };
      // Someone rejected who then deleted their data: the audit keeps the decision, so it still holds.
      if (!existing && this.store.audit.lastDecisionAbout(profile.id) === "reject")
        return { kind: "rejected" };
      const request =
        existing?.status === "approved" ? requests.reopen(profile, now) : requests.open(profile, now);
      const isNew =
        existing === undefined || existing.status === "approved" || existing.adminsNotifiedAt === null;
      if (request.adminsNotifiedAt === null) this.queueForAdmins(request);
      return { kind: isNew ? "requested" : "stillPending", request };
    });
  }

  /** Queues the admins' notice of a request (once per request) and records that it is queued. */
  private queueForAdmins(request: AccessRequest): void {
    const now = nowIso(this.clock);
    const fact = `request:${request.telegramId}:${request.requestedAt}`;
    const notice = { kind: "accessRequested", telegramId: request.telegramId } as const;
    this.store.outbox.enqueue(
      [...this.admins].map((admin) => entry(fact, admin, notice)),
      now,
    );
    this.store.requests.markNotified(request.telegramId, now);
  }

  /** At start-up: requests recorded before the outbox existed whose admins were never told. */
  queueUnnotifiedRequests(): number {
    const waiting = this.store.requests.listUnnotified();
    this.store.transaction(() => {
      for (const request of waiting) this.queueForAdmins(request);
    });
    return waiting.length;
  }

  /** The request as admins see it (names as the stranger gave them to Telegram). */
  request(telegramId: number): AccessRequest | undefined {
    return this.store.requests.get(telegramId);
  }

  pendingRequests(): AccessRequest[] {
    return this.store.requests.listPending();
  }

  /** An approved member as Telegram last described them (undefined when not approved). */
  member(telegramId: number): ApprovedUser | undefined {
    return this.store.users.get(telegramId);
  }

  approvedMembers(): ApprovedUser[] {
    return this.store.users.listApproved();
  }

  /** An admin's decision about `targetId`, with its audit entry, all or nothing. */
  decide(adminId: number, action: Decision, targetId: number): DecisionOutcome {
    if (this.admins.has(targetId)) return { ok: false, kind: "cannotTargetAdmin" };
    return this.store.transaction(() => {
      const at = nowIso(this.clock);
      const outcome = this.apply(adminId, action, targetId, at);
      if (outcome.ok) {
        this.store.audit.record({ adminId, action, targetId, at });
        const decision = outcome.kind;
        const fact = `access:${decision}:${targetId}:${at}`;
        this.store.outbox.enqueue([entry(fact, targetId, { kind: "accessDecided", decision })], at);
      }
      return outcome;
    });
  }

  private apply(adminId: number, action: Decision, id: number, at: string): DecisionOutcome {
    const { users, requests } = this.store;
    if (action === "revoke") {
      return users.revoke(id, adminId, at)
        ? { ok: true, kind: "revoked" }
        : { ok: false, kind: "notApprovedUser" };
    }
    if (users.isApproved(id)) return { ok: false, kind: "alreadyApproved" };
    const request = requests.get(id);
    if (action === "reject") {
      if (!request) return { ok: false, kind: "noSuchRequest" };
      if (request.status === "rejected") return { ok: false, kind: "alreadyRejected" };
      requests.decide(id, "rejected", adminId, at);
      return { ok: true, kind: "rejected", request };
    }
    // approve: also works for someone who never asked (the admin may let someone in by id).
    const profile = request
      ? {
          id,
          first_name: request.firstName,
          last_name: request.lastName ?? undefined,
          username: request.username ?? undefined,
        }
      : { id, first_name: "" };
    users.approve(profile, adminId, at);
    if (request) requests.decide(id, "approved", adminId, at);
    else requests.recordApproved(id, adminId, at);
    return { ok: true, kind: "approved", request };
  }
}

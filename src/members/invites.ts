import { createHash, randomBytes } from "node:crypto";
import { type Clock, iso, nowIso } from "../clock.js";
import type { Store } from "../db/index.js";
import type { Invite } from "../db/invites.js";
import type { TelegramProfile } from "../db/users.js";
import { entry } from "../notices/notice.js";
import { truncate } from "../text/graphemes.js";

export type { Invite };

/** What Telegram lets a deep link carry to /start: 1–64 characters of `A-Za-z0-9_-`. */
export const DEEP_LINK_PAYLOAD = /^[A-Za-z0-9_-]{1,64}$/;

/** 16 random bytes (128 bits, over the 96 asked for) as 22 base64url characters. */
const CODE_BYTES = 16;
const NOTE_MAX_GRAPHEMES = 200;
const DAY_MS = 86_400_000;

const hashOf = (code: string) => createHash("sha256").update(code).digest("hex");

/**
 * One-time invite links: an admin makes one (`/invite [note]`), the first stranger who opens it
 * is approved at once, audited as approved by that admin through the invite. A used, expired,
 * revoked or made-up code approves nobody. Only the code's hash is stored.
 */
export class Invitations {
  constructor(
    private readonly store: Pick<
      Store,
      "invites" | "users" | "requests" | "audit" | "outbox" | "transaction"
    >,
    private readonly clock: Clock,
    private readonly ttlDays: number,
    private readonly adminIds: readonly number[],
    private readonly newCode: () => string = () => randomBytes(CODE_BYTES).toString("base64url"),
  ) {}

  /** A new invite; the code is returned once, here, and never stored. */
  create(adminId: number, note: string): { code: string; invite: Invite } {
    const code = this.newCode();
    const trimmed = truncate(note.trim(), NOTE_MAX_GRAPHEMES);
    const now = this.clock.now();
    return this.store.transaction(() => {
      const invite = this.store.invites.create({
        codeHash: hashOf(code),
        note: trimmed === "" ? null : trimmed,
        createdBy: adminId,
        at: iso(now),
        expiresAt: iso(now + this.ttlDays * DAY_MS),
      });
      this.store.audit.record({ adminId, action: "invite_create", targetId: null, at: iso(now) });
      return { code, invite };
    });
  }

  /**
   * A stranger opened a deep link with `code`: if it is an open invite, it is used up and they are
   * approved, with the audit entry, all in one transaction. Undefined for anything else.
   */
  use(code: string, profile: TelegramProfile): Invite | undefined {
    if (!DEEP_LINK_PAYLOAD.test(code)) return undefined;
    const { invites, users, requests, audit } = this.store;
    const now = nowIso(this.clock);
    return this.store.transaction(() => {
      const invite = invites.use(hashOf(code), profile.id, now);
      if (!invite) return undefined;
      users.approve(profile, invite.createdBy, now);
      requests.open(profile, now);
      requests.decide(profile.id, "approved", invite.createdBy, now);
      audit.record({ adminId: invite.createdBy, action: "approve_invite", targetId: profile.id, at: now });
      // The admin who made it learns who used it (every admin, if that one no longer is).
      const to = this.adminIds.includes(invite.createdBy) ? [invite.createdBy] : this.adminIds;
      const notice = { kind: "inviteUsed", telegramId: profile.id, note: invite.note } as const;
      this.store.outbox.enqueue(
        to.map((admin) => entry(`invite:${invite.id}`, admin, notice)),
        now,
      );
      return invite;
    });
  }

  /** Revokes an open invite; false when it was used, revoked or expired already. */
  revoke(id: number, adminId: number): boolean {
    const now = nowIso(this.clock);
    return this.store.transaction(() => {
      const done = this.store.invites.revoke(id, adminId, now);
      if (done) this.store.audit.record({ adminId, action: "invite_revoke", targetId: null, at: now });
      return done;
    });
  }

  /** Invites that can still be used, oldest first. */
  listOpen(): Invite[] {
    return this.store.invites.listOpen(nowIso(this.clock));
  }
}

import type { Clock } from "../clock.js";
import { nowIso } from "../clock.js";
import type { Store } from "../db/index.js";
import type { LengthCap } from "../db/length-caps.js";

export type SetCapOutcome =
  | { ok: true; allowed: number[] }
  | {
      ok: false;
      kind: "notMember" | "lengthsUnknown" | "singleLength" | "belowShortest";
      lengths: readonly number[];
    };

/**
 * The admins' cap on a member's longest meeting length (`/limit <id> <minutes>`), for event types
 * that offer several lengths. The one rule on which lengths a member may pick is `lengthsFor`.
 */
export class LengthCaps {
  constructor(
    private readonly store: Pick<Store, "lengthCaps" | "users" | "audit" | "transaction">,
    private readonly clock: Clock,
    /** The event type's lengths, ascending. */
    private readonly offered: () => readonly number[],
  ) {}

  /** The lengths this member may pick, ascending: the offered ones up to their cap (never none). */
  lengthsFor(telegramId: number): number[] {
    const offered = [...this.offered()];
    const cap = this.store.lengthCaps.get(telegramId);
    if (cap === undefined) return offered;
    const allowed = offered.filter((m) => m <= cap);
    // Cal.com's lengths changed under the cap: the shortest is still bookable.
    return allowed.length > 0 ? allowed : offered.slice(0, 1);
  }

  capOf(telegramId: number): number | undefined {
    return this.store.lengthCaps.get(telegramId);
  }

  set(adminId: number, telegramId: number, maxMinutes: number): SetCapOutcome {
    const lengths = this.offered();
    if (!this.store.users.isApproved(telegramId)) return { ok: false, kind: "notMember", lengths };
    // No event type known yet (Cal.com not reached since a first start): nothing to judge a cap by.
    if (lengths.length === 0) return { ok: false, kind: "lengthsUnknown", lengths };
    if (lengths.length < 2) return { ok: false, kind: "singleLength", lengths };
    if (maxMinutes < (lengths[0] as number)) return { ok: false, kind: "belowShortest", lengths };
    const at = nowIso(this.clock);
    this.store.transaction(() => {
      this.store.lengthCaps.set({ telegramId, maxMinutes, setBy: adminId, setAt: at });
      this.store.audit.record({ adminId, action: "limit_set", targetId: telegramId, at });
    });
    return { ok: true, allowed: this.lengthsFor(telegramId) };
  }

  /** True when the member had a cap. */
  clear(adminId: number, telegramId: number): boolean {
    return this.store.transaction(() => {
      const had = this.store.lengthCaps.clear(telegramId);
      const at = nowIso(this.clock);
      if (had) this.store.audit.record({ adminId, action: "limit_clear", targetId: telegramId, at });
      return had;
    });
  }

  list(): LengthCap[] {
    return this.store.lengthCaps.list();
  }
}

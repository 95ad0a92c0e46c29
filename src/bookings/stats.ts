import { type Clock, iso, nowIso } from "../clock.js";
import type { Store } from "../db/index.js";
import type { BookingCounts, MemberCounts } from "../db/stats.js";

const DAY_MS = 86_400_000;

export interface StatsSnapshot {
  members: MemberCounts;
  upcoming: number;
  last7Days: BookingCounts;
  last30Days: BookingCounts;
}

/** The admins' /stats: how the bot is used, counts only — never names. */
export class UsageStats {
  constructor(
    private readonly store: Pick<Store, "stats">,
    private readonly clock: Clock,
  ) {}

  snapshot(): StatsSnapshot {
    const { stats } = this.store;
    const now = this.clock.now();
    return {
      members: stats.members(),
      upcoming: stats.upcoming(nowIso(this.clock)),
      last7Days: stats.since(iso(now - 7 * DAY_MS)),
      last30Days: stats.since(iso(now - 30 * DAY_MS)),
    };
  }
}

import type { EventTypeInfo } from "../calcom/types.js";
import type { Db } from "./open.js";

/** The last event type Cal.com described, per configuration (see migrations/031_event_type.sql). */
export class EventTypeRepo {
  constructor(
    private readonly db: Db,
    private readonly now: () => string,
  ) {}

  get(selector: string): EventTypeInfo | undefined {
    const row = this.db.prepare("SELECT info FROM calcom_event_type WHERE selector = ?").get(selector) as
      | { info: string }
      | undefined;
    return row && (JSON.parse(row.info) as EventTypeInfo);
  }

  put(selector: string, info: EventTypeInfo): void {
    this.db
      .prepare(
        `INSERT INTO calcom_event_type (selector, info, fetched_at) VALUES (?, ?, ?)
           ON CONFLICT (selector) DO UPDATE SET info = excluded.info, fetched_at = excluded.fetched_at`,
      )
      .run(selector, JSON.stringify(info), this.now());
  }
}

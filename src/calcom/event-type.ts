import type { CalcomApi } from "./api.js";
import { CalcomError, EventTypeConfigError, isCalcomError } from "./errors.js";
import type { EventTypeInfo } from "./types.js";

export interface EventTypeSelector {
  eventTypeId: number | undefined;
  username: string | undefined;
  eventSlug: string;
}

/**
 * Finds the configured event type once at start-up. Missing or ambiguous → EventTypeConfigError
 * naming the variables to fix; Cal.com being down or refusing the key surfaces as CalcomError.
 */
export async function resolveEventType(api: CalcomApi, sel: EventTypeSelector): Promise<EventTypeInfo> {
  if (sel.eventTypeId !== undefined) {
    try {
      return await api.eventTypeById(sel.eventTypeId);
    } catch (e) {
      if (isCalcomError(e, "not_found")) {
        throw new EventTypeConfigError(
          `CALCOM_EVENT_TYPE_ID=${sel.eventTypeId}: Cal.com has no event type with this id that this API key can see. ` +
            "Check the id in Cal.com (Event Types → the event → its URL) or set CALCOM_USERNAME and CALCOM_EVENT_SLUG instead.",
        );
      }
      throw e;
    }
  }
  if (sel.username === undefined) {
    throw new EventTypeConfigError("Set CALCOM_EVENT_TYPE_ID, or CALCOM_USERNAME and CALCOM_EVENT_SLUG.");
  }
  const found = (await api.eventTypesBySlug(sel.username, sel.eventSlug)).filter(
    (e) => e.slug === sel.eventSlug,
  );
  if (found.length === 0) {
    throw new EventTypeConfigError(
      `Cal.com user "${sel.username}" has no event type with slug "${sel.eventSlug}". ` +
        "Check CALCOM_USERNAME and CALCOM_EVENT_SLUG (the last part of the booking link, e.g. cal.com/<user>/<slug>).",
    );
  }
  if (found.length > 1) {
    throw new EventTypeConfigError(
      `Cal.com user "${sel.username}" has ${found.length} event types with slug "${sel.eventSlug}" ` +
        `(ids ${found.map((e) => e.id).join(", ")}). Set CALCOM_EVENT_TYPE_ID to the one to book.`,
    );
  }
  return found[0] as EventTypeInfo;
}

/** Where the last known event type is kept between runs (the bot's SQLite). */
export interface RememberedEventType {
  get(selector: string): EventTypeInfo | undefined;
  put(selector: string, info: EventTypeInfo): void;
}

/** The configuration an event type was found by: a remembered copy is used only for the same one. */
export function selectorKey(sel: EventTypeSelector): string {
  return sel.eventTypeId !== undefined
    ? `id:${sel.eventTypeId}`
    : `slug:${sel.username ?? ""}/${sel.eventSlug}`;
}

/**
 * The event type the bot books: looked up from Cal.com, else the copy remembered from an earlier
 * run, so the bot starts while Cal.com is down. `refresh` asks Cal.com again (one request at a
 * time) and remembers the answer.
 */
export class EventTypeSource {
  private known: EventTypeInfo | undefined;
  private live = false;
  private running: Promise<EventTypeInfo> | undefined;

  constructor(
    private readonly api: CalcomApi,
    private readonly sel: EventTypeSelector,
    private readonly remembered: RememberedEventType | undefined,
  ) {
    this.known = remembered?.get(selectorKey(sel));
  }

  /** The event type, if Cal.com described it this run or in an earlier one. */
  current(): EventTypeInfo | undefined {
    return this.known;
  }

  /** Whether Cal.com itself answered this run (not only a remembered copy). */
  get fromCalcom(): boolean {
    return this.live;
  }

  /** The event type; Cal.com down and none remembered → CalcomError "unavailable". */
  get(): EventTypeInfo {
    if (this.known) return this.known;
    throw new CalcomError({ kind: "unavailable", operation: "getEventType", code: "event_type_unknown" });
  }

  /** The event type, asking Cal.com first when none is known yet. */
  async ensure(): Promise<EventTypeInfo> {
    return this.known ?? this.refresh();
  }

  refresh(): Promise<EventTypeInfo> {
    this.running ??= resolveEventType(this.api, this.sel)
      .then((e) => {
        this.known = e;
        this.live = true;
        this.remembered?.put(selectorKey(this.sel), e);
        return e;
      })
      .finally(() => {
        this.running = undefined;
      });
    return this.running;
  }
}

import type { CalcomApi } from "./api.js";
import { EventTypeConfigError, isCalcomError } from "./errors.js";
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

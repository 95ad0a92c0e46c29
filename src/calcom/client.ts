import type { Clock } from "../clock.js";
import type { Config } from "../config.js";
import type { Logger } from "../log.js";
import { CalcomApi } from "./api.js";
import { AvailabilityCache } from "./availability-cache.js";
import type { CalcomError } from "./errors.js";
import { resolveEventType } from "./event-type.js";
import { CalcomHttp, type FetchOptions } from "./http.js";
import type { EventTypeInfo } from "./types.js";

export interface CalcomDeps {
  config: Pick<Config, "calcom" | "availabilityCacheTtlSeconds" | "bookingWindowDays">;
  clock: Clock;
  log: Logger;
  /** Cal.com refused the API key (401/403); called at most once. The bot alerts the admins. */
  onAuthFailure?: ((error: CalcomError) => void) | undefined;
  fetchOptions?: FetchOptions | undefined;
}

/** The Cal.com API client for the configured event type: endpoints, its slot cache, its pool. */
export interface CalcomClient {
  readonly api: CalcomApi;
  readonly http: CalcomHttp;
  /** The booked event type as Cal.com describes it (title, duration, locations). */
  readonly eventType: EventTypeInfo;
  /** Free slots of the booking window, one UTC cache for everyone. */
  readonly availability: AvailabilityCache;
  close(): Promise<void>;
}

/** Low-level pieces without the event-type lookup, for tools such as the doctor. */
export function createCalcomApi(deps: CalcomDeps): { http: CalcomHttp; api: CalcomApi } {
  const http = new CalcomHttp({
    apiUrl: deps.config.calcom.apiUrl,
    apiKey: deps.config.calcom.apiKey,
    bookingsApiVersion: deps.config.calcom.bookingsApiVersion,
    clock: deps.clock,
    log: deps.log,
    onAuthFailure: deps.onAuthFailure,
    fetchOptions: deps.fetchOptions,
  });
  return { http, api: new CalcomApi(http, deps.log) };
}

/**
 * Connects to Cal.com and looks the event type up once. Throws EventTypeConfigError when it is
 * missing or ambiguous (start-up must stop), CalcomError when Cal.com is down or refuses the key.
 */
export async function connectCalcom(deps: CalcomDeps): Promise<CalcomClient> {
  const { http, api } = createCalcomApi(deps);
  let eventType: EventTypeInfo;
  try {
    eventType = await resolveEventType(api, deps.config.calcom);
  } catch (e) {
    await http.close();
    throw e;
  }
  deps.log.info(
    { eventTypeId: eventType.id, slug: eventType.slug, lengthInMinutes: eventType.lengthInMinutes },
    "Cal.com event type found",
  );
  const availability = new AvailabilityCache({
    fetchSlots: (start, end, bookingUidToReschedule) =>
      api.slots({ eventTypeId: eventType.id, startUtc: start, endUtc: end, bookingUidToReschedule }),
    clock: deps.clock,
    ttlMs: deps.config.availabilityCacheTtlSeconds * 1000,
    windowDays: deps.config.bookingWindowDays,
    durationMinutes: eventType.lengthInMinutes,
    log: deps.log,
  });
  return { api, http, eventType, availability, close: () => http.close() };
}

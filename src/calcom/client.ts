import type { Clock } from "../clock.js";
import type { Config } from "../config.js";
import type { Logger } from "../log.js";
import { CalcomApi } from "./api.js";
import { AvailabilityCache } from "./availability-cache.js";
import { CalcomError, isTransient } from "./errors.js";
import { EventTypeSource, type RememberedEventType } from "./event-type.js";
import { CalcomHttp, type FetchOptions } from "./http.js";
import type { EventTypeInfo } from "./types.js";

export interface CalcomDeps {
  config: Pick<Config, "calcom" | "availabilityCacheTtlSeconds" | "bookingWindowDays">;
  clock: Clock;
  log: Logger;
  /** Cal.com refused the API key (401, not a TRPC refusal); called at most once. The bot alerts the admins. */
  onAuthFailure?: ((error: CalcomError) => void) | undefined;
  fetchOptions?: FetchOptions | undefined;
  /** How long start-up waits for Cal.com to describe the event type (default 5 s); then it goes on. */
  startDeadlineMs?: number | undefined;
}

/** The Cal.com API client for the configured event type: endpoints, its slot cache, its pool. */
export interface CalcomClient {
  readonly api: CalcomApi;
  readonly http: CalcomHttp;
  /**
   * The booked event type as Cal.com describes it (title, duration, locations), or as it did on an
   * earlier run; CalcomError "unavailable" while none is known (a first start with Cal.com down).
   */
  readonly eventType: EventTypeInfo;
  /** Where the event type comes from: Cal.com this run, or the remembered copy; asks again on refresh(). */
  readonly eventTypes: EventTypeSource;
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

/** `p`, or a CalcomError "unavailable" once `ms` have passed (p goes on; its failure is ignored). */
function unavailableAfter<T>(p: Promise<T>, ms: number): Promise<T> {
  p.catch(() => undefined);
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new CalcomError({ kind: "unavailable", operation: "getEventType", code: "timeout" })),
      ms,
    );
  });
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}

/**
 * Connects to Cal.com and looks the event type up. A missing or ambiguous event type
 * (EventTypeConfigError) or a refused key (CalcomError "auth") throws: start-up must stop. Cal.com
 * down or slow does not: the client starts with the event type remembered from an earlier run
 * (`remembered`), or with none; `eventTypes.fromCalcom` says which, `eventTypes.refresh()` asks again.
 */
export async function connectCalcom(
  deps: CalcomDeps,
  remembered?: RememberedEventType | undefined,
): Promise<CalcomClient> {
  const { http, api } = createCalcomApi(deps);
  const eventTypes = new EventTypeSource(api, deps.config.calcom, remembered);
  try {
    const e = await unavailableAfter(eventTypes.refresh(), deps.startDeadlineMs ?? 5_000);
    deps.log.info(
      { eventTypeId: e.id, slug: e.slug, lengthInMinutes: e.lengthInMinutes },
      "Cal.com event type found",
    );
  } catch (e) {
    if (!isTransient(e)) {
      await http.close();
      throw e;
    }
    deps.log.warn(
      { err: e, remembered: eventTypes.current()?.id },
      "Cal.com unreachable at start-up; starting without it",
    );
  }
  const availability = new AvailabilityCache({
    fetchSlots: async (start, end, bookingUidToReschedule, duration) => {
      const { id } = await eventTypes.ensure();
      return api.slots({ eventTypeId: id, startUtc: start, endUtc: end, bookingUidToReschedule, duration });
    },
    clock: deps.clock,
    ttlMs: deps.config.availabilityCacheTtlSeconds * 1000,
    windowDays: deps.config.bookingWindowDays,
    // Read when slots are shown, after fetchSlots made sure the event type is known.
    get durationMinutes() {
      return eventTypes.get().lengthInMinutes;
    },
    log: deps.log,
  });
  return {
    api,
    http,
    get eventType() {
      return eventTypes.get();
    },
    eventTypes,
    availability,
    close: () => {
      availability.close();
      return http.close();
    },
  };
}

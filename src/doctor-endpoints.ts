import { type CalcomApi, CalcomError } from "./calcom/index.js";
import { apiVersionFor, type Endpoint } from "./calcom/versions.js";

/** Every Cal.com call the bot makes, as `npm run doctor` reports it (path, version, outcome). */
const ENDPOINTS: ReadonlyArray<{ method: keyof CalcomApi; label: string; endpoint: Endpoint }> = [
  { method: "me", label: "GET /v2/me", endpoint: "me" },
  { method: "eventTypeById", label: "GET /v2/event-types/{id}", endpoint: "eventTypes" },
  { method: "eventTypesBySlug", label: "GET /v2/event-types?username&eventSlug", endpoint: "eventTypes" },
  { method: "slots", label: "GET /v2/slots", endpoint: "slots" },
  { method: "listBookings", label: "GET /v2/bookings", endpoint: "bookings" },
  { method: "getBooking", label: "GET /v2/bookings/{uid}", endpoint: "bookings" },
  { method: "createBooking", label: "POST /v2/bookings", endpoint: "bookings" },
  { method: "rescheduleBooking", label: "POST /v2/bookings/{uid}/reschedule", endpoint: "bookings" },
  { method: "cancelBooking", label: "POST /v2/bookings/{uid}/cancel", endpoint: "bookings" },
];

type Outcome = { ok: true } | { ok: false; why: string };

/**
 * The API as the doctor uses it, remembering how each endpoint answered; `lines()` is one line per
 * endpoint the bot uses, with the cal-api-version sent, so a version that does not work is named.
 */
export class EndpointLog {
  private readonly outcomes = new Map<string, Outcome>();
  readonly api: CalcomApi;

  constructor(
    inner: CalcomApi,
    private readonly bookingsVersion: string,
  ) {
    this.api = new Proxy(inner, {
      get: (target, prop, receiver) => {
        const value = Reflect.get(target, prop, receiver) as unknown;
        if (typeof value !== "function") return value;
        return async (...args: unknown[]) => {
          try {
            const result = await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
            this.outcomes.set(String(prop), { ok: true });
            return result;
          } catch (e) {
            this.record(String(prop), e);
            throw e;
          }
        };
      },
    });
  }

  /** A failure the doctor found by looking at an answer (e.g. a filter Cal.com ignored). */
  fail(method: keyof CalcomApi, why: string): void {
    this.outcomes.set(method, { ok: false, why });
  }

  lines(): Array<{ ok: boolean | undefined; text: string }> {
    return ENDPOINTS.map(({ method, label, endpoint }) => {
      const version = apiVersionFor(endpoint, this.bookingsVersion);
      const head = `${label} (cal-api-version ${version ?? "none"})`;
      const o = this.outcomes.get(method);
      if (!o) return { ok: undefined, text: `${head}: not called` };
      return o.ok ? { ok: true, text: `${head}: works` } : { ok: false, text: `${head}: ${o.why}` };
    });
  }

  private record(method: string, e: unknown): void {
    // A wrong bookings version makes Cal.com fall back to its 2024-04-15 code: 500s or 404s.
    if (
      e instanceof CalcomError &&
      e.kind === "not_found" &&
      (method === "getBooking" || method === "eventTypeById")
    ) {
      this.outcomes.set(method, { ok: true });
      return;
    }
    const status = e instanceof CalcomError && e.status !== undefined ? `HTTP ${e.status}` : "no answer";
    const kind = e instanceof CalcomError ? ` ${e.kind}` : "";
    this.outcomes.set(method, { ok: false, why: `does NOT work (${status}${kind})` });
  }
}

/**
 * One error type for everything that goes wrong talking to Cal.com. `kind` is what callers branch
 * on (the bot maps it to a message a person understands); the raw API text stays in `apiMessage`
 * for logs only.
 */
import { fitUtf16 } from "../text/graphemes.js";

export type CalcomErrorKind =
  | "slot_unavailable"
  | "booking_limit"
  | "invalid_email"
  | "invalid_input"
  | "not_found"
  | "auth"
  | "forbidden"
  | "rate_limited"
  | "unavailable";

export interface CalcomErrorOptions {
  kind: CalcomErrorKind;
  operation: string;
  status?: number | undefined;
  /** Cal.com's `error.code` (e.g. BadRequestException) or a network error code (ECONNRESET, timeout). */
  code?: string | undefined;
  /** Cal.com's message, emails removed; for logs, never for users. */
  apiMessage?: string | undefined;
  /** A write whose outcome is unknown: Cal.com may or may not have applied it. */
  ambiguous?: boolean;
  /** For rate_limited: how long Cal.com asked us to wait. */
  retryAfterMs?: number | undefined;
  cause?: unknown;
}

export class CalcomError extends Error {
  readonly kind: CalcomErrorKind;
  readonly operation: string;
  readonly status: number | undefined;
  readonly code: string | undefined;
  readonly apiMessage: string | undefined;
  readonly ambiguous: boolean;
  readonly retryAfterMs: number | undefined;

  constructor(options: CalcomErrorOptions, message?: string) {
    const where = options.status === undefined ? (options.code ?? "no response") : `HTTP ${options.status}`;
    super(message ?? `Cal.com ${options.operation} failed: ${options.kind} (${where})`, {
      cause: options.cause,
    });
    this.name = "CalcomError";
    this.kind = options.kind;
    this.operation = options.operation;
    this.status = options.status;
    this.code = options.code;
    this.apiMessage = options.apiMessage;
    this.ambiguous = options.ambiguous ?? false;
    this.retryAfterMs = options.retryAfterMs;
  }
}

export function isCalcomError(e: unknown, kind?: CalcomErrorKind): e is CalcomError {
  return e instanceof CalcomError && (kind === undefined || e.kind === kind);
}

/** Cal.com is down or throttling (not refusing the key or the request): asking again later may work. */
export function isTransientKind(kind: string): boolean {
  return kind === "unavailable" || kind === "rate_limited";
}

export function isTransient(e: unknown): boolean {
  return isCalcomError(e) && isTransientKind(e.kind);
}

/** The configured event type cannot be used; start-up must stop and tell the operator why. */
export class EventTypeConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EventTypeConfigError";
  }
}

// Cal.com's wording changes between releases, so only short, stable fragments are matched, always
// together with the HTTP status (see shared/calcom/NOTES.md).
const SLOT_FRAGMENTS = [
  "already has booking",
  "not available",
  "can't be booked at the",
  "booking_time_out_of_bounds",
  "in the past",
  "no_available_users_found",
  "hosts_unavailable",
  "booking_conflict",
  "no more seats",
];
const LIMIT_FRAGMENTS = ["maximum number of active bookings", "booker_limit_exceeded"];
const EMAIL_FRAGMENTS = ["email_domain_cannot_receive_mail", "cannot receive mail", "invalid email"];

/**
 * Maps an HTTP error answer to a kind, from status + error.code + message fragments. `auth` is
 * only a refused key: Cal.com's ApiAuthGuard answers 401 UnauthorizedException. A valid key not
 * allowed one action is `forbidden`: 403 ForbiddenException (BookingPbacGuard and the like), and
 * the 401 that confirm/decline raise as a TRPCError ("User is not authorized to confirm this
 * booking", confirm.handler.ts through trpc-exception.filter.ts) — see docs/CALCOM-BEHAVIOUR.md §a, §g.
 */
export function kindForHttpError(status: number, code: string | undefined, text: string): CalcomErrorKind {
  if (status === 403 || (status === 401 && code === "TRPCError")) return "forbidden";
  if (status === 401) return "auth";
  if (status === 429) return "rate_limited";
  if (status >= 500) return "unavailable";
  if (status === 404) return "not_found";
  const t = `${code ?? ""} ${text}`.toLowerCase();
  if (status === 409 || t.includes("conflict")) return "slot_unavailable";
  if (LIMIT_FRAGMENTS.some((f) => t.includes(f))) return "booking_limit";
  if (EMAIL_FRAGMENTS.some((f) => t.includes(f))) return "invalid_email";
  if (SLOT_FRAGMENTS.some((f) => t.includes(f))) return "slot_unavailable";
  return "invalid_input";
}

const EMAIL = /[^\s"'<>@,;:]+@[^\s"'<>@,;:]+\.[A-Za-z]{2,}/g;

/** Cal.com's text, shortened and with email addresses removed: the users' anonymity matters. */
export function sanitizeApiText(text: string, max = 300): string {
  const clean = text.replace(EMAIL, "[email]").replace(/\s+/g, " ").trim();
  return fitUtf16(clean, max + 1);
}

import { CalcomError, kindForHttpError, sanitizeApiText } from "./errors.js";
import { errorEnvelopeSchema } from "./schemas.js";

export type Headers = Record<string, string | string[] | undefined>;

export function header(headers: Headers, name: string): string | undefined {
  const v = headers[name] ?? headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}

/**
 * Milliseconds until Cal.com accepts requests again. Its throttler sends X-RateLimit-Reset-<Name>
 * in seconds from now and no Retry-After (apps/api/v2/src/lib/throttler/throttler-guard.ts); a
 * Retry-After from a proxy wins, and epoch values are tolerated in case a proxy rewrites the reset.
 */
export function rateLimitWaitMs(headers: Headers, now: number): number | undefined {
  const retryAfter = header(headers, "retry-after");
  if (retryAfter !== undefined) {
    const s = Number(retryAfter);
    if (Number.isFinite(s)) return Math.max(0, s * 1000);
    const at = Date.parse(retryAfter);
    if (!Number.isNaN(at)) return Math.max(0, at - now);
  }
  let reset = header(headers, "x-ratelimit-reset-default");
  if (reset === undefined) {
    // A key with custom limits names its throttlers differently (-Short, -Long): wait for the slowest.
    const all = Object.keys(headers)
      .filter((k) => k.toLowerCase().startsWith("x-ratelimit-reset-"))
      .map((k) => Number(header(headers, k)))
      .filter(Number.isFinite);
    if (all.length > 0) reset = String(Math.max(...all));
  }
  const v = Number(reset);
  if (reset === undefined || !Number.isFinite(v)) return undefined;
  if (v > 1e12) return Math.max(0, v - now);
  if (v > 1e9) return Math.max(0, v * 1000 - now);
  return Math.max(0, v * 1000);
}

/**
 * Turns an error answer into a CalcomError. Reads Cal.com's envelope
 * (`{"status":"error","error":{"code","message"}}`), the bare `{"statusCode","message"}` of an
 * unhandled 500, or a proxy's HTML page.
 */
export function errorFromResponse(
  operation: string,
  status: number,
  headers: Headers,
  text: string,
  now: number,
): CalcomError {
  let code: string | undefined;
  let message = text;
  try {
    const env = errorEnvelopeSchema.parse(JSON.parse(text));
    if (typeof env.error === "object") {
      if (typeof env.error.code === "string") code = env.error.code;
      message = [env.message, env.error.message, env.error.details]
        .filter((m) => m !== undefined)
        .map((m) => (typeof m === "string" ? m : JSON.stringify(m)))
        .join(" | ");
    } else if (env.message !== undefined) {
      message = typeof env.message === "string" ? env.message : JSON.stringify(env.message);
    }
  } catch {
    // not JSON: keep the raw text
  }
  return new CalcomError({
    kind: kindForHttpError(status, code, message),
    operation,
    status,
    code,
    apiMessage: sanitizeApiText(message),
    ambiguous: status >= 500,
    retryAfterMs: status === 429 ? rateLimitWaitMs(headers, now) : undefined,
  });
}

import type { Dispatcher } from "undici";
import type { z } from "zod";
import type { Clock } from "../clock.js";
import type { Logger } from "../log.js";
import { CalcomError } from "./errors.js";
import { SlidingWindowLimiter } from "./limiter.js";
import { errorFromResponse, header, rateLimitWaitMs } from "./responses.js";
import { createCalcomPool } from "./transport.js";
import { apiVersionFor, type Endpoint } from "./versions.js";

/** Tuning knobs; every delay is injectable so tests never sleep for real. */
export interface FetchOptions {
  /** Per-request deadline (connect + headers + body). Default 10 s. */
  timeoutMs?: number;
  /** Total tries for a retryable failure, first one included. Default 3. */
  attempts?: number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  /** A 429 asking for a longer wait than this fails fast as rate_limited instead of waiting. Default 10 s. */
  maxRateLimitWaitMs?: number;
  /** Client-side budget. Default 100 requests per 60 s (Cal.com allows 120). */
  rateLimit?: { limit: number; windowMs: number };
  /** Waits between retries. */
  sleep?: (ms: number) => Promise<void>;
  /** Waits of the budget limiter (kept apart so a test can run it on a virtual clock). */
  limiterSleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** Connections to Cal.com at most (more requests queue). Default 16. */
  connections?: number;
  /** Sends the requests instead of the client's own undici Pool (tests pass a MockAgent). */
  dispatcher?: Dispatcher;
}

export interface HttpDeps {
  apiUrl: string;
  apiKey: string;
  bookingsApiVersion: string;
  clock: Clock;
  log: Logger;
  /** Called at most once per client when Cal.com refuses the key (401; a 403 refuses one action, not the key). */
  onAuthFailure?: ((error: CalcomError) => void) | undefined;
  fetchOptions?: FetchOptions | undefined;
}

export interface CalcomRequest<T> {
  operation: string;
  endpoint: Endpoint;
  method: "GET" | "POST";
  /** Relative to the configured API URL, e.g. `/bookings`. */
  path: string;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  schema: z.ZodType<T>;
  /** Not idempotent at Cal.com: never retried after an answer that may mean "applied". */
  write?: boolean;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)));

// Errors raised before a single byte reached Cal.com: even a write may be retried after these.
const NEVER_SENT = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "UND_ERR_CONNECT_TIMEOUT", "limiter"]);

export class CalcomHttp {
  private readonly origin: string;
  private readonly basePath: string;
  private readonly dispatcher: Dispatcher;
  private readonly ownsDispatcher: boolean;
  readonly limiter: SlidingWindowLimiter;
  private readonly opts: Required<Omit<FetchOptions, "dispatcher" | "rateLimit">>;
  private authReported = false;

  constructor(private readonly deps: HttpDeps) {
    const url = new URL(deps.apiUrl);
    this.origin = url.origin;
    this.basePath = url.pathname.replace(/\/+$/, "");
    const f = deps.fetchOptions ?? {};
    this.opts = {
      timeoutMs: f.timeoutMs ?? 10_000,
      attempts: Math.max(1, f.attempts ?? 3),
      backoffBaseMs: f.backoffBaseMs ?? 300,
      backoffMaxMs: f.backoffMaxMs ?? 5_000,
      maxRateLimitWaitMs: f.maxRateLimitWaitMs ?? 10_000,
      sleep: f.sleep ?? realSleep,
      limiterSleep: f.limiterSleep ?? realSleep,
      random: f.random ?? Math.random,
      connections: f.connections ?? 16,
    };
    this.ownsDispatcher = f.dispatcher === undefined;
    this.dispatcher =
      f.dispatcher ??
      createCalcomPool(this.origin, { connections: this.opts.connections, timeoutMs: this.opts.timeoutMs });
    const budget = f.rateLimit ?? { limit: 100, windowMs: 60_000 };
    this.limiter = new SlidingWindowLimiter({
      ...budget,
      now: () => deps.clock.now(),
      sleep: this.opts.limiterSleep,
    });
  }

  /** Sends one logical request (with retries where safe) and returns the schema-parsed body. */
  async send<T>(req: CalcomRequest<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.attemptOnce(req, attempt);
      } catch (e) {
        const err = e instanceof CalcomError ? e : this.unexpected(req, e);
        const wait = this.retryDelay(req, err, attempt);
        this.deps.log.warn(
          {
            calcom: req.operation,
            kind: err.kind,
            status: err.status,
            code: err.code,
            apiMessage: err.apiMessage,
            attempt,
            retryInMs: wait,
          },
          wait === undefined ? "Cal.com request failed" : "Cal.com request failed, retrying",
        );
        if (err.kind === "auth") this.reportAuth(err);
        if (wait === undefined) throw err;
        await this.opts.sleep(wait);
      }
    }
  }

  /** Exponential backoff with jitter; Cal.com's reset header wins for a 429. */
  backoff(attempt: number): number {
    const ceiling = Math.min(this.opts.backoffMaxMs, this.opts.backoffBaseMs * 2 ** (attempt - 1));
    return Math.round(ceiling / 2 + (this.opts.random() * ceiling) / 2);
  }

  async close(): Promise<void> {
    if (this.ownsDispatcher) await this.dispatcher.close();
  }

  private retryDelay(req: CalcomRequest<unknown>, err: CalcomError, attempt: number): number | undefined {
    if (attempt >= this.opts.attempts) return undefined;
    if (err.kind === "rate_limited") {
      const wait = Math.max(err.retryAfterMs ?? 0, this.backoff(attempt));
      return wait <= this.opts.maxRateLimitWaitMs ? wait : undefined;
    }
    if (err.kind !== "unavailable" || err.code === "invalid_response" || err.code === "internal")
      return undefined;
    if (req.write && err.ambiguous) return undefined;
    return this.backoff(attempt);
  }

  private async attemptOnce<T>(req: CalcomRequest<T>, attempt: number): Promise<T> {
    const paused = this.limiter.pauseRemaining();
    if (paused > this.opts.maxRateLimitWaitMs) {
      throw new CalcomError({
        kind: "rate_limited",
        operation: req.operation,
        code: "limiter",
        retryAfterMs: paused,
      });
    }
    await this.limiter.acquire();
    const started = this.deps.clock.now();
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, this.opts.timeoutMs);
    let status: number;
    let headers: Record<string, string | string[] | undefined>;
    let text: string;
    try {
      const res = await this.dispatcher.request({
        origin: this.origin,
        path: this.pathWithQuery(req),
        method: req.method,
        headers: this.headers(req),
        body: req.body === undefined ? undefined : JSON.stringify(req.body),
        signal: controller.signal,
      });
      status = res.statusCode;
      headers = res.headers;
      text = await res.body.text();
    } catch (e) {
      const code = timedOut ? "timeout" : networkCode(e);
      throw new CalcomError({
        kind: "unavailable",
        operation: req.operation,
        code,
        ambiguous: !NEVER_SENT.has(code),
        cause: e,
      });
    } finally {
      clearTimeout(timer);
    }
    this.deps.log.debug(
      {
        calcom: req.operation,
        method: req.method,
        path: req.path,
        status,
        ms: this.deps.clock.now() - started,
        attempt,
      },
      "Cal.com answered",
    );
    this.noteBudget(headers, status);
    if (status >= 400) throw errorFromResponse(req.operation, status, headers, text, this.deps.clock.now());
    return this.parse(req, status, text);
  }

  private parse<T>(req: CalcomRequest<T>, status: number, text: string): T {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    const parsed = req.schema.safeParse(json);
    if (parsed.success) return parsed.data;
    const problems = parsed.error.issues
      .slice(0, 5)
      .map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`);
    this.deps.log.error(
      { calcom: req.operation, status, problems },
      "Cal.com answer does not have the documented shape",
    );
    throw new CalcomError(
      { kind: "unavailable", operation: req.operation, status, code: "invalid_response", ambiguous: true },
      `Cal.com ${req.operation} returned an unexpected response shape (${problems.join("; ")})`,
    );
  }

  /** Honours Cal.com's budget headers: after a 429, or when it says none is left, pause the limiter. */
  private noteBudget(headers: Record<string, string | string[] | undefined>, status: number): void {
    const remaining = header(headers, "x-ratelimit-remaining-default");
    if (status !== 429 && remaining !== "0") return;
    const wait = rateLimitWaitMs(headers, this.deps.clock.now());
    if (wait !== undefined) this.limiter.pauseUntil(this.deps.clock.now() + wait);
  }

  private headers(req: CalcomRequest<unknown>): Record<string, string> {
    const h: Record<string, string> = {
      authorization: `Bearer ${this.deps.apiKey}`,
      accept: "application/json",
    };
    const version = apiVersionFor(req.endpoint, this.deps.bookingsApiVersion);
    if (version !== undefined) h["cal-api-version"] = version;
    if (req.body !== undefined) h["content-type"] = "application/json";
    return h;
  }

  private pathWithQuery(req: CalcomRequest<unknown>): string {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(req.query ?? {})) if (v !== undefined) params.set(k, String(v));
    const qs = params.toString();
    return `${this.basePath}${req.path}${qs ? `?${qs}` : ""}`;
  }

  private reportAuth(err: CalcomError): void {
    if (this.authReported) return;
    this.authReported = true;
    try {
      this.deps.onAuthFailure?.(err);
    } catch (e) {
      this.deps.log.error({ err: e }, "onAuthFailure callback threw");
    }
  }

  private unexpected(req: CalcomRequest<unknown>, e: unknown): CalcomError {
    return new CalcomError({
      kind: "unavailable",
      operation: req.operation,
      code: "internal",
      ambiguous: true,
      cause: e,
    });
  }
}

function networkCode(e: unknown): string {
  let cur: unknown = e;
  for (let i = 0; i < 4 && cur && typeof cur === "object"; i++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === "string") return code;
    cur = (cur as { cause?: unknown }).cause;
  }
  return "network";
}

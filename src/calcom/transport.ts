import { Pool } from "undici";

export interface CalcomPoolOptions {
  /** At most this many connections at once; further requests wait in the pool's queue. */
  connections: number;
  /** The per-request deadline the client enforces with its AbortSignal (connect + headers + body). */
  timeoutMs: number;
}

/** How long an idle keep-alive connection is kept (a server's Keep-Alive hint may only shorten it). */
const KEEP_ALIVE_MS = 30_000;

/**
 * undici's own limits, derived from the client's per-request deadline (which stays the overall
 * bound: it also covers waiting in the pool's queue).
 *
 * - `connectTimeout`, half the deadline: a connection (TCP, and TLS for https) that cannot be made
 *   in that time fails as UND_ERR_CONNECT_TIMEOUT — nothing was sent, so even a write may be
 *   retried — instead of running into the deadline, after which a write is ambiguous. undici
 *   checks its timers about every 0.5 s, so with the default 10 s deadline it fires at 5–6 s.
 * - `headersTimeout` and `bodyTimeout`, the whole deadline: no request may wait longer than that
 *   for its headers, or between two pieces of its body, whatever happens to the AbortSignal. Both
 *   start once the request has been written, so the deadline normally fires first; either way the
 *   request was sent and its outcome is unknown.
 */
export function poolTimeouts(timeoutMs: number): {
  connectTimeout: number;
  headersTimeout: number;
  bodyTimeout: number;
} {
  return {
    connectTimeout: Math.max(1, Math.ceil(timeoutMs / 2)),
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
  };
}

/**
 * Keep-alive HTTP/1.1 connections to the Cal.com origin, over undici. Its errors keep their codes
 * (ECONNREFUSED, ENOTFOUND, UND_ERR_CONNECT_TIMEOUT, UND_ERR_SOCKET, UND_ERR_HEADERS_TIMEOUT, …)
 * for http.ts to classify.
 *
 * undici acts on a request's AbortSignal once the request has a connection: one that is still
 * waiting for a connection (all busy, or being made) ends when it gets one — dropped before a byte
 * is written — or when the connect fails. The connect timeout above keeps that wait bounded.
 */
export function createCalcomPool(origin: string, options: CalcomPoolOptions): Pool {
  return new Pool(origin, {
    connections: options.connections,
    keepAliveTimeout: KEEP_ALIVE_MS,
    keepAliveMaxTimeout: KEEP_ALIVE_MS,
    ...poolTimeouts(options.timeoutMs),
  });
}

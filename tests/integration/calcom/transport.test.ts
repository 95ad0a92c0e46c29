import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { type AddressInfo, createServer as createTcpServer, type Server as TcpServer } from "node:net";
import { Pool } from "undici";
import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { waitFor } from "../../../fakes/support/wait.js";
import { CalcomError } from "../../../src/calcom/errors.js";
import { CalcomHttp, type FetchOptions } from "../../../src/calcom/http.js";
import { poolTimeouts } from "../../../src/calcom/transport.js";
import { createLogger } from "../../../src/log.js";
import { logCapture } from "./helpers.js";

// The client's own undici Pool against real sockets: what each way of failing is reported as. The
// rule under test: a write that may have reached Cal.com is ambiguous and never sent again blindly;
// one that provably never left (refused, connect timeout) is not, and is retried.

interface Peer {
  origin: string;
  /** TCP connections accepted. */
  connections(): number;
  /** HTTP requests received (none for a bare TCP peer). */
  requests(): number;
  /** Most requests in progress at the same time. */
  maxInFlight(): number;
  close(): Promise<void>;
}

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

async function listen(server: Server | TcpServer): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return (server.address() as AddressInfo).port;
}

/** An HTTP server whose every request (body read) goes to `handle`. */
async function httpPeer(handle: (req: IncomingMessage, res: ServerResponse) => void): Promise<Peer> {
  let connections = 0;
  let requests = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  const server = createServer((req, res) => {
    requests++;
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    res.on("close", () => inFlight--);
    req.resume();
    req.on("end", () => handle(req, res));
  });
  server.on("connection", () => connections++);
  const port = await listen(server);
  const peer: Peer = {
    origin: `http://127.0.0.1:${port}`,
    connections: () => connections,
    requests: () => requests,
    maxInFlight: () => maxInFlight,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  closers.push(peer.close);
  return peer;
}

/** Accepts TCP connections and never says a word: a TLS handshake with it never completes. */
async function silentTcpPeer(): Promise<Peer> {
  const sockets = new Set<import("node:net").Socket>();
  const server = createTcpServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => undefined);
  });
  let connections = 0;
  server.on("connection", () => connections++);
  const port = await listen(server);
  const peer: Peer = {
    origin: `https://127.0.0.1:${port}`,
    connections: () => connections,
    requests: () => 0,
    maxInFlight: () => 0,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
  closers.push(peer.close);
  return peer;
}

/** A port nothing listens on. */
async function closedOrigin(): Promise<string> {
  const server = createTcpServer();
  const port = await listen(server);
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

interface Client {
  http: CalcomHttp;
  sleeps: number[];
  logs: string[];
}

function client(origin: string, fetch: FetchOptions = {}): Client {
  const { logs, stream } = logCapture();
  const sleeps: number[] = [];
  const http = new CalcomHttp({
    apiUrl: `${origin}/v2`,
    apiKey: "cal_test_transport000000000",
    bookingsApiVersion: "2026-02-25",
    clock: { now: () => Date.now() },
    log: createLogger({ level: "debug", destination: stream }),
    fetchOptions: {
      timeoutMs: 1_000,
      // Retries happen at once: only the transport's own timing is real here.
      sleep: async (ms) => {
        sleeps.push(ms);
      },
      random: () => 0.5,
      ...fetch,
    },
  });
  closers.unshift(() => http.close());
  return { http, sleeps, logs };
}

const createBooking = (c: Client) =>
  c.http.send({
    operation: "createBooking",
    endpoint: "bookings",
    method: "POST",
    path: "/bookings",
    body: { start: "2026-03-02T10:00:00Z" },
    schema: z.unknown(),
    write: true,
  });

const getBooking = (c: Client) =>
  c.http.send({
    operation: "getBooking",
    endpoint: "bookings",
    method: "GET",
    path: "/bookings/uid-1",
    schema: z.unknown(),
  });

async function failure(p: Promise<unknown>): Promise<CalcomError> {
  const e = await p.then(
    () => undefined,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(CalcomError);
  return e as CalcomError;
}

const ok = (res: ServerResponse) => {
  res.writeHead(200, { "content-type": "application/json" });
  res.end(JSON.stringify({ status: "success", data: { uid: "uid-1" } }));
};

describe("the Cal.com client's connections (undici Pool)", () => {
  it("keeps connections alive and never opens more than `connections` at once", async () => {
    const peer = await httpPeer((_req, res) => setTimeout(() => ok(res), 20));
    const c = client(peer.origin, { connections: 3 });
    await Promise.all(Array.from({ length: 30 }, () => getBooking(c)));
    expect(peer.requests()).toBe(30);
    expect(peer.maxInFlight()).toBeLessThanOrEqual(3);
    expect(peer.connections()).toBe(3);
    for (let i = 0; i < 5; i++) await getBooking(c);
    expect(peer.requests()).toBe(35);
    expect(peer.connections()).toBe(3); // the same connections, kept alive
  });

  it("derives undici's timeouts from the per-request deadline", () => {
    expect(poolTimeouts(10_000)).toEqual({
      connectTimeout: 5_000,
      headersTimeout: 10_000,
      bodyTimeout: 10_000,
    });
  });
});

describe("a write that never left is not ambiguous, and is tried again", () => {
  it("connection refused: ECONNREFUSED", async () => {
    const c = client(await closedOrigin());
    const e = await failure(createBooking(c));
    expect(e).toMatchObject({ kind: "unavailable", code: "ECONNREFUSED", ambiguous: false });
    expect(c.sleeps).toHaveLength(2); // three tries in all
  });

  it("a connection that cannot be made in half the deadline (TLS never answers): UND_ERR_CONNECT_TIMEOUT, before the deadline", async () => {
    const peer = await silentTcpPeer();
    // undici checks its timers every ~0.5 s: a 1.2 s connect timeout fires within ~1.5 s.
    const c = client(peer.origin, { timeoutMs: 2_400, attempts: 2 });
    const e = await failure(createBooking(c));
    expect(e).toMatchObject({ kind: "unavailable", code: "UND_ERR_CONNECT_TIMEOUT", ambiguous: false });
    expect(c.sleeps).toHaveLength(1);
    await waitFor(() => peer.connections() === 2, { description: "the second connection attempt" });
  });
});

describe("a write that may have reached Cal.com is ambiguous, and is not sent again", () => {
  it("the connection closes before an answer: UND_ERR_SOCKET", async () => {
    const peer = await httpPeer((req) => req.socket.destroy());
    const c = client(peer.origin);
    const e = await failure(createBooking(c));
    expect(e).toMatchObject({ kind: "unavailable", code: "UND_ERR_SOCKET", ambiguous: true });
    expect(peer.requests()).toBe(1);
    expect(c.sleeps).toHaveLength(0);
  });

  it("the answer is cut off in the middle of its body: UND_ERR_SOCKET", async () => {
    const peer = await httpPeer((_req, res) => {
      res.writeHead(201, { "content-type": "application/json", "content-length": "200" });
      res.write('{"status":"succ', () => res.socket?.destroy());
    });
    const c = client(peer.origin);
    const e = await failure(createBooking(c));
    expect(e).toMatchObject({ kind: "unavailable", code: "UND_ERR_SOCKET", ambiguous: true });
    expect(peer.requests()).toBe(1);
  });

  it("no headers, or a body that stops, until the deadline: timeout", async () => {
    const silent = await httpPeer(() => undefined);
    const c1 = client(silent.origin, { timeoutMs: 200 });
    expect(await failure(createBooking(c1))).toMatchObject({ code: "timeout", ambiguous: true });
    expect(silent.requests()).toBe(1);

    const stalled = await httpPeer((_req, res) => {
      res.writeHead(201, { "content-type": "application/json", "content-length": "200" });
      res.write('{"status":"succ');
    });
    const c2 = client(stalled.origin, { timeoutMs: 200 });
    expect(await failure(createBooking(c2))).toMatchObject({ code: "timeout", ambiguous: true });
    expect(stalled.requests()).toBe(1);
  });

  it("undici's own headers and body timeouts: UND_ERR_HEADERS_TIMEOUT, UND_ERR_BODY_TIMEOUT", async () => {
    // A pool whose phase timeouts are far shorter than the deadline, so undici's fire first.
    const silent = await httpPeer(() => undefined);
    const headersPool = new Pool(silent.origin, { headersTimeout: 50 });
    const c1 = client(silent.origin, { timeoutMs: 5_000, dispatcher: headersPool });
    closers.push(() => headersPool.close());
    expect(await failure(createBooking(c1))).toMatchObject({
      code: "UND_ERR_HEADERS_TIMEOUT",
      ambiguous: true,
    });
    expect(silent.requests()).toBe(1);

    const stalled = await httpPeer((_req, res) => {
      res.writeHead(201, { "content-type": "application/json", "content-length": "200" });
      res.write('{"status":"succ');
    });
    const bodyPool = new Pool(stalled.origin, { bodyTimeout: 50 });
    const c2 = client(stalled.origin, { timeoutMs: 5_000, dispatcher: bodyPool });
    closers.push(() => bodyPool.close());
    expect(await failure(createBooking(c2))).toMatchObject({ code: "UND_ERR_BODY_TIMEOUT", ambiguous: true });
    expect(stalled.requests()).toBe(1);
  });
});

describe("a read is tried again whatever the failure", () => {
  it("after a dropped connection and an undici headers timeout", async () => {
    let n = 0;
    const peer = await httpPeer((req, res) => {
      n++;
      // 1st: dropped; 2nd: never answered (the pool's headers timeout); 3rd: answered.
      if (n === 1) req.socket.destroy();
      else if (n >= 3) ok(res);
    });
    const pool = new Pool(peer.origin, { headersTimeout: 50 });
    closers.push(() => pool.close());
    const c = client(peer.origin, { timeoutMs: 5_000, dispatcher: pool });
    await expect(getBooking(c)).resolves.toEqual({ status: "success", data: { uid: "uid-1" } });
    expect(peer.requests()).toBe(3);
    const logged = c.logs.join("");
    expect(logged).toContain('"code":"UND_ERR_SOCKET"');
    expect(logged).toContain('"code":"UND_ERR_HEADERS_TIMEOUT"');
  });
});

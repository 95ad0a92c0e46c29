import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { FaultPlan } from "./faults.js";
import { createHost, type FakeHost } from "./host.js";
import { type LateCommit, LatePlan } from "./late.js";
import { verificationCode } from "./routes-bookings.js";
import { createHandler } from "./server.js";
import { FakeCalcomState } from "./state.js";
import { FakeThrottle } from "./throttle.js";
import {
  FAKE_OPS,
  type FakeCalcomOptions,
  type FakeOp,
  type Fault,
  type OutageMode,
  type OutputQuirks,
  type RecordedRequest,
} from "./types.js";

export type { FakeHost } from "./host.js";
export type { LateCommit } from "./late.js";
export { FakeCalcomState } from "./state.js";
export type {
  FakeAttendee,
  FakeBooking,
  FakeBookingField,
  FakeCalcomOptions,
  FakeConfirmationPolicy,
  FakeEventType,
  FakeOp,
  FakeRecurrence,
  FakeSeat,
  FakeSeats,
  Fault,
  OutageMode,
  OutputQuirks,
  RecordedRequest,
  WorkingHours,
} from "./types.js";

export interface FakeCalcom {
  /** Base URL including /v2, as CALCOM_API_URL expects, e.g. http://127.0.0.1:41234/v2. */
  url: string;
  apiKey: string;
  /** The first event type's id, slug and owner. */
  eventTypeId: number;
  eventSlug: string;
  username: string;
  state: FakeCalcomState;
  /** Requests received per operation (faulted ones included). */
  counts: Record<FakeOp, number>;
  requests: RecordedRequest[];
  requestsOf(op: FakeOp): RecordedRequest[];
  /** The next `times` requests of `op` ("*" = any) get `fault`. */
  inject(op: FakeOp | "*", fault: Fault, times?: number): void;
  setLatency(ms: number, op?: FakeOp | "*"): void;
  clearFaults(): void;
  resetCounters(): void;
  /** From now on only `key` is accepted (e.g. the operator revoked the old one). */
  setApiKey(key: string): void;
  /** What the host does in the web app (cancel, reschedule, confirm, …), without HTTP. */
  host: FakeHost;
  /** The next create(s) commit late: visible after `visibleAfterMs` fake ms; the answer delayed or lost. */
  commitLate(c?: LateCommit): void;
  /**
   * "503": every request gets the edge's 503 page; "refused": the port stops listening (connection
   * refused); false: back to normal. Also `startFakeCalcom({outage})`.
   */
  setOutage(mode: OutageMode | false): Promise<void>;
  /** Older shapes / odd values in every booking output from now on (merged into the current ones). */
  setOutputQuirks(q: OutputQuirks): void;
  /** The code the fake "mailed" to `email` for event types with requiresBookerEmailVerification. */
  emailVerificationCode(email: string): string;
  close(): Promise<void>;
}

/** A Cal.com API v2 look-alike on 127.0.0.1 (ephemeral port unless `port` is given). */
export async function startFakeCalcom(options: FakeCalcomOptions = {}): Promise<FakeCalcom> {
  const now = options.now ?? (() => Date.now());
  let apiKey = options.apiKey ?? "cal_test_fakeapikey0123456789";
  const state = new FakeCalcomState(options, now);
  const plan = new FaultPlan(options.latencyMs ?? 0);
  const late = new LatePlan();
  let outage: OutageMode | false = options.outage ?? false;
  const rate =
    options.rateLimit === undefined ? { limit: 120, windowMs: 60_000, blockMs: 60_000 } : options.rateLimit;
  const counts = Object.fromEntries(FAKE_OPS.map((op) => [op, 0])) as Record<FakeOp, number>;
  const requests: RecordedRequest[] = [];
  const handler = createHandler({
    state,
    plan,
    throttle: rate === false ? undefined : new FakeThrottle(rate, now),
    apiKey: () => apiKey,
    bookingsVersions: options.bookingsVersions ?? ["2024-08-13", "2026-02-25"],
    undeliverableDomains: options.undeliverableDomains ?? [],
    requests,
    counts,
    late,
    outage: () => outage === "503",
  });
  const server = createServer((req, res) => {
    handler(req, res).catch((e: unknown) => {
      console.error("fake Cal.com failed", e);
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  const listen = (p: number) =>
    new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(p, "127.0.0.1", () => {
        server.off("error", reject);
        resolve();
      });
    });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (!server.listening) return resolve();
      server.closeAllConnections();
      server.close(() => resolve());
    });
  await listen(options.port ?? 0);
  const { port } = server.address() as AddressInfo;
  // "refused" at start-up: the port is known (for the URL) but nothing listens on it.
  if (outage === "refused") await stop();
  const first = state.eventTypes[0];
  if (!first) throw new Error("the fake needs at least one event type");
  return {
    url: `http://127.0.0.1:${port}/v2`,
    get apiKey() {
      return apiKey;
    },
    eventTypeId: first.id,
    eventSlug: first.slug,
    username: first.ownerUsername,
    state,
    counts,
    requests,
    requestsOf: (op) => requests.filter((r) => r.op === op),
    inject: (op, fault, times = 1) => plan.inject(op, fault, times),
    setLatency: (ms, op = "*") => plan.setLatency(ms, op),
    clearFaults: () => {
      plan.clear();
      late.clear();
    },
    resetCounters: () => {
      for (const op of FAKE_OPS) counts[op] = 0;
      requests.length = 0;
    },
    setApiKey: (key) => {
      apiKey = key;
    },
    host: createHost(state),
    commitLate: (c = {}) => late.add(c),
    setOutage: async (mode) => {
      const was = outage;
      outage = mode;
      if (mode === "refused" && was !== "refused") await stop();
      if (mode !== "refused" && was === "refused") await listen(port);
    },
    setOutputQuirks: (q) => {
      state.outputQuirks = { ...state.outputQuirks, ...q };
    },
    emailVerificationCode: (email) => verificationCode(email),
    close: stop,
  };
}

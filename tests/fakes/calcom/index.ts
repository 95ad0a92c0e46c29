import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { FaultPlan } from "./faults.js";
import { createHandler } from "./server.js";
import { FakeCalcomState } from "./state.js";
import { FakeThrottle } from "./throttle.js";
import { FAKE_OPS, type FakeCalcomOptions, type FakeOp, type Fault, type RecordedRequest } from "./types.js";

export { FakeCalcomState } from "./state.js";
export type {
  FakeBooking,
  FakeCalcomOptions,
  FakeEventType,
  FakeOp,
  Fault,
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
  close(): Promise<void>;
}

/** A Cal.com API v2 look-alike on 127.0.0.1 (ephemeral port unless `port` is given). */
export async function startFakeCalcom(options: FakeCalcomOptions = {}): Promise<FakeCalcom> {
  const now = options.now ?? (() => Date.now());
  let apiKey = options.apiKey ?? "cal_test_fakeapikey0123456789";
  const state = new FakeCalcomState(options, now);
  const plan = new FaultPlan(options.latencyMs ?? 0);
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
  });
  const server = createServer((req, res) => {
    handler(req, res).catch((e: unknown) => {
      console.error("fake Cal.com failed", e);
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
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
    clearFaults: () => plan.clear(),
    resetCounters: () => {
      for (const op of FAKE_OPS) counts[op] = 0;
      requests.length = 0;
    },
    setApiKey: (key) => {
      apiKey = key;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

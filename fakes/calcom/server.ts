import type { IncomingMessage, ServerResponse } from "node:http";
import {
  bareInternalError,
  errorBody,
  FakeHttpError,
  type FakeResponse,
  MESSAGES,
  renderError,
} from "./envelope.js";
import type { FaultPlan } from "./faults.js";
import type { LatePlan } from "./late.js";
import { matchRoute, type RouteContext } from "./routes.js";
import type { FakeCalcomState } from "./state.js";
import type { FakeThrottle } from "./throttle.js";
import type { FakeOp, Fault, RecordedRequest } from "./types.js";

export interface ServerDeps {
  state: FakeCalcomState;
  plan: FaultPlan;
  throttle: FakeThrottle | undefined;
  /** The key Cal.com currently accepts (a test may revoke it). */
  apiKey: () => string;
  bookingsVersions: readonly string[];
  undeliverableDomains: readonly string[];
  requests: RecordedRequest[];
  counts: Record<FakeOp, number>;
  late: LatePlan;
  /** "503" while the edge answers every request with 503 (see FakeCalcom.setOutage). */
  outage: () => boolean;
}

const EXCEPTION_BY_STATUS: Record<number, string> = {
  500: "InternalServerErrorException",
  502: "BadGatewayException",
  503: "ServiceUnavailableException",
  504: "GatewayTimeoutException",
};

function send(res: ServerResponse, r: FakeResponse, extraHeaders: Record<string, string> = {}): void {
  const isText = typeof r.body === "string";
  res.writeHead(r.status, {
    "content-type": isText ? "text/html" : "application/json; charset=utf-8",
    ...extraHeaders,
    ...r.headers,
  });
  res.end(isText ? (r.body as string) : JSON.stringify(r.body));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

const delay = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Returns true when the fault took over the answer (or the lack of one). */
function applyFault(
  fault: Fault,
  path: string,
  now: number,
  req: IncomingMessage,
  res: ServerResponse,
): boolean {
  switch (fault.type) {
    case "drop":
      req.socket.destroy();
      return true;
    case "hang":
      return true; // never answered; the socket is destroyed on close()
    case "rate_limit": {
      const reset = fault.resetSeconds ?? 60;
      const headers: Record<string, string> = {
        "X-RateLimit-Limit-Default": "120",
        "X-RateLimit-Remaining-Default": "0",
        "X-RateLimit-Reset-Default": String(reset),
      };
      if (fault.retryAfterSeconds !== undefined) headers["Retry-After"] = String(fault.retryAfterSeconds);
      send(
        res,
        { status: 429, body: errorBody(path, "ThrottlerException", MESSAGES.throttled, now) },
        headers,
      );
      return true;
    }
    case "status": {
      const withEnvelope = fault.envelope ?? true;
      const code = EXCEPTION_BY_STATUS[fault.status] ?? "HttpException";
      let body: unknown;
      if (withEnvelope) body = errorBody(path, code, "Internal server error", now);
      else if (fault.status === 500) body = bareInternalError;
      else body = `<html><body><h1>${fault.status}</h1>upstream error</body></html>`;
      send(res, { status: fault.status, body });
      return true;
    }
    case "body":
      send(res, { status: fault.status ?? 200, body: fault.body });
      return true;
  }
}

export function createHandler(d: ServerDeps) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? "/", "http://fake");
    const method = req.method ?? "GET";
    const text = await readBody(req);
    const match = matchRoute(method, url.pathname);
    const op: FakeOp | "unknown" = match?.route.op ?? "unknown";
    const query = Object.fromEntries(url.searchParams);
    const auth = req.headers.authorization;
    const headers = Object.fromEntries(
      Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(", ") : (v ?? "")]),
    );
    headers.authorization =
      auth === undefined ? "missing" : auth === `Bearer ${d.apiKey()}` ? "valid" : "invalid";
    let body: unknown;
    let badJson = false;
    try {
      body = text === "" ? undefined : JSON.parse(text);
    } catch {
      badJson = true;
    }
    const now = d.state.now();
    const record: RecordedRequest = { op, method, path: url.pathname, query, headers, body, at: now };
    d.requests.push(record);
    res.once("close", () => {
      record.endedAt = d.state.now();
    });
    if (op !== "unknown") d.counts[op]++;

    if (d.outage()) {
      // An outage in front of Cal.com: the edge's HTML page, not Cal.com's envelope.
      send(res, {
        status: 503,
        body: "<html><body><h1>503 Service Unavailable</h1>No server is available to handle this request.</body></html>",
      });
      return;
    }
    const latency = d.plan.latencyFor(op);
    if (latency > 0) await delay(latency);
    const path = `${url.pathname}${url.search}`;
    if (!match) {
      send(res, {
        status: 404,
        body: errorBody(path, "NotFoundException", `Cannot ${method} ${url.pathname}`, now),
      });
      return;
    }
    const fault = d.plan.take(match.route.op);
    const after = fault !== undefined && "afterCommit" in fault && fault.afterCommit === true;
    if (fault && !after && applyFault(fault, path, now, req, res)) return;

    let budget: Record<string, string> = {};
    if (d.throttle) {
      const verdict = d.throttle.hit();
      budget = verdict.headers;
      if (!verdict.allowed) {
        send(
          res,
          { status: 429, body: errorBody(path, "ThrottlerException", MESSAGES.throttled, now) },
          budget,
        );
        return;
      }
    }
    if (auth !== `Bearer ${d.apiKey()}`) {
      send(
        res,
        { status: 401, body: errorBody(path, "UnauthorizedException", MESSAGES.invalidApiKey, now) },
        budget,
      );
      return;
    }
    const version = req.headers["cal-api-version"];
    const v = Array.isArray(version) ? version[0] : version;
    let versionOk = true;
    if (match.route.endpoint === "slots" && v !== "2024-09-04") {
      // Without the 2024-09-04 header the request reaches the old controller, which has no such route.
      send(
        res,
        { status: 404, body: errorBody(path, "NotFoundException", `Cannot GET ${url.pathname}`, now) },
        budget,
      );
      return;
    }
    const only = match.route.onlyVersions;
    if (only !== undefined) {
      const allowed =
        only === "bookings" ? d.bookingsVersions : only.filter((x) => d.bookingsVersions.includes(x));
      if (v === undefined || !allowed.includes(v)) {
        send(
          res,
          {
            status: 404,
            body: errorBody(path, "NotFoundException", `Cannot ${method} ${url.pathname}`, now),
          },
          budget,
        );
        return;
      }
    }

    if (match.route.endpoint === "bookings") {
      versionOk = v !== undefined && d.bookingsVersions.includes(v);
      if (!versionOk && match.route.op !== "listBookings") {
        send(res, { status: 500, body: bareInternalError }, budget);
        return;
      }
    }
    if (match.route.endpoint === "eventTypes") versionOk = v === "2024-06-14";
    let result: FakeResponse;
    if (badJson) {
      result = {
        status: 400,
        body: errorBody(path, "BadRequestException", "Unexpected token in JSON body", now),
      };
    } else {
      const ctx: RouteContext = {
        state: d.state,
        query,
        params: match.params,
        body,
        versionOk,
        version: v,
        undeliverableDomains: d.undeliverableDomains,
        late: d.late,
      };
      try {
        result = match.route.handle(ctx);
      } catch (e) {
        if (e instanceof FakeHttpError) {
          result = { status: e.status, body: renderError(e, path, now) };
        } else {
          console.error("fake Cal.com handler failed", e);
          result = { status: 500, body: bareInternalError };
        }
      }
    }
    if (fault && after && applyFault(fault, path, now, req, res)) return;
    if (result.answer === "never") return; // a late commit whose answer is lost
    if (result.answer !== undefined) await delay(result.answer.delayMs);
    if (res.destroyed) return;
    send(res, result, budget);
  };
}

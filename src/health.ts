import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface HealthState {
  /** "ok" once polling and the database is open; anything else answers 503. */
  status(): "ok" | "starting" | "stopping";
  details(): Record<string, unknown>;
}

export interface HealthServer {
  port: number;
  close(): Promise<void>;
}

/** `GET /health` for fly.io: 200 with JSON when ready, 503 while starting or stopping. */
export async function startHealthServer(port: number, state: HealthState): Promise<HealthServer> {
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { allow: "GET, HEAD" }).end();
      return;
    }
    if (path !== "/health") {
      res.writeHead(404, { "content-type": "application/json" }).end('{"error":"not found"}');
      return;
    }
    const status = state.status();
    const body = JSON.stringify({ status, ...state.details() });
    res.writeHead(status === "ok" ? 200 : 503, {
      "content-type": "application/json",
      "cache-control": "no-store",
    });
    res.end(req.method === "HEAD" ? undefined : body);
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "0.0.0.0", () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

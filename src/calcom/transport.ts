import { Agent as HttpAgent, request as httpRequest, type IncomingHttpHeaders } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";

/** One HTTP request as the Cal.com client sends it (the subset of undici's Dispatcher it uses). */
export interface DispatchOptions {
  origin: string;
  /** Path with query string. */
  path: string;
  method: "GET" | "POST";
  headers: Record<string, string>;
  body?: string | undefined;
  signal?: AbortSignal | undefined;
}

export interface DispatchResponse {
  statusCode: number;
  headers: IncomingHttpHeaders;
  body: { text(): Promise<string> };
}

/** What sends the client's requests: node:http by default; tests may pass an undici Dispatcher. */
export interface Dispatcher {
  request(options: DispatchOptions): Promise<DispatchResponse>;
  close(): Promise<void>;
}

/**
 * Keep-alive connections to one origin over node:http(s): at most `connections` at a time (more
 * requests queue in the agent), idle ones kept for `keepAliveMs`. Errors keep Node's codes
 * (ECONNREFUSED, ECONNRESET, …) for the client to classify.
 */
export class NodeHttpDispatcher implements Dispatcher {
  private readonly agent: HttpAgent;
  private readonly send: typeof httpRequest;

  constructor(origin: string, options: { connections: number; keepAliveMs: number }) {
    const secure = new URL(origin).protocol === "https:";
    const agentOptions = {
      keepAlive: true,
      keepAliveMsecs: 1000,
      maxSockets: options.connections,
      maxFreeSockets: options.connections,
      timeout: options.keepAliveMs,
    };
    this.agent = secure ? new HttpsAgent(agentOptions) : new HttpAgent(agentOptions);
    this.send = secure ? httpsRequest : httpRequest;
  }

  request(options: DispatchOptions): Promise<DispatchResponse> {
    return new Promise((resolve, reject) => {
      const url = new URL(options.path, options.origin);
      const headers: Record<string, string | number> = { ...options.headers };
      if (options.body !== undefined) headers["content-length"] = Buffer.byteLength(options.body);
      const req = this.send(
        url,
        { method: options.method, headers, agent: this.agent, signal: options.signal },
        (res) => {
          const chunks: Buffer[] = [];
          const body = new Promise<string>((done, fail) => {
            res.on("data", (c: Buffer) => chunks.push(c));
            res.on("end", () => done(Buffer.concat(chunks).toString("utf8")));
            res.on("error", fail);
            res.on("close", () => {
              if (!res.complete) fail(Object.assign(new Error("response cut off"), { code: "ECONNRESET" }));
            });
          });
          // Never an unhandled rejection when the caller gives up on the body.
          body.catch(() => undefined);
          resolve({ statusCode: res.statusCode ?? 0, headers: res.headers, body: { text: () => body } });
        },
      );
      req.on("error", reject);
      req.end(options.body);
    });
  }

  async close(): Promise<void> {
    this.agent.destroy();
  }
}

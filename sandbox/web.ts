/**
 * The sandbox's web server on 127.0.0.1: the page (sandbox/public), its state as JSON and as a
 * stream of server-sent events, and the actions a Telegram app and Cal.com's web app offer.
 */
import { readFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join } from "node:path";
import { z } from "zod";
import type { BotStatus } from "./bot-process.js";
import { type CalcomPanel, type CalendarOut, HOST_ACTIONS } from "./calcom-panel.js";
import type { ChatOut, TelegramClient } from "./telegram-client.js";

const PUBLIC = join(import.meta.dirname, "public");
/** The page's files: sandbox/public/<name>.<html|css|js>, flat. */
const STATIC_NAME = /^\/([a-z-]+\.(?:html|css|js))$/;
const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
};
const PUSH_EVERY_MS = 200;

export interface Snapshot {
  bot: BotStatus;
  chats: ChatOut[];
  calendar: CalendarOut;
}

export interface SandboxParts {
  clients: readonly TelegramClient[];
  calendar: CalcomPanel;
  botStatus: () => BotStatus;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const sendSchema = z.object({ text: z.string().trim().min(1).max(4096) });
const tapSchema = z.object({ messageId: z.number().int().positive(), data: z.string().min(1).max(64) });
const linkSchema = z.object({ url: z.string().min(1).max(2048) });
const languageSchema = z.object({ language: z.enum(["ru", "en"]) });
const hostSchema = z.object({
  action: z.enum(HOST_ACTIONS as [string, ...string[]]),
  uid: z.string().min(1),
  start: z.number().optional(),
});
const outageSchema = z.object({ mode: z.union([z.literal("503"), z.literal("refused"), z.literal(false)]) });
const latencySchema = z.object({ ms: z.number().int().min(0).max(60_000) });
const confirmationSchema = z.object({ on: z.boolean() });

async function body<T>(req: IncomingMessage, schema: z.ZodType<T>): Promise<T> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  let json: unknown;
  try {
    json = JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}");
  } catch {
    throw new HttpError(400, "the body is not JSON");
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new HttpError(400, parsed.error.issues.map((i) => i.message).join("; "));
  return parsed.data;
}

function json(res: ServerResponse, status: number, value: unknown): void {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" });
  res.end(JSON.stringify(value));
}

export class SandboxServer {
  private readonly server: Server;
  private readonly streams = new Set<ServerResponse>();
  private lastPushed = "";
  private readonly timer: NodeJS.Timeout;
  port = 0;

  constructor(private readonly parts: SandboxParts) {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((err: unknown) => {
        const status = err instanceof HttpError ? err.status : 500;
        json(res, status, { error: err instanceof Error ? err.message : String(err) });
      });
    });
    this.timer = setInterval(() => this.push(), PUSH_EVERY_MS);
  }

  snapshot(): Snapshot {
    return {
      bot: this.parts.botStatus(),
      chats: this.parts.clients.map((c) => c.view()),
      calendar: this.parts.calendar.view(),
    };
  }

  async listen(port: number): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.server.once("error", reject);
      this.server.listen(port, "127.0.0.1", () => resolve());
    });
    this.port = (this.server.address() as AddressInfo).port;
    return this.port;
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    for (const s of this.streams) s.end();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Sends the state to every open page when it changed since the last push. */
  private push(): void {
    if (this.streams.size === 0) return;
    const text = JSON.stringify(this.snapshot());
    if (text === this.lastPushed) return;
    this.lastPushed = text;
    for (const s of this.streams) s.write(`data: ${text}\n\n`);
  }

  private client(key: string | undefined): TelegramClient {
    const c = this.parts.clients.find((x) => x.person.key === key);
    if (!c) throw new HttpError(404, `no person ${String(key)}`);
    return c;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // Only this machine's pages: a site the browser visits can't drive the sandbox by DNS rebinding.
    const host = req.headers.host ?? "";
    if (host !== `127.0.0.1:${this.port}` && host !== `localhost:${this.port}`) {
      throw new HttpError(403, "use the address the sandbox printed");
    }
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const parts = url.pathname.split("/").filter(Boolean);
    const file = url.pathname === "/" ? "index.html" : STATIC_NAME.exec(url.pathname)?.[1];
    if (req.method === "GET" && file) {
      const content = await readFile(join(PUBLIC, file)).catch(() => {
        throw new HttpError(404, "not found");
      });
      res.writeHead(200, {
        "content-type": TYPES[extname(file)] ?? "text/plain",
        "cache-control": "no-store",
      });
      res.end(content);
      return;
    }
    if (parts[0] !== "api") throw new HttpError(404, "not found");
    if (req.method === "GET") return this.get(parts, res);
    if (req.method === "POST") return this.post(parts, req, res);
    throw new HttpError(405, "method not allowed");
  }

  private get(parts: string[], res: ServerResponse): void {
    if (parts[1] === "state") {
      json(res, 200, this.snapshot());
      return;
    }
    if (parts[1] === "events") {
      res.writeHead(200, {
        "content-type": "text/event-stream; charset=utf-8",
        "cache-control": "no-store",
        connection: "keep-alive",
      });
      res.write(`data: ${JSON.stringify(this.snapshot())}\n\n`);
      this.streams.add(res);
      res.on("close", () => this.streams.delete(res));
      return;
    }
    if (parts[1] === "file") {
      const doc = this.client(parts[2]).file(Number(parts[3]));
      if (!doc) throw new HttpError(404, "no such document");
      res.writeHead(200, {
        "content-type": doc.mime,
        "content-disposition": `attachment; filename*=UTF-8''${encodeURIComponent(doc.name)}`,
      });
      res.end(doc.bytes);
      return;
    }
    throw new HttpError(404, "not found");
  }

  private async post(parts: string[], req: IncomingMessage, res: ServerResponse): Promise<void> {
    const [, area, key, action] = parts;
    if (area === "chat") {
      const client = this.client(key);
      if (action === "send") client.send((await body(req, sendSchema)).text);
      else if (action === "language") client.setLanguage((await body(req, languageSchema)).language);
      else if (action === "link") {
        const { url } = await body(req, linkSchema);
        try {
          client.openLink(url);
        } catch {
          throw new HttpError(400, "not a link to this bot");
        }
      } else if (action === "tap") {
        const t = await body(req, tapSchema);
        try {
          return json(res, 200, { queryId: client.tap(t.messageId, t.data) });
        } catch {
          throw new HttpError(409, "that button is gone");
        }
      } else throw new HttpError(404, "not found");
      return json(res, 200, { ok: true });
    }
    if (area === "cal") {
      await this.calendarAction(key, req);
      return json(res, 200, { ok: true });
    }
    throw new HttpError(404, "not found");
  }

  private async calendarAction(what: string | undefined, req: IncomingMessage): Promise<void> {
    const cal = this.parts.calendar;
    if (what === "host") {
      const h = await body(req, hostSchema);
      try {
        cal.host(h.action as (typeof HOST_ACTIONS)[number], h.uid, h.start);
      } catch (err) {
        throw new HttpError(409, err instanceof Error ? err.message : String(err));
      }
    } else if (what === "outage") await cal.setOutage((await body(req, outageSchema)).mode);
    else if (what === "latency") cal.setLatency((await body(req, latencySchema)).ms);
    else if (what === "confirmation") cal.setRequiresConfirmation((await body(req, confirmationSchema)).on);
    else throw new HttpError(404, "not found");
  }
}

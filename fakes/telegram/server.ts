/**
 * The HTTP side: `POST|GET /bot<token>/<method>` (JSON, urlencoded, query string or multipart bodies,
 * as api.telegram.org accepts them) and `GET /file/bot<token>/<file_path>` downloads.
 * Replies: `{ok:true,result[,description]}` / `{ok:false,error_code,description[,parameters]}` with the
 * HTTP status equal to error_code.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { badRequest, Descriptions, type Fault, TelegramApiError } from "./errors.js";
import { type CallContext, Described, handlers, unmodelled } from "./methods.js";
import { boundaryOf, parseMultipart, type UploadedFile } from "./multipart.js";
import { apiSpec, canonicalMethodName } from "./spec.js";
import type { CallRecord, State } from "./state.js";
import { decodeUtf8Lossless, parseForm } from "./unicode.js";
import { validateParams } from "./validate.js";

const MAX_BODY = 60 * 1024 * 1024;

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new TelegramApiError(413, "Request Entity Too Large"));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(text),
    "access-control-allow-origin": "*",
  });
  res.end(text);
}

function sendError(res: ServerResponse, e: TelegramApiError): void {
  sendJson(res, e.error_code, e.toJSON());
}

interface Parsed {
  params: Record<string, unknown>;
  files: Map<string, UploadedFile>;
}

async function parseRequest(req: IncomingMessage, url: URL): Promise<Parsed> {
  // Bytes that are not UTF-8 survive decoding as lone surrogates (unicode.ts), as they do in td.
  const params: Record<string, unknown> = parseForm(url.search.slice(1));
  const files = new Map<string, UploadedFile>();
  const body = await readBody(req);
  const type = (req.headers["content-type"] ?? "").toLowerCase();
  if (body.length === 0) return { params, files };
  if (type.startsWith("multipart/form-data")) {
    const boundary = boundaryOf(req.headers["content-type"] ?? "");
    if (!boundary) throw badRequest("multipart boundary is not specified");
    let parsed: ReturnType<typeof parseMultipart>;
    try {
      parsed = parseMultipart(body, boundary);
    } catch (e) {
      throw badRequest(`can't parse multipart/form-data: ${(e as Error).message}`);
    }
    Object.assign(params, parsed.fields);
    for (const [k, f] of parsed.files) files.set(k, f);
  } else if (type.startsWith("application/x-www-form-urlencoded")) {
    Object.assign(params, parseForm(body.toString("latin1")));
  } else {
    let json: unknown;
    try {
      json = JSON.parse(decodeUtf8Lossless(body));
    } catch {
      throw badRequest("can't parse JSON object");
    }
    if (typeof json !== "object" || json === null || Array.isArray(json))
      throw badRequest("JSON object expected");
    Object.assign(params, json);
  }
  return { params, files };
}

function loggableParams(
  params: Record<string, unknown>,
  files: Map<string, UploadedFile>,
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...params };
  const attached = new Set<string>();
  for (const [k, v] of Object.entries(out)) {
    if (typeof v === "string" && v.startsWith("attach://")) {
      const name = v.slice("attach://".length);
      const f = files.get(name);
      if (f) {
        attached.add(name);
        out[k] = { attach: v, file_name: f.filename, size: f.bytes.length };
      }
    }
  }
  for (const [k, f] of files)
    if (!attached.has(k) && !(k in out)) out[k] = { file_name: f.filename, size: f.bytes.length };
  return out;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export interface ServerHooks {
  token: string;
}

export class FakeHttpServer {
  readonly server: Server;
  private readonly sockets = new Set<Socket>();

  constructor(
    private readonly state: State,
    private readonly hooks: ServerHooks,
  ) {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((e: unknown) => {
        if (!res.headersSent)
          sendJson(res, 500, {
            ok: false,
            error_code: 500,
            description: `Internal Server Error: ${String(e)}`,
          });
      });
    });
    // grammY keeps connections alive; never close idle sockets under it (that races into ECONNRESET).
    this.server.keepAliveTimeout = 10 * 60 * 1000;
    this.server.headersTimeout = 10 * 60 * 1000 + 1000;
    this.server.requestTimeout = 0;
    this.server.on("connection", (s: Socket) => {
      this.sockets.add(s);
      s.on("close", () => this.sockets.delete(s));
    });
  }

  listen(): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once("error", reject);
      this.server.listen(0, "127.0.0.1", () => {
        const addr = this.server.address();
        if (addr && typeof addr === "object") resolve(addr.port);
        else reject(new Error("fake Telegram: no port"));
      });
    });
  }

  async close(): Promise<void> {
    this.state.updates.releaseWaiter();
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
      for (const s of this.sockets) s.destroy();
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const file = /^\/file\/bot([^/]+)\/(.+)$/.exec(url.pathname);
    if (file) return this.serveFile(res, file[1] ?? "", decodeURIComponent(file[2] ?? ""));
    const m = /^\/bot([^/]*)\/([^/]*)$/.exec(url.pathname);
    if (!m) return sendJson(res, 404, { ok: false, error_code: 404, description: Descriptions.notFound });
    if (m[1] !== this.hooks.token) {
      req.resume();
      return sendJson(res, 401, { ok: false, error_code: 401, description: Descriptions.unauthorized });
    }
    const method = canonicalMethodName(m[2] ?? "");
    if (!method) {
      req.resume();
      return sendJson(res, 404, { ok: false, error_code: 404, description: Descriptions.notFound });
    }

    const started = performance.now();
    const call: CallRecord = {
      seq: this.state.nextCallSeq(),
      method,
      params: {},
      at: this.state.clock.now(),
      warnings: [],
    };
    const finish = (status: number, response: CallRecord["response"], injected = false) => {
      call.httpStatus = status;
      call.response = response;
      call.durationMs = performance.now() - started;
      if (injected) call.injected = true;
      this.state.callsChanged.emit();
    };

    let parsed: Parsed;
    try {
      parsed = await parseRequest(req, url);
    } catch (e) {
      this.state.recordCall(call);
      const err = e instanceof TelegramApiError ? e : badRequest(String(e));
      finish(err.error_code, err.toJSON());
      return sendError(res, err);
    }
    call.params = loggableParams(parsed.params, parsed.files);
    if (typeof parsed.params.chat_id === "number" || /^-?\d+$/.test(String(parsed.params.chat_id ?? ""))) {
      call.chatId = Number(parsed.params.chat_id);
    }
    this.state.recordCall(call);

    const aborter = new AbortController();
    res.on("close", () => {
      if (!res.writableFinished) aborter.abort();
    });

    const delay = this.takeDelay(method);
    if (delay > 0) await sleep(delay);

    const fault = this.takeFault(method, parsed.params);
    if (fault) return this.applyFault(req, res, fault, finish);

    try {
      const spec = apiSpec().methods[method];
      if (!spec) throw new TelegramApiError(404, Descriptions.notFound);
      const { params, warnings } = validateParams(method, spec, parsed.params, parsed.files);
      call.warnings.push(...warnings);
      const handler = handlers[method] ?? unmodelled(method, spec.returns);
      const ctx: CallContext = { state: this.state, method, params, signal: aborter.signal, call };
      const result = await handler(ctx);
      if (aborter.signal.aborted) return finish(0, undefined);
      if (result instanceof Described) {
        finish(200, { ok: true, result: result.result });
        return sendJson(res, 200, { ok: true, result: result.result, description: result.description });
      }
      finish(200, { ok: true, result });
      return sendJson(res, 200, { ok: true, result });
    } catch (e) {
      // A non-API error is a bug in the fake: answer 500 (grammY then reports it) and keep the trace.
      const err =
        e instanceof TelegramApiError
          ? e
          : new TelegramApiError(
              500,
              `Internal Server Error: fake Telegram bug: ${(e as Error)?.stack ?? String(e)}`,
            );
      finish(err.error_code, err.toJSON());
      if (aborter.signal.aborted) return;
      return sendError(res, err);
    }
  }

  private serveFile(res: ServerResponse, token: string, path: string): void {
    if (token !== this.hooks.token) {
      sendJson(res, 401, { ok: false, error_code: 401, description: Descriptions.unauthorized });
      return;
    }
    const f = this.state.fileByPath(path);
    if (!f?.bytes) {
      sendJson(res, 404, { ok: false, error_code: 404, description: Descriptions.notFound });
      return;
    }
    res.writeHead(200, {
      "content-type": f.mime_type ?? "application/octet-stream",
      "content-length": f.bytes.length,
    });
    res.end(f.bytes);
  }

  private takeDelay(method: string): number {
    const rule = this.state.delays.find((d) => (d.method === method || d.method === "*") && d.remaining > 0);
    if (!rule) return 0;
    rule.remaining--;
    return rule.ms;
  }

  private takeFault(method: string, params: Record<string, unknown>): Fault | undefined {
    const rule = this.state.faults.find(
      (f) =>
        (f.method === method || f.method === "*") && f.remaining > 0 && (!f.predicate || f.predicate(params)),
    );
    if (!rule) return undefined;
    rule.remaining--;
    return rule.fault;
  }

  private applyFault(
    req: IncomingMessage,
    res: ServerResponse,
    fault: Fault,
    finish: (status: number, response: CallRecord["response"], injected?: boolean) => void,
  ): void {
    if ("network" in fault) {
      finish(0, undefined, true);
      req.socket.destroy();
      return;
    }
    if ("http" in fault) {
      finish(
        fault.http.status,
        { ok: false, error_code: fault.http.status, description: fault.http.body },
        true,
      );
      res.writeHead(fault.http.status, {
        "content-type": fault.http.contentType ?? "text/html",
        "content-length": Buffer.byteLength(fault.http.body),
      });
      res.end(fault.http.body);
      return;
    }
    const err = new TelegramApiError(fault.error_code, fault.description, fault.parameters);
    finish(err.error_code, err.toJSON(), true);
    sendError(res, err);
  }
}

import { afterEach, describe, expect, it } from "vitest";
import { type HealthServer, startHealthServer } from "../../src/health.js";

let server: HealthServer | undefined;
afterEach(async () => {
  await server?.close();
});

describe("GET /health", () => {
  it("answers 503 while starting or stopping and 200 with JSON once ready", async () => {
    let status: "ok" | "starting" | "stopping" = "starting";
    server = await startHealthServer(0, {
      status: () => status,
      details: () => ({ polling: status === "ok" }),
    });
    const get = async (path = "/health") => {
      const res = await fetch(`http://127.0.0.1:${server?.port}${path}`);
      return { code: res.status, body: await res.text() };
    };
    expect(await get()).toEqual({ code: 503, body: JSON.stringify({ status: "starting", polling: false }) });
    status = "ok";
    const ok = await get();
    expect(ok.code).toBe(200);
    expect(JSON.parse(ok.body)).toEqual({ status: "ok", polling: true });
    status = "stopping";
    expect((await get()).code).toBe(503);
    expect((await get("/other")).code).toBe(404);
  });
});

import { request } from "undici";
import { afterEach, describe, expect, it } from "vitest";
import { type FakeCalcom, startFakeCalcom } from "../../../fakes/calcom/index.js";
import { ManualClock, MONDAY_0600 } from "./helpers.js";

let fake: FakeCalcom;
afterEach(async () => {
  await fake?.close();
});

async function call(
  method: "GET" | "POST",
  path: string,
  o: { version?: string; body?: unknown; key?: string | null } = {},
): Promise<{ status: number; body: Record<string, unknown>; headers: Record<string, unknown> }> {
  const headers: Record<string, string> = {};
  if (o.key !== null) headers.authorization = `Bearer ${o.key ?? fake.apiKey}`;
  if (o.version) headers["cal-api-version"] = o.version;
  if (o.body !== undefined) headers["content-type"] = "application/json";
  const res = await request(`${fake.url}${path}`, {
    method,
    headers,
    body: o.body === undefined ? undefined : JSON.stringify(o.body),
  });
  const text = await res.body.text();
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(text);
  } catch {
    body = { text };
  }
  return { status: res.statusCode, body, headers: res.headers };
}

const V = { slots: "2024-09-04", bookings: "2026-02-25", eventTypes: "2024-06-14" };
const validBooking = (over: Record<string, unknown> = {}) => ({
  start: "2026-03-02T10:00:00Z",
  eventTypeId: fake.eventTypeId,
  attendee: { name: "A", email: "a@mail.ru", timeZone: "Europe/Moscow", language: "ru" },
  ...over,
});

describe("the fake Cal.com is as strict as the real one", () => {
  it("answers 401 in Cal.com's error envelope without a valid Bearer key", async () => {
    fake = await startFakeCalcom();
    for (const key of [null, "cal_live_wrong"]) {
      const r = await call("GET", "/me", { key });
      expect(r.status).toBe(401);
      expect(r.body).toMatchObject({
        status: "error",
        path: "/v2/me",
        error: { code: "UnauthorizedException" },
      });
    }
  });

  it("serves /v2/slots only with cal-api-version 2024-09-04 (else 404)", async () => {
    const clock = new ManualClock(MONDAY_0600);
    fake = await startFakeCalcom({ now: clock.now });
    const q = `/slots?eventTypeId=${fake.eventTypeId}&start=2026-03-02&end=2026-03-02&timeZone=Europe/Moscow`;
    expect((await call("GET", q)).status).toBe(404);
    const r = await call("GET", q, { version: V.slots });
    expect(r.status).toBe(200);
    const day = (r.body.data as Record<string, Array<{ start: string }>>)["2026-03-02"];
    expect(day?.[0]).toEqual({ start: "2026-03-02T12:00:00.000+03:00" });
    expect(day).toHaveLength(8);
    const range = await call("GET", `${q}&format=range`, { version: V.slots });
    expect((range.body.data as Record<string, unknown[]>)["2026-03-02"]?.[0]).toEqual({
      start: "2026-03-02T12:00:00.000+03:00",
      end: "2026-03-02T13:00:00.000+03:00",
    });
    const empty = await call(
      "GET",
      `/slots?eventTypeId=${fake.eventTypeId}&start=2026-03-07&end=2026-03-08`,
      {
        version: V.slots,
      },
    );
    expect(empty.body).toEqual({ status: "success", data: {} });
  });

  it("answers booking calls with a wrong version with a bare 500, and lists ignoring the attendee filter", async () => {
    fake = await startFakeCalcom({ now: new ManualClock(MONDAY_0600).now });
    const r = await call("POST", "/bookings", { version: "2024-04-15", body: validBooking() });
    expect(r.status).toBe(500);
    expect(r.body).toEqual({ statusCode: 500, message: "Internal server error" });
    fake.state.addBooking({ start: Date.parse("2026-03-03T10:00:00Z") });
    const all = await call("GET", "/bookings?attendeeEmail=nobody@mail.ru");
    expect((all.body.data as unknown[]).length).toBe(1);
    const filtered = await call("GET", "/bookings?attendeeEmail=nobody@mail.ru", { version: V.bookings });
    expect(filtered.body.data).toEqual([]);
    expect(filtered.body.pagination).toMatchObject({ totalItems: 0, hasNextPage: false });
  });

  it("refuses unknown properties, missing required ones and unknown query parameters with 400", async () => {
    fake = await startFakeCalcom({ now: new ManualClock(MONDAY_0600).now });
    const post = (body: unknown) => call("POST", "/bookings", { version: V.bookings, body });
    const unknownTop = await post(validBooking({ telegramId: 1 }));
    expect(unknownTop.status).toBe(400);
    expect(unknownTop.body).toMatchObject({
      error: { code: "BadRequestException", message: "property telegramId should not exist" },
    });
    const unknownAttendee = await post(
      validBooking({ attendee: { name: "A", email: "a@mail.ru", timeZone: "UTC", phone: "1" } }),
    );
    expect(unknownAttendee.status).toBe(400);
    const noStart = validBooking();
    delete (noStart as Record<string, unknown>).start;
    expect((await post(noStart)).status).toBe(400);
    expect((await post(validBooking({ attendee: { email: "a@mail.ru", timeZone: "UTC" } }))).status).toBe(
      400,
    );
    expect((await post(validBooking({ metadata: { ["k".repeat(41)]: "v" } }))).status).toBe(400);
    const list = await call("GET", "/bookings?telegramId=1", { version: V.bookings });
    expect(list.status).toBe(400);
    expect(fake.state.bookings.size).toBe(0);
  });

  it("refuses placeholder domains with email_domain_cannot_receive_mail", async () => {
    fake = await startFakeCalcom({ now: new ManualClock(MONDAY_0600).now });
    for (const email of ["u@telecalbot.local", "u@example.invalid", "u@example.com"]) {
      const r = await call("POST", "/bookings", {
        version: V.bookings,
        body: validBooking({ attendee: { name: "A", email, timeZone: "UTC" } }),
      });
      expect(r.status).toBe(400);
      expect(JSON.stringify(r.body)).toContain("email_domain_cannot_receive_mail");
    }
  });

  it("reschedules into a new uid and cancels the old one; the old time shows free only for that reschedule", async () => {
    fake = await startFakeCalcom({ now: new ManualClock(MONDAY_0600).now });
    const created = await call("POST", "/bookings", { version: V.bookings, body: validBooking() });
    expect(created.status).toBe(201);
    const uid = (created.body.data as { uid: string }).uid;
    const slotsQ = `/slots?eventTypeId=${fake.eventTypeId}&start=2026-03-02T10:00:00Z&end=2026-03-02T10:00:00Z`;
    expect((await call("GET", slotsQ, { version: V.slots })).body.data).toEqual({});
    const freed = await call("GET", `${slotsQ}&bookingUidToReschedule=${uid}`, { version: V.slots });
    expect(Object.keys(freed.body.data as object)).toEqual(["2026-03-02"]);
    const moved = await call("POST", `/bookings/${uid}/reschedule`, {
      version: V.bookings,
      body: { start: "2026-03-02T12:00:00Z", reschedulingReason: "r" },
    });
    expect(moved.status).toBe(201);
    const next = moved.body.data as { uid: string; rescheduledFromUid: string };
    expect(next.uid).not.toBe(uid);
    expect(next.rescheduledFromUid).toBe(uid);
    const old = await call("GET", `/bookings/${uid}`, { version: V.bookings });
    expect(old.body.data).toMatchObject({ status: "cancelled", rescheduledToUid: next.uid });
    const again = await call("POST", `/bookings/${uid}/cancel`, { version: V.bookings, body: {} });
    expect(again.status).toBe(400);
  });

  it("sends Cal.com's rate-limit headers and blocks with 429 over the budget", async () => {
    fake = await startFakeCalcom({ rateLimit: { limit: 2, windowMs: 60_000, blockMs: 60_000 } });
    const a = await call("GET", "/me");
    expect(a.headers["x-ratelimit-limit-default"]).toBe("2");
    expect(a.headers["x-ratelimit-remaining-default"]).toBe("1");
    expect(Number(a.headers["x-ratelimit-reset-default"])).toBeGreaterThan(0);
    await call("GET", "/me");
    const blocked = await call("GET", "/me");
    expect(blocked.status).toBe(429);
    expect(blocked.headers["x-ratelimit-reset-default"]).toBe("60");
    expect(blocked.headers["retry-after"]).toBeUndefined();
    expect(blocked.body).toMatchObject({ error: { code: "ThrottlerException" } });
  });

  it("counts requests per operation and can be slowed down per operation", async () => {
    fake = await startFakeCalcom();
    fake.setLatency(60, "getMe");
    const t0 = Date.now();
    await call("GET", "/me");
    expect(Date.now() - t0).toBeGreaterThanOrEqual(50);
    expect(fake.counts.getMe).toBe(1);
    expect(fake.requestsOf("getMe")[0]?.headers.authorization).toBe("valid");
  });
});

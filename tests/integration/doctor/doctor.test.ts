import { afterEach, describe, expect, it } from "vitest";
import { type FakeCalcom, type FakeCalcomOptions, startFakeCalcom } from "../../../fakes/calcom/index.js";
import { type FakeTelegram, startFakeTelegram } from "../../../fakes/telegram/index.js";
import { type Config, parseConfig } from "../../../src/config.js";
import { runDoctor } from "../../../src/doctor.js";

let calcom: FakeCalcom | undefined;
let telegram: FakeTelegram | undefined;
afterEach(async () => {
  await calcom?.close();
  await telegram?.close();
  calcom = undefined;
  telegram = undefined;
});

async function setup(o: { fake?: FakeCalcomOptions; env?: Record<string, string | undefined> } = {}) {
  calcom = await startFakeCalcom(o.fake);
  telegram = await startFakeTelegram();
  const config: Config = parseConfig({
    TELEGRAM_BOT_TOKEN: telegram.token,
    TELEGRAM_API_ROOT: telegram.apiRoot,
    ADMIN_TELEGRAM_ID: "1",
    CALCOM_API_KEY: calcom.apiKey,
    CALCOM_API_URL: calcom.url,
    CALCOM_EVENT_TYPE_ID: String(calcom.eventTypeId),
    CALCOM_FALLBACK_EMAIL: "owner@mail.ru",
    ...o.env,
  });
  return config;
}

async function doctor(config: Config, write = false): Promise<{ code: number; text: string }> {
  let text = "";
  const code = await runDoctor({
    config,
    write,
    out: { write: (s: string) => (text += s) },
    fetchOptions: { sleep: async () => {}, timeoutMs: 2_000 },
  });
  return { code, text };
}

describe("npm run doctor", () => {
  it("says everything is fine for a good configuration, read-only, without printing secrets", async () => {
    const config = await setup();
    const { code, text } = await doctor(config);
    expect(code).toBe(0);
    expect(text).toContain("✓ Telegram: the bot token works (@telecal_test_bot");
    expect(text).toContain('✓ Cal.com: the API key works (account "sponsor"');
    expect(text).toContain('✓ Event type: "Step meeting" (id 1001, slug "step"), 60 minutes, via cal-video.');
    expect(text).toMatch(/✓ Availability: \d+ free slots in the next 14 days/);
    expect(text).toContain("✓ Fallback mailbox set (…@mail.ru)");
    expect(text).toContain("All checks passed.");
    expect(text).not.toContain(config.telegram.token);
    expect(text).not.toContain(config.calcom.apiKey);
    expect(calcom?.counts.createBooking).toBe(0);
    expect(calcom?.requestsOf("getMe")).toHaveLength(1);
  });

  it("finds the event type by username and slug", async () => {
    const config = await setup({ env: { CALCOM_EVENT_TYPE_ID: undefined, CALCOM_USERNAME: "sponsor" } });
    const { code, text } = await doctor(config);
    expect(code).toBe(0);
    expect(text).toContain('slug "step"');
  });

  it("names a wrong Telegram token and still checks Cal.com", async () => {
    const config = await setup();
    const bad = {
      ...config,
      telegram: { ...config.telegram, token: "7000000001:AAHsomethingElseEntirely_0123456789" },
    };
    const { code, text } = await doctor(bad);
    expect(code).toBe(1);
    expect(text).toContain("✗ Telegram refused TELEGRAM_BOT_TOKEN");
    expect(text).toContain("✓ Cal.com: the API key works");
    expect(text).not.toContain("AAHsomethingElseEntirely");
  });

  it("names a refused Cal.com key and skips what depends on it", async () => {
    const config = await setup();
    calcom?.setApiKey("cal_live_rotatedkey000000");
    const { code, text } = await doctor(config);
    expect(code).toBe(1);
    expect(text).toContain("✗ Cal.com refused CALCOM_API_KEY (HTTP 401)");
    expect(text).toContain("– Event type, availability and bookings not checked");
  });

  it("names an event type id that does not exist", async () => {
    const config = await setup({ env: { CALCOM_EVENT_TYPE_ID: "999" } });
    const { code, text } = await doctor(config);
    expect(code).toBe(1);
    expect(text).toContain("✗ CALCOM_EVENT_TYPE_ID=999");
  });

  it("says so when there is nothing to book in the window, and warns about a duration other than an hour", async () => {
    const config = await setup({
      fake: { workingHours: { days: [] }, eventTypes: [{ lengthInMinutes: 30 }] },
    });
    const { code, text } = await doctor(config);
    expect(code).toBe(1);
    expect(text).toContain("! The event lasts 30 minutes");
    expect(text).toContain("✗ No free slots in the next 14 days");
  });

  it("says when Cal.com cannot be reached", async () => {
    const config = await setup();
    await calcom?.close();
    calcom = undefined;
    const { code, text } = await doctor(config);
    expect(code).toBe(1);
    expect(text).toContain("✗ Cannot reach Cal.com at http://127.0.0.1:");
  });

  it("mentions that email is required when no fallback mailbox is set", async () => {
    const config = await setup({ env: { CALCOM_FALLBACK_EMAIL: undefined } });
    const { code, text } = await doctor(config);
    expect(code).toBe(0);
    expect(text).toContain("ℹ CALCOM_FALLBACK_EMAIL is not set");
  });

  it("--write books the first free slot with the fallback mailbox and cancels it", async () => {
    const config = await setup();
    const { code, text } = await doctor(config, true);
    expect(code).toBe(0);
    expect(text).toMatch(/✓ Test booking at \S+ \(UTC\) created and cancelled/);
    expect(text).toMatch(/✓ Test booking moved to \S+ \(UTC\)/);
    // Created, moved (the old one cancelled by the move, a new one made), the new one cancelled.
    const bookings = [...(calcom?.state.bookings.values() ?? [])];
    expect(bookings).toHaveLength(2);
    expect(bookings.every((b) => b.status === "cancelled")).toBe(true);
    expect(bookings.every((b) => b.attendee.email === "owner+doctor@mail.ru")).toBe(true);
    for (const call of ["POST /v2/bookings ", "/reschedule ", "/cancel "]) {
      expect(text).toMatch(
        new RegExp(`✓ [^\n]*${call.replace(/[/]/g, "\\/")}\\(cal-api-version 2026-02-25\\): works`),
      );
    }
  });

  it("--write explains a fallback mailbox Cal.com refuses", async () => {
    const config = await setup({ env: { CALCOM_FALLBACK_EMAIL: "owner@telecalbot.local" } });
    const { code, text } = await doctor(config, true);
    expect(code).toBe(1);
    expect(text).toContain("CALCOM_FALLBACK_EMAIL must be a real mailbox");
  });

  it("prints one line per endpoint the bot uses, with the version it sends (list and get bookings included)", async () => {
    const config = await setup();
    calcom?.state.addBooking({ start: Date.now() + 3 * 86_400_000 });
    const { code, text } = await doctor(config);
    expect(code).toBe(0);
    expect(text).toContain("✓ GET /v2/me (cal-api-version none): works");
    expect(text).toContain("✓ GET /v2/event-types/{id} (cal-api-version 2024-06-14): works");
    expect(text).toContain("✓ GET /v2/slots (cal-api-version 2024-09-04): works");
    expect(text).toContain("✓ GET /v2/bookings (cal-api-version 2026-02-25): works");
    expect(text).toContain("✓ GET /v2/bookings/{uid} (cal-api-version 2026-02-25): works");
    expect(text).toContain("– POST /v2/bookings (cal-api-version 2026-02-25): not called");
    expect(text).toContain("run with --write");
    expect(calcom?.requestsOf("listBookings").length).toBeGreaterThan(0);
    expect(calcom?.counts.createBooking).toBe(0);
  });

  it("says plainly when the configured bookings version does not work, and which are known to", async () => {
    const config = await setup({ fake: { bookingsVersions: ["2024-08-13"] } });
    calcom?.state.addBooking({ start: Date.now() + 3 * 86_400_000 });
    const { code, text } = await doctor(config, true);
    expect(code).toBe(1);
    expect(text).toContain(
      "✗ GET /v2/bookings (cal-api-version 2026-02-25): does NOT filter by attendeeEmail",
    );
    expect(text).toMatch(/✗ POST \/v2\/bookings \(cal-api-version 2026-02-25\): does NOT work \(HTTP 500/);
    expect(text).toContain("Known to work: 2024-08-13 (in the OpenAPI document) and 2026-02-25");

    const fixed = await doctor(
      { ...config, calcom: { ...config.calcom, bookingsApiVersion: "2024-08-13" } },
      true,
    );
    expect(fixed.text).toContain("✓ GET /v2/bookings (cal-api-version 2024-08-13): works");
    expect(fixed.code).toBe(0);
  });
});

describe("npm run doctor: event-type settings the bot adapts to or refuses", () => {
  const cases: Array<[string, FakeCalcomOptions["eventTypes"], string]> = [
    [
      "a required question",
      [{ bookingFields: [{ slug: "phone-ish", type: "text", required: true, label: "Your city" }] }],
      '✗ Required booking question "Your city" (phone-ish, text): the bot does not ask it, so Cal.com would refuse every booking. In Cal.com: Event Types → "Step meeting" → Advanced → Booking questions → "Your city": make it optional.',
    ],
    [
      "email verification",
      [{ requiresBookerEmailVerification: true }],
      '✗ Booker email verification is on: Cal.com wants the code it mails to each booker, which the bot cannot ask for (members may not even give an email). In Cal.com: Event Types → "Step meeting" → Advanced: turn off "Requires booker email verification".',
    ],
    [
      "seats",
      [{ seats: { seatsPerTimeSlot: 5, showAttendeeInfo: false, showAvailabilityCount: true } }],
      "✗ Seats are on (5 per time slot)",
    ],
    [
      "a recurring event",
      [{ recurrence: { interval: 1, occurrences: 4, frequency: "weekly" } }],
      "✗ Recurring event (weekly, every 1, 4 times)",
    ],
    ["cancelling disabled", [{ disableCancelling: true }], "ℹ Cancelling is disabled for attendees"],
    ["rescheduling disabled", [{ disableRescheduling: true }], "ℹ Rescheduling is disabled for attendees"],
    [
      "a reschedule notice",
      [{ minimumRescheduleNotice: 120 }],
      "ℹ Rescheduling is closed 120 minutes before a meeting",
    ],
    [
      "a minimum notice",
      [{ minimumBookingNotice: 240 }],
      "ℹ Minimum notice 240 minutes: Cal.com offers no sooner times",
    ],
    [
      "booking limits",
      [{ bookingLimitsCount: { day: 2 }, bookingLimitsDuration: { week: 300 } }],
      "ℹ Booking limits (2 bookings a day; 300 minutes a week)",
    ],
    [
      "several lengths",
      [{ lengthInMinutes: 60, lengthInMinutesOptions: [30, 60, 90] }],
      "ℹ Several lengths (30, 60, 90 min, default 60): members pick one before the times",
    ],
    [
      "an optional question",
      [{ bookingFields: [{ slug: "company", type: "text", required: false }] }],
      "ℹ Optional booking questions (company): the bot leaves them unanswered.",
    ],
  ];
  it("reads free slots for every offered length, with the duration the bot sends", async () => {
    const config = await setup({
      fake: { eventTypes: [{ lengthInMinutes: 60, lengthInMinutesOptions: [30, 60, 90] }] },
    });
    const { text } = await doctor(config);
    expect(text).toMatch(/✓ Availability for 30 minutes: \d+ free slots/);
    expect(text).toMatch(/✓ Availability for 90 minutes: \d+ free slots/);
    expect(calcom?.requestsOf("getSlots").map((r) => r.query.duration)).toEqual([undefined, "30", "90"]);
  });

  for (const [name, eventTypes, line] of cases) {
    it(`names ${name}`, async () => {
      const config = await setup({ fake: { eventTypes } });
      const { code, text } = await doctor(config);
      expect(text).toContain(line);
      expect(code).toBe(line.startsWith("✗") ? 1 : 0);
    });
  }
});

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
    const bookings = [...(calcom?.state.bookings.values() ?? [])];
    expect(bookings).toHaveLength(1);
    expect(bookings[0]?.status).toBe("cancelled");
    expect(bookings[0]?.attendee.email).toBe("owner+doctor@mail.ru");
  });

  it("--write explains a fallback mailbox Cal.com refuses", async () => {
    const config = await setup({ env: { CALCOM_FALLBACK_EMAIL: "owner@telecalbot.local" } });
    const { code, text } = await doctor(config, true);
    expect(code).toBe(1);
    expect(text).toContain("CALCOM_FALLBACK_EMAIL must be a real mailbox");
  });
});

import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "../../src/config.js";

const valid = {
  TELEGRAM_BOT_TOKEN: "123456:AAbbCCddEEffGGhhIIjjKKllMMnn",
  ADMIN_TELEGRAM_ID: "111, 222",
  CALCOM_API_KEY: "cal_live_abcdef123456",
  CALCOM_EVENT_TYPE_ID: "42",
};

function problems(env: Record<string, string | undefined>): string[] {
  try {
    parseConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return [...err.problems];
    throw err;
  }
  return [];
}

describe("configuration from the environment", () => {
  it("an operator who sets only the required variables gets the spec's defaults", () => {
    const c = parseConfig(valid);
    expect(c.adminIds).toEqual([111, 222]);
    expect(c.calcom.eventTypeId).toBe(42);
    expect(c.calcom.apiUrl).toBe("https://api.cal.com/v2");
    expect(c.calcom.bookingsApiVersion).toBe("2026-02-25");
    expect(c.calcom.eventSlug).toBe("step");
    expect(c.calcom.fallbackEmail).toBeUndefined();
    expect(c.telegram.apiRoot).toBe("https://api.telegram.org");
    expect(c.databasePath).toBe("./data/telecalbot.db");
    expect(c.healthPort).toBe(8080);
    expect(c.logLevel).toBe("info");
    expect(c.availabilityCacheTtlSeconds).toBe(300);
    expect(c.bookingWindowDays).toBe(14);
    expect(c.conversationTimeoutMinutes).toBe(30);
    expect(c.reminderOffsetsMinutes).toEqual([1440, 60]);
    expect(c.defaultLanguage).toBe("ru");
    expect(c.inviteTtlDays).toBe(7);
  });

  it("takes the invite links' lifetime in whole days", () => {
    expect(parseConfig({ ...valid, INVITE_TTL_DAYS: "30" }).inviteTtlDays).toBe(30);
    expect(problems({ ...valid, INVITE_TTL_DAYS: "0" })[0]).toMatch(/^INVITE_TTL_DAYS/);
    expect(problems({ ...valid, INVITE_TTL_DAYS: "1 week" })[0]).toMatch(/^INVITE_TTL_DAYS/);
  });

  it("an operator with several mistakes sees every bad variable named at once, and no value", () => {
    const env = {
      ...valid,
      TELEGRAM_BOT_TOKEN: "not-a-token-SECRETVALUE",
      ADMIN_TELEGRAM_ID: "alice",
      CALCOM_API_KEY: undefined,
      CALCOM_EVENT_TYPE_ID: undefined,
      HEALTH_PORT: "99999",
      DEFAULT_LANGUAGE: "de",
      REMINDER_OFFSETS_MINUTES: "1 day",
    };
    const found = problems(env);
    const names = found.map((p) => p.split(" ")[0]);
    expect(names.sort()).toEqual(
      [
        "ADMIN_TELEGRAM_ID",
        "CALCOM_API_KEY",
        "CALCOM_EVENT_TYPE_ID",
        "DEFAULT_LANGUAGE",
        "HEALTH_PORT",
        "REMINDER_OFFSETS_MINUTES",
        "TELEGRAM_BOT_TOKEN",
      ].sort(),
    );
    expect(found.join(" ")).not.toContain("SECRETVALUE");
    expect(found.join(" ")).not.toContain("alice");
  });

  it("requires an event type id or a username", () => {
    expect(problems({ ...valid, CALCOM_EVENT_TYPE_ID: undefined })).toEqual([
      expect.stringMatching(/^CALCOM_EVENT_TYPE_ID .*CALCOM_USERNAME/),
    ]);
    const c = parseConfig({ ...valid, CALCOM_EVENT_TYPE_ID: "", CALCOM_USERNAME: "sponsor" });
    expect(c.calcom.eventTypeId).toBeUndefined();
    expect(c.calcom.username).toBe("sponsor");
    expect(c.calcom.eventSlug).toBe("step");
  });

  it("accepts test servers and trims trailing slashes from API roots", () => {
    const c = parseConfig({
      ...valid,
      TELEGRAM_API_ROOT: "http://127.0.0.1:4000/",
      CALCOM_API_URL: "http://127.0.0.1:5000/v2/",
      CALCOM_FALLBACK_EMAIL: "owner@example.org",
      REMINDER_OFFSETS_MINUTES: "60, 1440, 60",
      DEFAULT_LANGUAGE: "en",
    });
    expect(c.telegram.apiRoot).toBe("http://127.0.0.1:4000");
    expect(c.calcom.apiUrl).toBe("http://127.0.0.1:5000/v2");
    expect(c.calcom.fallbackEmail).toBe("owner@example.org");
    expect(c.reminderOffsetsMinutes).toEqual([1440, 60]);
    expect(c.defaultLanguage).toBe("en");
  });

  it("refuses a fallback mailbox that is not an address or already carries a +tag", () => {
    expect(problems({ ...valid, CALCOM_FALLBACK_EMAIL: "nobody" })[0]).toMatch(/^CALCOM_FALLBACK_EMAIL/);
    expect(problems({ ...valid, CALCOM_FALLBACK_EMAIL: "a+b@example.org" })[0]).toMatch(
      /^CALCOM_FALLBACK_EMAIL/,
    );
  });

  it("treats empty variables (as in a copied .env.example) as unset", () => {
    const c = parseConfig({ ...valid, LOG_LEVEL: "", HEALTH_PORT: " ", CALCOM_FALLBACK_EMAIL: "" });
    expect(c.logLevel).toBe("info");
    expect(c.healthPort).toBe(8080);
    expect(c.calcom.fallbackEmail).toBeUndefined();
  });

  it("caps a member's upcoming bookings at 4 unless MAX_UPCOMING_BOOKINGS_PER_USER says otherwise", () => {
    expect(parseConfig(valid).maxUpcomingBookingsPerUser).toBe(4);
    expect(parseConfig({ ...valid, MAX_UPCOMING_BOOKINGS_PER_USER: " 2 " }).maxUpcomingBookingsPerUser).toBe(
      2,
    );
    for (const bad of ["0", "-1", "four", "2.5"]) {
      expect(problems({ ...valid, MAX_UPCOMING_BOOKINGS_PER_USER: bad })).toEqual([
        expect.stringMatching(/^MAX_UPCOMING_BOOKINGS_PER_USER /),
      ]);
    }
  });
});

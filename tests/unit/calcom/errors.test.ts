import { describe, expect, it } from "vitest";
import { CalcomError, kindForHttpError, sanitizeApiText } from "../../../src/calcom/errors.js";
import { apiVersionFor } from "../../../src/calcom/versions.js";

describe("mapping Cal.com's answers to error kinds", () => {
  const bad = (message: string) => kindForHttpError(400, "BadRequestException", message);

  it.each([
    ["User either already has booking at this time or is not available", "slot_unavailable"],
    ["One of the hosts either already has booking at this time or is not available", "slot_unavailable"],
    [
      `The event type can't be booked at the "start" time provided. This could be because…`,
      "slot_unavailable",
    ],
    ["Attempting to book a meeting in the past.", "slot_unavailable"],
    [
      "Attendee with this email can't book because the maximum number of active bookings has been reached.",
      "booking_limit",
    ],
    ["responses - {email}Invalid email format", "invalid_email"],
    ["email_domain_cannot_receive_mail | This email address cannot receive mail.", "invalid_email"],
    ["property foo should not exist", "invalid_input"],
  ])("400 %j → %s", (message, kind) => {
    expect(bad(message)).toBe(kind);
  });

  it("uses the status first", () => {
    expect(kindForHttpError(401, "UnauthorizedException", "Invalid API Key")).toBe("auth");
    // A valid key refused one action is not a refused key (no "key refused" alarm).
    expect(kindForHttpError(403, "ForbiddenException", "")).toBe("forbidden");
    expect(kindForHttpError(401, "TRPCError", "User is not authorized to confirm this booking")).toBe(
      "forbidden",
    );
    expect(kindForHttpError(404, "NotFoundException", "not available")).toBe("not_found");
    expect(kindForHttpError(409, "CONFLICT", "")).toBe("slot_unavailable");
    expect(kindForHttpError(429, "ThrottlerException", "")).toBe("rate_limited");
    expect(kindForHttpError(500, undefined, "Internal server error")).toBe("unavailable");
    expect(kindForHttpError(503, undefined, "")).toBe("unavailable");
    expect(kindForHttpError(422, undefined, "whatever")).toBe("invalid_input");
  });

  it("keeps emails out of the API text it logs", () => {
    expect(sanitizeApiText("Attendee anna.k+x1@mail.ru can't book")).toBe("Attendee [email] can't book");
    expect(sanitizeApiText("x".repeat(400))).toHaveLength(301);
  });

  it("says what failed in its message, without the raw API text", () => {
    const e = new CalcomError({
      kind: "slot_unavailable",
      operation: "createBooking",
      status: 400,
      apiMessage: "raw",
    });
    expect(e.message).toBe("Cal.com createBooking failed: slot_unavailable (HTTP 400)");
    expect(e.name).toBe("CalcomError");
  });
});

describe("the cal-api-version table", () => {
  it("holds one version per endpoint, bookings overridable", () => {
    expect(apiVersionFor("slots")).toBe("2024-09-04");
    expect(apiVersionFor("eventTypes")).toBe("2024-06-14");
    expect(apiVersionFor("me")).toBeUndefined();
    expect(apiVersionFor("bookings")).toBe("2026-02-25");
    expect(apiVersionFor("bookings", "2024-08-13")).toBe("2024-08-13");
  });
});

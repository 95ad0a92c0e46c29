import { describe, expect, it } from "vitest";
import { assessEventType, refusalsOf } from "../../../src/calcom/event-type-check.js";
import { eventTypeSchema } from "../../../src/calcom/schemas.js";
import { toEventTypeInfo } from "../../../src/calcom/types.js";

/** An event type as Cal.com's output service shapes it with every setting off. */
const base = {
  id: 7,
  slug: "step",
  title: "Step",
  lengthInMinutes: 60,
  locations: [],
  minimumBookingNotice: 0,
  bookingFields: [
    { isDefault: true, type: "name", slug: "name", required: true },
    { isDefault: true, type: "email", slug: "email", required: true, hidden: false },
    { isDefault: true, type: "text", slug: "title", required: true, hidden: true },
    { isDefault: true, type: "textarea", slug: "notes", required: false },
  ],
  recurrence: null,
  seats: { disabled: true },
  requiresBookerEmailVerification: false,
  disableCancelling: { disabled: false },
  disableRescheduling: { disabled: false },
};
const assess = (over: Record<string, unknown>) =>
  assessEventType(toEventTypeInfo(eventTypeSchema.parse({ ...base, ...over })));

describe("assessing an event type", () => {
  it("says nothing about an event type with every setting off (system booking fields included)", () => {
    expect(assess({})).toEqual([]);
  });

  it("refuses a required custom question even when hidden; an optional hidden one is not mentioned", () => {
    const lines = assess({
      bookingFields: [
        ...base.bookingFields,
        { isDefault: false, type: "text", slug: "city", label: "", required: true, hidden: true },
        { isDefault: false, type: "text", slug: "secret", required: false, hidden: true },
      ],
    });
    expect(lines.map((l) => l.verdict)).toEqual(["refuse"]);
    expect(refusalsOf(lines)).toEqual([{ code: "requiredQuestion", detail: "city" }]);
  });

  it("reads each refusing setting and tolerates shapes it does not know", () => {
    const lines = assess({
      requiresBookerEmailVerification: true,
      seats: { seatsPerTimeSlot: 4, showAttendeeInfo: false, showAvailabilityCount: false },
      recurrence: { interval: 2, occurrences: 3, frequency: "monthly" },
      bookingLimitsCount: { disabled: true },
      disableRescheduling: "odd",
    });
    expect(refusalsOf(lines).map((r) => r.code)).toEqual(["emailVerification", "seats", "recurring"]);
    expect(lines.filter((l) => l.verdict === "adapt")).toEqual([]);
  });

  it("adapts to several lengths, limits and a reschedule notice", () => {
    const lines = assess({
      lengthInMinutesOptions: [90, 30, 60],
      bookingLimitsDuration: { week: 240 },
      disableRescheduling: { disabled: false, minutesBefore: 60 },
    });
    expect(lines.map((l) => [l.setting, l.verdict])).toEqual([
      ["lengthInMinutesOptions", "adapt"],
      ["disableRescheduling", "adapt"],
      ["bookingLimits", "adapt"],
    ]);
    expect(lines[0]?.text).toContain("Several lengths (30, 60, 90 min, default 60)");
  });
});

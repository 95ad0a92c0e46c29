import { describe, expect, it } from "vitest";
import {
  bookingEnvelopeSchema,
  bookingsListSchema,
  eventTypesListSchema,
  slotsSchema,
} from "../../../src/calcom/schemas.js";
import { toBooking } from "../../../src/calcom/types.js";

const booking = {
  id: 1,
  uid: "u1",
  title: "Step meeting between Sponsor and Анна",
  description: "",
  hosts: [],
  status: "accepted",
  start: "2026-03-02T13:00:00.000+03:00",
  end: "2026-03-02T14:00:00.000+03:00",
  duration: 60,
  eventTypeId: 7,
  eventType: { id: 7, slug: "step" },
  location: "https://app.cal.com/video/x",
  absentHost: false,
  createdAt: "2026-03-01T00:00:00Z",
  updatedAt: "2026-03-01T00:00:00Z",
  attendees: [
    { name: "Анна", email: "a@mail.ru", displayEmail: "a@mail.ru", timeZone: "Europe/Moscow", absent: false },
  ],
  bookingFieldsResponses: {},
  metadata: { bookingReference: "ref-9" },
};

describe("Cal.com answers are checked against the documented shapes", () => {
  it("tolerates fields it does not know and normalises times to UTC", () => {
    const parsed = bookingEnvelopeSchema.parse({
      status: "success",
      data: { ...booking, brandNewField: { x: 1 } },
    });
    const b = toBooking(parsed.data);
    expect(b.startUtc).toBe("2026-03-02T10:00:00.000Z");
    expect(b.reference).toBe("ref-9");
    expect(b.attendee?.language).toBeUndefined();
    expect("brandNewField" in parsed.data).toBe(false);
  });

  it("keeps a status newer than the bot instead of failing", () => {
    const parsed = bookingEnvelopeSchema.parse({
      status: "success",
      data: { ...booking, status: "awaiting_host" },
    });
    expect(parsed.data.status).toBe("awaiting_host");
  });

  it.each(["uid", "start", "end", "status"])("rejects a booking without %s", (field) => {
    const data: Record<string, unknown> = { ...booking };
    delete data[field];
    expect(bookingEnvelopeSchema.safeParse({ status: "success", data }).success).toBe(false);
  });

  it("rejects an error envelope where data was expected", () => {
    const r = bookingEnvelopeSchema.safeParse({ status: "error", error: { code: "X", message: "y" } });
    expect(r.success).toBe(false);
  });

  it("reads slots keyed by date, in any offset, as UTC instants", () => {
    const r = slotsSchema.parse({
      status: "success",
      data: {
        "2026-03-02": [{ start: "2026-03-02T12:00:00.000+03:00" }, "2026-03-02T10:00:00Z"],
        "2026-03-03": [{ start: "2026-03-03T09:00:00.000Z", end: "2026-03-03T10:00:00.000Z", extra: 1 }],
      },
    });
    expect(Object.values(r.data).flat()).toEqual([
      "2026-03-02T09:00:00.000Z",
      "2026-03-02T10:00:00.000Z",
      "2026-03-03T09:00:00.000Z",
    ]);
    expect(slotsSchema.parse({ status: "success", data: {} }).data).toEqual({});
    expect(
      slotsSchema.safeParse({ status: "success", data: { "2026-03-02": [{ start: "soon" }] } }).success,
    ).toBe(false);
  });

  it("accepts the event-types list as documented (array) and as a single object", () => {
    const et = {
      id: 7,
      slug: "step",
      title: "Step",
      lengthInMinutes: 60,
      locations: [{ type: "integration" }],
    };
    expect(eventTypesListSchema.parse({ status: "success", data: [et] }).data).toHaveLength(1);
    expect(eventTypesListSchema.parse({ status: "success", data: et }).data).toHaveLength(1);
    // Array items are read one by one by readItems (an unreadable one is skipped, not fatal).
    const noLength = { ...et, lengthInMinutes: undefined };
    expect(eventTypesListSchema.safeParse({ status: "success", data: noLength }).success).toBe(false);
  });

  it("requires the list's data to be an array (its items are read one by one, see readItems)", () => {
    expect(bookingsListSchema.safeParse({ status: "success", data: [booking] }).success).toBe(true);
    expect(bookingsListSchema.safeParse({ status: "success", data: { uid: "x" } }).success).toBe(false);
  });

  it("reads a booking without attendees (a seated booking may show none) as one without an attendee", () => {
    const { attendees: _a, ...rest } = booking;
    expect(
      toBooking(bookingEnvelopeSchema.parse({ status: "success", data: rest }).data).attendee,
    ).toBeUndefined();
  });
});

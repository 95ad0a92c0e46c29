import { describe, expect, it } from "vitest";
import { compare } from "../../../src/bookings/changes.js";
import type { Booking } from "../../../src/calcom/types.js";
import type { StoredBooking } from "../../../src/db/bookings.js";

const local: StoredBooking = {
  uid: "a",
  telegramId: 1,
  reference: "r",
  startUtc: "2026-03-03T10:00:00.000Z",
  endUtc: "2026-03-03T11:00:00.000Z",
  status: "accepted",
  attendeeName: "N",
  attendeeEmail: "n@example.com",
  timeZone: "Europe/Moscow",
  language: "en",
  location: "https://cal.com/video/x",
  rescheduledFromUid: undefined,
  createdAt: "2026-03-01T10:00:00.000Z",
  updatedAt: "2026-03-01T10:00:00.000Z",
};
const remote = (o: Partial<Booking> = {}): Booking => ({
  uid: "a",
  title: "Step",
  status: "accepted",
  startUtc: local.startUtc,
  endUtc: local.endUtc,
  durationMinutes: 60,
  location: local.location ?? null,
  attendee: undefined,
  reference: "r",
  rescheduledFromUid: undefined,
  rescheduledToUid: undefined,
  ...o,
});

describe("compare(local, remote)", () => {
  it("the same booking: no change; a new video link only refreshes the record", () => {
    expect(compare(local, remote())).toBeUndefined();
    expect(compare(local, remote({ location: null }))).toBeUndefined();
    expect(compare(local, remote({ location: "https://x" }))?.kind).toBe("refreshed");
  });

  it("a web-app cancel names the canceller; without one it is a request for a new time", () => {
    expect(
      compare(local, remote({ status: "cancelled", cancelledByEmail: "host@x", cancellationReason: "ill" })),
    ).toEqual({
      kind: "hostCancelled",
      uid: "a",
      reason: "ill",
    });
    expect(compare(local, remote({ status: "cancelled", cancellationReason: "travel" }))).toEqual({
      kind: "rescheduleRequested",
      uid: "a",
      reason: "travel",
    });
  });

  it("a move needs where it went; a new start under the same uid is a move too", () => {
    const to = remote({ uid: "b", startUtc: "2026-03-04T10:00:00.000Z", endUtc: "2026-03-04T11:00:00.000Z" });
    expect(compare(local, remote({ status: "cancelled", rescheduledToUid: "b" }))).toBeUndefined();
    expect(compare(local, remote({ status: "cancelled", rescheduledToUid: "b" }), to)).toEqual({
      kind: "hostMoved",
      uid: "a",
      to,
    });
    const later = remote({ startUtc: to.startUtc, endUtc: to.endUtc });
    expect(compare(local, later)).toEqual({ kind: "hostMoved", uid: "a", to: later });
  });

  it("pending requests decided, a booking gone, and records already inactive", () => {
    const pending = { ...local, status: "pending" };
    expect(compare(pending, remote())?.kind).toBe("confirmed");
    expect(compare(pending, remote({ status: "rejected" }))?.kind).toBe("declined");
    expect(compare(local, "gone")?.kind).toBe("gone");
    expect(compare({ ...local, status: "cancelled" }, "gone")).toBeUndefined();
  });
});

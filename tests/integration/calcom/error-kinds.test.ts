import { afterEach, describe, expect, it } from "vitest";
import type { CreateBookingInput } from "../../../src/bookings/inputs.js";
import { failureKind } from "../../../src/bookings/outcomes.js";
import { CalcomError, EventTypeConfigError } from "../../../src/calcom/index.js";
import { type Harness, startHarness } from "./helpers.js";

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const request = (over: Partial<CreateBookingInput> = {}): CreateBookingInput => ({
  reference: `ref-${Math.random()}`,
  telegramId: 5,
  startUtc: "2026-03-02T14:00:00Z",
  name: "Мария",
  email: "maria@mail.ru",
  timeZone: "Asia/Vladivostok",
  language: "ru",
  ...over,
});

async function kindOf(p: Promise<unknown>): Promise<string | undefined> {
  try {
    await p;
    return undefined;
  } catch (e) {
    expect(e).toBeInstanceOf(CalcomError);
    return (e as CalcomError).kind;
  }
}

describe("what the bot is told when Cal.com refuses", () => {
  it("slot taken, in the past, too soon, too far, outside hours: slot_unavailable", async () => {
    h = await startHarness();
    h.fake.state.addBooking({ start: Date.parse("2026-03-02T14:00:00Z") });
    const c = h.bookings;
    expect(await kindOf(c.createBooking(request()))).toBe("slot_unavailable");
    expect(await kindOf(c.createBooking(request({ startUtc: "2026-03-01T10:00:00Z" })))).toBe(
      "slot_unavailable",
    );
    expect(await kindOf(c.createBooking(request({ startUtc: "2026-03-02T06:30:00Z" })))).toBe(
      "slot_unavailable",
    );
    expect(await kindOf(c.createBooking(request({ startUtc: "2026-07-01T10:00:00Z" })))).toBe(
      "slot_unavailable",
    );
    expect(await kindOf(c.createBooking(request({ startUtc: "2026-03-02T20:00:00Z" })))).toBe(
      "slot_unavailable",
    );
  });

  it("too many active bookings for this email: booking_limit", async () => {
    h = await startHarness({ fake: { eventTypes: [{ maxActiveBookingsPerAttendee: 1 }] } });
    await h.bookings.createBooking(request());
    expect(await kindOf(h.bookings.createBooking(request({ startUtc: "2026-03-03T14:00:00Z" })))).toBe(
      "booking_limit",
    );
  });

  it("a malformed address or a domain that cannot receive mail: invalid_email", async () => {
    h = await startHarness();
    expect(await kindOf(h.bookings.createBooking(request({ email: "maria@mail" })))).toBe("invalid_email");
    expect(await kindOf(h.bookings.createBooking(request({ email: "maria@telecalbot.local" })))).toBe(
      "invalid_email",
    );
    expect(await kindOf(h.bookings.createBooking(request({ email: "x@example.invalid" })))).toBe(
      "invalid_email",
    );
    expect(h.logs.join("")).not.toContain("maria@telecalbot.local");
  });

  it("no email and no fallback mailbox: invalid_email before anything is sent", async () => {
    h = await startHarness({ fallbackEmail: undefined });
    expect(h.bookings.emailOptional).toBe(false);
    h.fake.resetCounters();
    expect(await kindOf(h.bookings.createBooking(request({ email: undefined })))).toBe("invalid_email");
    expect(h.fake.requests).toHaveLength(0);
  });

  it("bad input caught before sending: invalid_input", async () => {
    h = await startHarness();
    h.fake.resetCounters();
    expect(await kindOf(h.bookings.createBooking(request({ timeZone: "Mars/Olympus" })))).toBe(
      "invalid_input",
    );
    expect(await kindOf(h.bookings.createBooking(request({ startUtc: "tomorrow" })))).toBe("invalid_input");
    expect(await kindOf(h.bookings.createBooking(request({ name: "  " })))).toBe("invalid_input");
    expect(h.fake.requests).toHaveLength(0);
  });

  it("an unknown booking: not_found", async () => {
    h = await startHarness();
    expect(await kindOf(h.bookings.getBooking("does-not-exist"))).toBe("not_found");
  });

  it("Cal.com down: unavailable", async () => {
    h = await startHarness();
    h.fake.inject("getSlots", { type: "status", status: 503 }, 3);
    expect(await kindOf(h.bookings.availableSlots())).toBe("unavailable");
  });
});

describe("the documented wrong-version behaviours (why the version table matters)", () => {
  it("bookings with a version Cal.com does not serve answer 500: the write stays open, and the POST is not repeated blindly", async () => {
    h = await startHarness({ bookingsApiVersion: "2024-08-13", fake: { bookingsVersions: ["2026-02-25"] } });
    const e = await h.bookings.createBooking(request()).catch((x: unknown) => x);
    expect(failureKind(e)).toBe("still_open");
    expect(h.fake.counts.createBooking).toBe(1);
    expect(h.fake.state.bookings.size).toBe(0);
  });

  it("a list that ignores its attendee filter is re-checked on the client", async () => {
    h = await startHarness({ bookingsApiVersion: "2024-08-13", fake: { bookingsVersions: ["2026-02-25"] } });
    for (const email of ["maria@mail.ru", "stranger@mail.ru", "other@yandex.ru"]) {
      h.fake.state.addBooking({
        start: Date.parse(email.startsWith("maria") ? "2026-03-03T09:00:00Z" : "2026-03-04T09:00:00Z"),
        attendee: { name: "x", email, timeZone: "UTC", language: "en" },
      });
    }
    const list = await h.bookings.listUpcomingBookings("Maria@mail.ru");
    expect(list.map((b) => b.attendee?.email)).toEqual(["maria@mail.ru"]);
  });
});

describe("start-up with a bad event type configuration", () => {
  const startupError = (o: Parameters<typeof startHarness>[0]) =>
    startHarness(o).then(
      (ok) => {
        h = ok;
        return undefined;
      },
      (e: unknown) => e as Error,
    );

  it("an unknown id stops start-up with a message naming the variable", async () => {
    const e = await startupError({ eventTypeId: 999 });
    expect(e).toBeInstanceOf(EventTypeConfigError);
    expect(e?.message).toContain("CALCOM_EVENT_TYPE_ID=999");
  });

  it("an unknown slug stops start-up naming user and slug", async () => {
    const e = await startupError({ byUsername: true, eventSlug: "no-such-slug" });
    expect(e).toBeInstanceOf(EventTypeConfigError);
    expect(e?.message).toContain('slug "no-such-slug"');
    expect(e?.message).toContain("CALCOM_EVENT_SLUG");
  });

  it("two event types with the slug stop start-up and list their ids", async () => {
    const e = await startupError({
      byUsername: true,
      fake: {
        eventTypes: [
          { id: 11, slug: "step" },
          { id: 12, slug: "step" },
        ],
      },
    });
    expect(e).toBeInstanceOf(EventTypeConfigError);
    expect(e?.message).toContain("ids 11, 12");
    expect(e?.message).toContain("CALCOM_EVENT_TYPE_ID");
  });

  it("takes duration, title and locations from Cal.com", async () => {
    await startupError({
      byUsername: true,
      fake: {
        eventTypes: [
          {
            slug: "step",
            title: "Шаг",
            lengthInMinutes: 45,
            locations: [{ type: "link", link: "https://meet.example/x", public: true }],
          },
        ],
      },
    });
    expect(h?.bookings.eventType).toMatchObject({
      title: "Шаг",
      lengthInMinutes: 45,
      locations: [{ type: "link" }],
    });
    const slots = await h?.bookings.availableSlots();
    expect(slots?.[0]).toEqual({ startUtc: "2026-03-02T09:00:00.000Z", endUtc: "2026-03-02T09:45:00.000Z" });
  });
});

/**
 * The contract other paths (the admin's button, /mybookings, the pre-reminder check, the
 * background sync) rely on: a pending booking's outcome is recorded once, with its notices.
 */
import { describe, expect, it } from "vitest";
import { recordConfirmationOutcome } from "../../../src/bookings/confirmations.js";
import { createStore, type Store } from "../../../src/db/index.js";
import { migrate } from "../../../src/db/migrate.js";
import { openDatabase } from "../../../src/db/open.js";

const NOW = "2026-11-22T10:00:00.000Z";
const ADMINS = [1, 2];

function storeWith(status: string): Store {
  const db = openDatabase(":memory:");
  migrate(db);
  const store = createStore(db, { now: () => Date.parse(NOW) });
  store.bookings.upsert(
    {
      uid: "u1",
      telegramId: 77,
      reference: "r1",
      startUtc: "2026-11-30T10:00:00.000Z",
      endUtc: "2026-11-30T11:00:00.000Z",
      status,
      attendeeName: "Zoe",
      attendeeEmail: "zoe@mail.ru",
      timeZone: "Europe/Moscow",
      language: "en",
      location: undefined,
      rescheduledFromUid: undefined,
    },
    NOW,
  );
  return store;
}

const queued = (store: Store, chatId: number) =>
  store.outbox.pendingFor(chatId).map((e) => ({ fact: e.fact, kind: e.kind, payload: e.payload }));

describe("recordConfirmationOutcome", () => {
  it("accepted: status, the member's `confirmed` and the other admins' notice, all keyed confirmed:<uid>, once", () => {
    const store = storeWith("pending");
    expect(recordConfirmationOutcome(store, ADMINS, NOW, { uid: "u1", outcome: "accepted", by: 1 })).toBe(
      true,
    );
    expect(recordConfirmationOutcome(store, ADMINS, NOW, { uid: "u1", outcome: "accepted" })).toBe(false);
    expect(store.bookings.get("u1")?.status).toBe("accepted");
    expect(queued(store, 77)).toEqual([{ fact: "confirmed:u1", kind: "confirmed", payload: { uid: "u1" } }]);
    expect(queued(store, 1)).toEqual([]); // the deciding admin sees it on their own message
    expect(queued(store, 2)).toEqual([
      { fact: "confirmed:u1", kind: "adminConfirmed", payload: { uid: "u1", by: 1 } },
    ]);
  });

  it("rejected in Cal.com: the member's `declined` with the trimmed reason; every admin told", () => {
    const store = storeWith("pending");
    recordConfirmationOutcome(store, ADMINS, NOW, { uid: "u1", outcome: "rejected", reason: "  away  " });
    expect(store.bookings.get("u1")?.status).toBe("rejected");
    expect(queued(store, 77)).toEqual([
      { fact: "declined:u1", kind: "declined", payload: { uid: "u1", reason: "away" } },
    ]);
    expect(queued(store, 1)).toEqual([
      { fact: "declined:u1", kind: "adminDeclined", payload: { uid: "u1" } },
    ]);
  });

  it("a booking no longer pending (or unknown) is left alone", () => {
    const store = storeWith("cancelled");
    expect(recordConfirmationOutcome(store, ADMINS, NOW, { uid: "u1", outcome: "accepted" })).toBe(false);
    expect(recordConfirmationOutcome(store, ADMINS, NOW, { uid: "nope", outcome: "accepted" })).toBe(false);
    expect(store.bookings.get("u1")?.status).toBe("cancelled");
    expect(queued(store, 77)).toEqual([]);
  });
});

import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { readItems } from "../../../src/calcom/items.js";
import { bookingSchema } from "../../../src/calcom/schemas.js";
import { createLogger } from "../../../src/log.js";

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _e, done) {
      lines.push(...String(chunk).split("\n").filter(Boolean));
      done();
    },
  });
  return { lines, log: createLogger({ level: "trace", destination }) };
}

const good = (uid: string) => ({
  uid,
  status: "accepted",
  start: "2026-03-02T10:00:00.000Z",
  end: "2026-03-02T11:00:00.000Z",
  attendees: [{ name: "Ann", email: "ann@mail.ru", timeZone: "Europe/Moscow", language: null }],
  eventType: null,
});

describe("readItems", () => {
  it("keeps what it can read, skips the rest and logs where without the values", () => {
    const { lines, log } = capture();
    const odd = { ...good("x"), uid: "", start: "someday", attendees: [{ email: "secret@mail.ru" }] };
    const read = readItems(bookingSchema, [good("a"), odd, good("b")], log, "listBookings");
    expect(read.map((b) => b.uid)).toEqual(["a", "b"]);
    const warn = lines.map((l) => JSON.parse(l)).find((l) => /skipped/.test(l.msg));
    expect(warn).toMatchObject({ calcom: "listBookings", skipped: 1, of: 3 });
    expect(JSON.stringify(warn)).not.toContain("secret@mail.ru");
    expect(JSON.stringify(warn)).not.toContain("someday");
  });
});

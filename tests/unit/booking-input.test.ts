import { describe, expect, it } from "vitest";
import {
  decodeSlot,
  dialogButton,
  encodeSlot,
  restartChoice,
} from "../../src/bot/features/booking/callback.js";
import { validEmail, validName } from "../../src/bot/features/booking/validate.js";
import { howItHappens } from "../../src/bot/ui/format.js";
import { en } from "../../src/i18n/en.js";

describe("what a user types in the booking dialog", () => {
  it("accepts real names in any script, trimmed", () => {
    expect(validName("  Анна  ")).toBe("Анна");
    expect(validName("Jean-Luc   Picard")).toBe("Jean-Luc Picard");
    expect(validName("李雷")).toBe("李雷");
    expect(validName("Bo")).toBe("Bo");
  });

  it("refuses names too short, too long, or with no letter at all", () => {
    for (const bad of [
      "",
      " ",
      "A",
      "12345",
      "!!!",
      "😀😀😀",
      "+7 999 123-45-67",
      "x".repeat(101),
      "я".repeat(4096),
    ]) {
      expect(validName(bad)).toBeUndefined();
    }
    expect(validName("x".repeat(100))).toBe("x".repeat(100));
  });

  it("accepts plain addresses and refuses what is not one", () => {
    expect(validEmail(" Anna@Example.org ")).toBe("anna@example.org");
    for (const bad of [
      "anna",
      "anna@",
      "@example.org",
      "a b@example.org",
      "anna@example",
      `${"a".repeat(250)}@x.io`,
    ]) {
      expect(validEmail(bad)).toBeUndefined();
    }
  });
});

describe("booking dialog buttons", () => {
  it("round-trip within 64 bytes and reject junk", () => {
    const data = dialogButton.encode({ nonce: "ab12", action: "s", arg: encodeSlot("2026-11-24T09:00:00Z") });
    expect(Buffer.byteLength(data)).toBeLessThanOrEqual(64);
    const back = dialogButton.decode(data);
    expect(back?.nonce).toBe("ab12");
    expect(decodeSlot(back?.arg)).toBe(Date.parse("2026-11-24T09:00:00Z"));
    for (const junk of [
      "bk",
      "bk:AB12:s",
      "bk:ab12:S",
      "bk:ab12:s:..",
      "bk:ab12:s:1:2",
      "bk:ab1:s",
      "rst:y:b",
    ]) {
      expect(dialogButton.decode(junk)).toBeUndefined();
    }
    expect(restartChoice.decode(restartChoice.encode({ restart: true, after: "book" }))).toEqual({
      restart: true,
      after: "book",
    });
    expect(decodeSlot("!!")).toBeUndefined();
  });

  it("says how the meeting happens from Cal.com's location", () => {
    expect(howItHappens("https://cal.com/video/abc", en)).toBe("https://cal.com/video/abc");
    expect(howItHappens("integrations:daily", en)).toBe(en.booking.howOnline);
    expect(howItHappens("Cafe Pushkin, Moscow", en)).toBe("Cafe Pushkin, Moscow");
    expect(howItHappens(null, en)).toBe(en.booking.howUnknown);
  });
});

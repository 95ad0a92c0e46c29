import { describe, expect, it } from "vitest";
import { maskEmail } from "../../src/members/privacy.js";
import { PSEUDONYM, Pseudonyms } from "../../src/members/pseudonym.js";

const TOKEN = "123456789:AAHfJ2kdLq9_wXyZ-abcdefghijklmnopqrs";

describe("log pseudonyms", () => {
  it("are 12 base32 characters, the same for the same id (number or chat-id string) and token", () => {
    const p = new Pseudonyms(TOKEN);
    expect(p.of(501)).toMatch(PSEUDONYM);
    expect(p.of(501)).toBe(new Pseudonyms(TOKEN).of(501));
    expect(p.of("501")).toBe(p.of(501));
    expect(p.ofMaybe(undefined)).toBeUndefined();
  });

  it("differ between ids and between tokens, and do not contain the id", () => {
    const p = new Pseudonyms(TOKEN);
    const seen = new Set(Array.from({ length: 2000 }, (_, i) => p.of(7_000_000_000 + i)));
    expect(seen.size).toBe(2000);
    expect(new Pseudonyms(`${TOKEN}x`).of(501)).not.toBe(p.of(501));
    expect(p.of(501)).not.toContain("501");
  });
});

describe("masked emails", () => {
  it("keep the first character and the domain", () => {
    expect(maskEmail("ivan@example.org")).toBe("i***@example.org");
    expect(maskEmail("я.почта@пример.рф")).toBe("я***@пример.рф");
    expect(maskEmail("a@b.co")).toBe("a***@b.co");
  });
});

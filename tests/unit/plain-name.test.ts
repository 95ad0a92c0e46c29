import { describe, expect, it } from "vitest";
import { detectEntities } from "../../fakes/telegram/formatting.js";
import { plainName } from "../../src/bot/ui/format.js";

const NAMES = [
  "@durov",
  "Ivan @admin_team",
  "https://evil.example/login",
  "http://t.me/joinchat/abc",
  "mail me: evil@mail.ru",
  "#free #бесплатно",
  "/revoke 123",
  "(/approve)",
  "$USD",
  "pay.me",
  "t.me/evil",
];

describe("plainName", () => {
  it("leaves nothing Telegram would make clickable, and reads the same once the joiners are gone", () => {
    for (const name of NAMES) {
      const plain = plainName(name);
      expect(detectEntities(plain), name).toEqual([]);
      expect(plain, name).not.toMatch(/\.[\p{L}\p{N}]|:\/\/|[@#$][^\u200D]/u);
      expect(plain.replace(/\u200D/g, "")).toBe(name);
    }
  });

  it("does not touch an ordinary name", () => {
    for (const name of ["Мария-Александра Константинопольская 🌸🙏", "J. R. R. Tolkien", "Anna K", "1/2"]) {
      expect(plainName(name)).toBe(name);
    }
  });
});

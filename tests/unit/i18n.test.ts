import { describe, expect, it } from "vitest";
import { catalogues, pickLanguage } from "../../src/i18n/index.js";

function shape(value: unknown, path = ""): string[] {
  if (typeof value === "function") return [`${path}()${value.length}`];
  if (typeof value === "string") return [path];
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) =>
    shape(v, path ? `${path}.${k}` : k),
  );
}

describe("messages in both languages", () => {
  it("Russian and English have exactly the same keys and argument counts", () => {
    expect(shape(catalogues.en).sort()).toEqual(shape(catalogues.ru).sort());
  });

  it("no text is empty or over Telegram's 4096-character limit", () => {
    for (const lang of ["ru", "en"] as const) {
      const walk = (v: unknown): void => {
        if (typeof v === "string") {
          expect(v.trim().length).toBeGreaterThan(0);
          expect(v.length).toBeLessThanOrEqual(4096);
        } else if (v && typeof v === "object") Object.values(v).forEach(walk);
      };
      walk(catalogues[lang]);
    }
  });

  it("a user whose Telegram speaks English gets English; Russian speakers and others get the default", () => {
    expect(pickLanguage("en", null, "ru")).toBe("en");
    expect(pickLanguage("en-GB", null, "ru")).toBe("en");
    expect(pickLanguage("ru", null, "en")).toBe("ru");
    expect(pickLanguage("uk", null, "en")).toBe("ru");
    expect(pickLanguage("de", null, "ru")).toBe("ru");
    expect(pickLanguage(undefined, "en", "ru")).toBe("en");
    expect(pickLanguage(undefined, null, "en")).toBe("en");
    expect(pickLanguage("rust", null, "en")).toBe("en");
  });
});

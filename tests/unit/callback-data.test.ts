import { describe, expect, it } from "vitest";
import { accessDecision, defineCallback, menu, parseId } from "../../src/bot/ui/callback-data.js";

describe("callback data", () => {
  it("round-trips every value and stays within 64 bytes", () => {
    for (const action of ["approve", "reject"] as const) {
      const value = { action, userId: 999_999_999_999_999 };
      const data = accessDecision.encode(value);
      expect(Buffer.byteLength(data)).toBeLessThanOrEqual(64);
      expect(accessDecision.decode(data)).toEqual(value);
    }
    expect(menu.decode(menu.encode({ item: "book" }))).toEqual({ item: "book" });
  });

  it("rejects forged, malformed or foreign data", () => {
    const junk = [
      undefined,
      "",
      "acc",
      "acc:a",
      "acc:x:123",
      "acc:a:-5",
      "acc:a:0",
      "acc:a:012",
      "acc:a:1e5",
      "acc:a:123:extra",
      "acc:a:99999999999999999999",
      "menu:book",
      "menu:evil",
      "💥".repeat(20),
      "acc:a:1".padEnd(70, "1"),
    ];
    for (const data of junk) expect(accessDecision.decode(data)).toBeUndefined();
    expect(menu.decode("acc:a:5")).toBeUndefined();
  });

  it("reads an id as a positive integer without leading zeros, up to Number.MAX_SAFE_INTEGER", () => {
    expect(parseId("1")).toBe(1);
    expect(parseId("9007199254740991")).toBe(Number.MAX_SAFE_INTEGER);
    for (const bad of [
      undefined,
      "",
      "0",
      "00",
      "0001",
      "-1",
      "+1",
      "1.0",
      "1e5",
      " 1",
      "9007199254740992",
    ]) {
      expect(parseId(bad), String(bad)).toBeUndefined();
    }
    expect(accessDecision.decode("acc:a:9007199254740992")).toBeUndefined();
  });

  it("refuses to encode data that would exceed Telegram's limit", () => {
    const long = defineCallback<string>("long", { format: (v) => [v], parse: ([v]) => v });
    expect(() => long.encode("x".repeat(60))).toThrow(/64 bytes/);
  });
});

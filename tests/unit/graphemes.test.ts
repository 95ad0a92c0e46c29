import { describe, expect, it } from "vitest";
import {
  codePointLength,
  fitCodePoints,
  fitUtf8Bytes,
  fitUtf16,
  graphemeCount,
  graphemes,
  isWellFormed,
  toWellFormed,
  truncate,
  utf8ByteLength,
  utf16Length,
} from "../../src/text/graphemes.js";

const NAME = "Мария-Александра Константинопольская 🌸🙏";
const FAMILY = "👨‍👩‍👧‍👦"; // man ZWJ woman ZWJ girl ZWJ boy: 11 UTF-16 units, 7 code points, 25 bytes
const RAINBOW_FLAG = "🏳️‍🌈"; // white flag, VS16, ZWJ, rainbow
const HANDSHAKE = "🧑🏿‍🤝‍🧑🏻"; // people holding hands with two skin tones
const THUMBS = "👍🏽"; // thumbs up + medium skin tone
const FLAGS = "🇺🇦🇷🇺🇰🇿"; // three flags = six regional indicators
const COMBINING = "e\u0301a\u0308\u0301o\u0328\u0304"; // é, ä + acute, ǭ — all decomposed
const CYRILLIC_DECOMPOSED = "и\u0306"; // й as и + combining breve

/** The properties every cut must have, whatever the unit. */
function expectCleanCut(original: string, result: string, ellipsis: string): void {
  expect(isWellFormed(result)).toBe(true);
  if (result === original) return;
  const body = ellipsis !== "" && result.endsWith(ellipsis) ? result.slice(0, -ellipsis.length) : result;
  // The kept part is a prefix of the original that ends on a grapheme boundary.
  expect(original.startsWith(body)).toBe(true);
  const boundaries = new Set<number>([0]);
  let at = 0;
  for (const g of graphemes(original)) {
    at += g.length;
    boundaries.add(at);
  }
  // trimEnd() may drop white space, which is always its own grapheme here, so boundaries still hold.
  expect(boundaries.has(body.length)).toBe(true);
}

describe("measuring", () => {
  it("counts graphemes, UTF-16 units, code points and UTF-8 bytes", () => {
    expect(graphemeCount("")).toBe(0);
    expect(graphemes("")).toEqual([]);
    expect(graphemeCount(FAMILY)).toBe(1);
    expect(utf16Length(FAMILY)).toBe(11);
    expect(codePointLength(FAMILY)).toBe(7);
    expect(utf8ByteLength(FAMILY)).toBe(25);
    expect(graphemeCount(FLAGS)).toBe(3);
    expect(graphemes(FLAGS)).toEqual(["🇺🇦", "🇷🇺", "🇰🇿"]);
    expect(graphemeCount(THUMBS)).toBe(1);
    expect(graphemeCount(RAINBOW_FLAG)).toBe(1);
    expect(graphemeCount(HANDSHAKE)).toBe(1);
    expect(graphemes(COMBINING)).toEqual(["e\u0301", "a\u0308\u0301", "o\u0328\u0304"]);
    expect(graphemeCount(CYRILLIC_DECOMPOSED)).toBe(1);
    expect(graphemeCount("Привет")).toBe(6);
    expect(utf8ByteLength("Привет")).toBe(12);
    expect(graphemeCount("a\r\nb")).toBe(3); // CR LF is one grapheme
    expect(graphemeCount(NAME)).toBe(39);
    expect(utf16Length(NAME)).toBe(41);
    expect(codePointLength(NAME)).toBe(39);
    expect(utf8ByteLength(NAME)).toBe(2 * 34 + 3 + 2 * 4); // 34 Cyrillic letters, "-", 2 spaces, 2 emoji
  });

  it("tells lone surrogates and replaces them", () => {
    expect(isWellFormed("")).toBe(true);
    expect(isWellFormed(FAMILY)).toBe(true);
    expect(isWellFormed("a\uD83D")).toBe(false);
    expect(isWellFormed("\uDE00b")).toBe(false);
    expect(toWellFormed("a\uD83Db\uDE00")).toBe("a\uFFFDb\uFFFD");
    expect(toWellFormed(FAMILY)).toBe(FAMILY);
    expect(utf8ByteLength("\uD83D")).toBe(3);
  });
});

describe("truncate (graphemes)", () => {
  it("leaves text that fits untouched, including empty strings", () => {
    expect(truncate("", 0)).toBe("");
    expect(truncate("", 5)).toBe("");
    expect(truncate("Мария", 5)).toBe("Мария");
    expect(truncate(FAMILY, 1)).toBe(FAMILY);
    expect(truncate(NAME, 39)).toBe(NAME);
    expect(truncate(NAME, Number.POSITIVE_INFINITY)).toBe(NAME);
  });

  it("cuts Cyrillic with the ellipsis counted in, dropping white space before it", () => {
    expect(truncate("Константинопольская", 8)).toBe("Констан…");
    expect(truncate(NAME, 18)).toBe("Мария-Александра…");
    expect(truncate(NAME, 17)).toBe("Мария-Александра…");
    expect(truncate(NAME, 38)).toBe("Мария-Александра Константинопольская…");
    expect(truncate(NAME, 37)).toBe("Мария-Александра Константинопольская…");
    expect(truncate(NAME, 10, "...")).toBe("Мария-А...");
    expect(truncate(NAME, 10, "")).toBe("Мария-Алек");
  });

  it("never splits emoji sequences, flags, skin tones or combining marks", () => {
    const text = `${FAMILY}${THUMBS}${RAINBOW_FLAG}${HANDSHAKE}`;
    expect(truncate(text, 3)).toBe(`${FAMILY}${THUMBS}…`);
    expect(truncate(text, 2, "")).toBe(`${FAMILY}${THUMBS}`);
    expect(truncate(FLAGS, 2)).toBe("🇺🇦…");
    expect(truncate(FLAGS, 2, "")).toBe("🇺🇦🇷🇺");
    expect(truncate(COMBINING, 2)).toBe("e\u0301…");
    expect(truncate(`${CYRILLIC_DECOMPOSED}${CYRILLIC_DECOMPOSED}x`, 2)).toBe(`${CYRILLIC_DECOMPOSED}…`);
  });

  it("with a budget of 0 or too small for the ellipsis, cuts hard", () => {
    expect(truncate(NAME, 0)).toBe("");
    expect(truncate(NAME, 1)).toBe("…");
    expect(truncate(NAME, 2, "...")).toBe("Ма");
    expect(truncate(NAME, -3)).toBe("");
    expect(() => truncate(NAME, Number.NaN)).toThrow(RangeError);
  });

  it(`cuts "${NAME}" cleanly at every length`, () => {
    const total = graphemeCount(NAME);
    for (let n = 0; n <= total + 2; n++) {
      for (const ellipsis of ["…", "", "..."]) {
        const out = truncate(NAME, n, ellipsis);
        expect(graphemeCount(out)).toBeLessThanOrEqual(n);
        expectCleanCut(NAME, out, ellipsis);
        if (n >= total) expect(out).toBe(NAME);
        else if (ellipsis !== "" && graphemeCount(ellipsis) <= n) expect(out.endsWith(ellipsis)).toBe(true);
      }
    }
    // The emoji at the end are kept whole or dropped whole.
    expect(truncate(NAME, 38, "")).toBe(NAME.slice(0, -2)); // "… 🌸"
    expect(truncate(NAME, 37, "")).toBe("Мария-Александра Константинопольская ");
  });
});

describe("fitUtf16 / fitCodePoints / fitUtf8Bytes", () => {
  it("fitUtf16 keeps whole graphemes under a UTF-16 budget", () => {
    expect(fitUtf16("", 0)).toBe("");
    expect(fitUtf16(FAMILY, 11)).toBe(FAMILY);
    expect(fitUtf16(`${FAMILY}x`, 11)).toBe("…"); // the family (11 units) no longer fits with "…"
    expect(fitUtf16(`${FAMILY}x`, 11, "")).toBe(FAMILY);
    expect(fitUtf16(`${FAMILY}x`, 10, "")).toBe("");
    expect(fitUtf16(FLAGS, 7)).toBe("🇺🇦…");
    expect(fitUtf16(NAME, 40)).toBe("Мария-Александра Константинопольская 🌸…"); // 37 + 2 + 1
    expect(fitUtf16(NAME, 39)).toBe("Мария-Александра Константинопольская…");
    expect(fitUtf16("x".repeat(5000), 4096)).toHaveLength(4096);
  });

  it("fitCodePoints counts like Telegram's message limit", () => {
    expect(fitCodePoints(FAMILY, 7)).toBe(FAMILY);
    expect(fitCodePoints(`${FAMILY}${FAMILY}`, 8)).toBe(`${FAMILY}…`);
    const emoji = "🌸".repeat(4096); // 8192 UTF-16 units but 4096 code points: Telegram accepts it
    expect(fitCodePoints(emoji, 4096)).toBe(emoji);
    expect(codePointLength(fitCodePoints(`${emoji}🌸`, 4096))).toBe(4096);
    expect(fitUtf16(emoji, 4096)).toBe(`${"🌸".repeat(2047)}…`); // 4094 + 1 units: no half emoji
  });

  it("fitUtf8Bytes fits callback data in 64 bytes without an ellipsis by default", () => {
    expect(fitUtf8Bytes("", 64)).toBe("");
    expect(fitUtf8Bytes("book:2026-06-01T10:00", 64)).toBe("book:2026-06-01T10:00");
    const cyr = "я".repeat(40); // 80 bytes
    expect(fitUtf8Bytes(cyr, 64)).toBe("я".repeat(32));
    expect(fitUtf8Bytes(cyr, 63)).toBe("я".repeat(31));
    expect(fitUtf8Bytes(`ab${FAMILY}`, 26)).toBe("ab");
    expect(fitUtf8Bytes(`ab${FAMILY}`, 27)).toBe(`ab${FAMILY}`);
    expect(fitUtf8Bytes(NAME, 10, "…")).toBe("Мар…"); // 6 bytes + 3
  });

  for (const [name, fn, measure] of [
    ["fitUtf16", fitUtf16, utf16Length],
    ["fitCodePoints", fitCodePoints, codePointLength],
    ["fitUtf8Bytes", fitUtf8Bytes, utf8ByteLength],
  ] as const) {
    it(`${name} cuts the name and emoji strings cleanly at every budget`, () => {
      for (const text of [NAME, `${FAMILY}${THUMBS}${FLAGS}${COMBINING}${HANDSHAKE}`, ""]) {
        const total = measure(text);
        for (let n = 0; n <= total + 1; n++) {
          for (const ellipsis of ["…", ""]) {
            const out = fn(text, n, ellipsis);
            expect(measure(out)).toBeLessThanOrEqual(n);
            expectCleanCut(text, out, ellipsis);
            if (n >= total) expect(out).toBe(text);
          }
        }
      }
    });
  }

  it("a lone surrogate is one grapheme and is kept or dropped whole", () => {
    const broken = "ab\uD83Dcd";
    expect(graphemeCount(broken)).toBe(5);
    expect(fitUtf8Bytes(broken, 4)).toBe("ab");
    expect(fitUtf8Bytes(broken, 5)).toBe("ab\uD83D");
    expect(truncate(toWellFormed(broken), 4)).toBe("ab\uFFFD…");
  });
});

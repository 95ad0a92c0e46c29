import { describe, expect, it } from "vitest";
import { TelegramApiError } from "../../../fakes/telegram/errors.js";
import {
  detectEntities,
  formatText,
  parseHtml,
  parseMarkdownV2,
} from "../../../fakes/telegram/formatting.js";

const failure = (fn: () => unknown): string => {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(TelegramApiError);
    return (e as TelegramApiError).description;
  }
  throw new Error("expected a failure");
};

describe("HTML", () => {
  it("offsets are UTF-16 code units; entities and tags are decoded", () => {
    const r = parseHtml(
      '🙂 <b>Пн&nbsp;10:00</b> <code>&lt;x&gt;</code> <pre><code class="language-ts">let a</code></pre>',
    );
    expect(r.text).toBe("🙂 Пн&nbsp;10:00 <x> let a");
    expect(r.entities).toEqual([
      { type: "bold", offset: 3, length: 13 },
      { type: "code", offset: 17, length: 3 },
      { type: "pre", offset: 21, length: 5, language: "ts" },
    ]);
  });

  it("spoilers, links, mentions, blockquotes", () => {
    const r = parseHtml(
      '<tg-spoiler>s</tg-spoiler><span class="tg-spoiler">t</span><a href="tg://user?id=5">u</a><blockquote expandable>q</blockquote>',
    );
    expect(r.entities.map((e) => e.type)).toEqual([
      "spoiler",
      "spoiler",
      "text_mention",
      "expandable_blockquote",
    ]);
  });

  it("errors are worded like tdlib", () => {
    expect(failure(() => parseHtml("<b>x</i>"))).toBe(
      'Bad Request: can\'t parse entities: Unmatched end tag at byte offset 4, expected "</b>", found "</i>"',
    );
    expect(failure(() => parseHtml("x</b>"))).toBe(
      "Bad Request: can't parse entities: Unexpected end tag at byte offset 1",
    );
    expect(failure(() => parseHtml("Привет <br>"))).toBe(
      'Bad Request: can\'t parse entities: Unsupported start tag "br" at byte offset 13',
    );
    expect(failure(() => parseHtml("<i>open"))).toBe(
      "Bad Request: can't parse entities: Can't find end tag corresponding to start tag \"i\"",
    );
  });
});

describe("MarkdownV2", () => {
  it("nested entities, escapes, links, code and pre", () => {
    const r = parseMarkdownV2("*bold _it_* __u__ ~s~ ||sp|| [link](https://a.b/c\\)) `c\\`d` ```js\nx\n```");
    expect(r.text).toBe("bold it u s sp link c`d x\n");
    expect(r.entities.map((e) => [e.type, e.offset, e.length])).toEqual([
      ["bold", 0, 7],
      ["italic", 5, 2],
      ["underline", 8, 1],
      ["strikethrough", 10, 1],
      ["spoiler", 12, 2],
      ["text_link", 15, 4],
      ["code", 20, 3],
      ["pre", 24, 2],
    ]);
    expect(r.entities.find((e) => e.type === "text_link")?.url).toBe("https://a.b/c)");
  });

  it("reserved characters must be escaped", () => {
    for (const c of [".", "-", "!", "(", "+", "=", "#"]) {
      expect(failure(() => parseMarkdownV2(`a${c}b`))).toBe(
        `Bad Request: can't parse entities: Character '${c}' is reserved and must be escaped with the preceding '\\'`,
      );
    }
    expect(failure(() => parseMarkdownV2("ok *bold"))).toBe(
      "Bad Request: can't parse entities: Can't find end of Bold entity at byte offset 3",
    );
  });
});

describe("auto entities and trimming", () => {
  it("detects commands (also /cmd@bot), mentions, hashtags, urls, emails", () => {
    const text = "/start@my_bot hi @someone #tag mail a@b.co see https://cal.com/x.";
    expect(detectEntities(text).map((e) => [e.type, text.slice(e.offset, e.offset + e.length)])).toEqual([
      ["bot_command", "/start@my_bot"],
      ["mention", "@someone"],
      ["hashtag", "#tag"],
      ["email", "a@b.co"],
      ["url", "https://cal.com/x"],
    ]);
  });

  it("formatText trims white space and shifts entities; unsupported parse_mode is refused", () => {
    expect(formatText("\n <b>x</b> \n", "HTML", undefined)).toEqual({
      text: "x",
      entities: [{ type: "bold", offset: 0, length: 1 }],
    });
    expect(failure(() => formatText("x", "BBCode", undefined))).toBe("Bad Request: unsupported parse_mode");
    expect(formatText("<b>raw</b>", undefined, undefined).text).toBe("<b>raw</b>");
  });
});

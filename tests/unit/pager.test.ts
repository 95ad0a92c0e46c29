import { describe, expect, it } from "vitest";
import { accessDecision, listPage } from "../../src/bot/ui/callback-data.js";
import {
  type ListItem,
  type ListView,
  pageBounds,
  renderPage,
  TELEGRAM_PAGE,
} from "../../src/bot/ui/pager.js";
import { messages } from "../../src/i18n/index.js";

const t = messages("en");
const view = (items: ListItem[]): ListView => ({
  list: "users",
  title: `Members: ${items.length}`,
  items,
  empty: "none",
});
const lines = (n: number, text = (i: number) => `• member ${i}`) =>
  Array.from({ length: n }, (_, i): ListItem => ({ text: text(i) }));
const twoButtons = (i: number): ListItem => ({
  text: `• ${i}`,
  buttons: [
    [
      { text: "a", callback_data: `a${i}` },
      { text: "b", callback_data: `b${i}` },
    ],
  ],
});

describe("the pager", () => {
  it("fills pages up to the item limit and keeps every item exactly once", () => {
    expect(pageBounds(view(lines(25)), t)).toEqual([
      [0, 10],
      [10, 20],
      [20, 25],
    ]);
    expect(pageBounds(view([]), t)).toEqual([]);
  });

  it("starts a new page before the text would pass 4,096 characters or the buttons 100 (‹ › included)", () => {
    const long = view(lines(10, (i) => `• ${i} ${"x".repeat(1000)}`));
    const bounds = pageBounds(long, t);
    expect(bounds).toEqual([
      [0, 4],
      [4, 8],
      [8, 10],
    ]);
    for (const p of bounds.keys()) expect(renderPage(long, p, t).text.length).toBeLessThanOrEqual(4096);
    const many = Array.from({ length: 60 }, (_, i) => twoButtons(i));
    expect(pageBounds(view(many), t, { ...TELEGRAM_PAGE, items: 100 })[0]).toEqual([0, 49]);
    const page = renderPage(view(many), 0, t, { ...TELEGRAM_PAGE, items: 100 });
    expect(page.keyboard.inline_keyboard.flat()).toHaveLength(99);
  });

  it("cuts an item too long for any page between characters", () => {
    const huge = view([{ text: `• ${"🌸".repeat(3000)}` }]);
    const page = renderPage(huge, 0, t);
    expect(page.text.length).toBeLessThanOrEqual(4096);
    expect(page.text.endsWith("🌸…")).toBe(true);
  });

  it("shows ‹ and › where there is a page to go to, and the last page for a page past the end", () => {
    const v = view(lines(25));
    const nav = (p: number) =>
      renderPage(v, p, t)
        .keyboard.inline_keyboard.flat()
        .map((b) => b.text);
    expect(nav(0)).toEqual(["›"]);
    expect(nav(1)).toEqual(["‹", "›"]);
    const past = renderPage(v, 7, t);
    expect(past.page).toBe(2);
    expect(past.text).toContain("Page 3 of 3");
    expect(renderPage(view(lines(3)), 0, t).text).not.toContain("Page");
    expect(renderPage(view([]), 0, t).text).toBe("none");
  });

  it("page taps and page-bound decisions round-trip; junk is refused", () => {
    expect(listPage.decode(listPage.encode({ list: "pending", page: 12 }))).toEqual({
      list: "pending",
      page: 12,
    });
    for (const junk of ["pg:xx:1", "pg:pn:-1", "pg:pn:01", "pg:pn:1000", "pg:pn:1:2", "pg:pn"]) {
      expect(listPage.decode(junk)).toBeUndefined();
    }
    const d = { action: "approve" as const, userId: 42, page: 3 };
    expect(accessDecision.decode(accessDecision.encode(d))).toEqual(d);
    expect(accessDecision.decode("acc:a:42:x")).toBeUndefined();
  });
});

import { type Composer, InlineKeyboard } from "grammy";
import type { InlineKeyboardButton } from "grammy/types";
import type { Messages } from "../../i18n/index.js";
import { fitUtf16, utf16Length } from "../../text/graphemes.js";
import type { BotContext } from "../context.js";
import { answer } from "./answer.js";
import { type ListName, listPage } from "./callback-data.js";
import { editOrSend } from "./edit-or-send.js";

/** One row of a list: its line(s) in the text and the buttons it brings. */
export interface ListItem {
  text: string;
  buttons?: InlineKeyboardButton[][];
}

/** A whole list as the services give it now; the pager shows one page of it. */
export interface ListView {
  list: ListName;
  /** Above the items; it counts the whole list, not only the page. */
  title: string;
  items: readonly ListItem[];
  /** Shown instead when the list is empty. */
  empty: string;
  emptyKeyboard?: InlineKeyboard;
}

/**
 * What one page may hold. Telegram: a message text is at most 4,096 characters (counted as code
 * points; UTF-16 units are measured here, never fewer) and a message at most 100 inline buttons.
 * Ten items a page keeps a page readable.
 */
export interface PageLimits {
  chars: number;
  buttons: number;
  items: number;
}
export const TELEGRAM_PAGE: PageLimits = { chars: 4096, buttons: 100, items: 10 };

/** The ‹ › row. */
const NAV_BUTTONS = 2;

const buttonCount = (item: ListItem) => (item.buttons ?? []).reduce((n, row) => n + row.length, 0);

/** Room for "Page 999 of 999" under the items. */
function footerRoom(t: Messages): number {
  return 2 + utf16Length(t.lists.pageOf(999, 999));
}

/** Item texts cut (between characters) so that any single item fits a page. */
function fitted(view: ListView, t: Messages, limits: PageLimits): string[] {
  const room = limits.chars - utf16Length(view.title) - footerRoom(t) - 1;
  return view.items.map((item) => fitUtf16(item.text, room));
}

/** Each page's items as [start, end): as many as fit the text, the buttons and the item limits. */
export function pageBounds(view: ListView, t: Messages, limits = TELEGRAM_PAGE): Array<[number, number]> {
  const texts = fitted(view, t, limits);
  const room = limits.chars - utf16Length(view.title) - footerRoom(t);
  const bounds: Array<[number, number]> = [];
  let start = 0;
  let chars = 0;
  let buttons = 0;
  view.items.forEach((item, i) => {
    const length = 1 + utf16Length(texts[i] ?? "");
    const count = buttonCount(item);
    const full =
      i - start >= limits.items || chars + length > room || buttons + count > limits.buttons - NAV_BUTTONS;
    if (i > start && full) {
      bounds.push([start, i]);
      start = i;
      chars = 0;
      buttons = 0;
    }
    chars += length;
    buttons += count;
  });
  if (view.items.length > start) bounds.push([start, view.items.length]);
  return bounds;
}

export interface RenderedPage {
  text: string;
  keyboard: InlineKeyboard;
  /** The page shown (a page past the end shows the last one). */
  page: number;
  pages: number;
}

/** One page of the list: title, its items, "Page n of m", the items' buttons and ‹ ›. */
export function renderPage(view: ListView, page: number, t: Messages, limits = TELEGRAM_PAGE): RenderedPage {
  const bounds = pageBounds(view, t, limits);
  if (bounds.length === 0) {
    return { text: view.empty, keyboard: view.emptyKeyboard ?? new InlineKeyboard(), page: 0, pages: 0 };
  }
  const shown = Math.max(0, Math.min(page, bounds.length - 1));
  const [start, end] = bounds[shown] as [number, number];
  const texts = fitted(view, t, limits).slice(start, end);
  const footer = bounds.length > 1 ? `\n\n${t.lists.pageOf(shown + 1, bounds.length)}` : "";
  const rows = view.items.slice(start, end).flatMap((item) => item.buttons ?? []);
  const nav: InlineKeyboardButton[] = [];
  if (shown > 0) nav.push(navButton(t.lists.previous, view.list, shown - 1));
  if (shown < bounds.length - 1) nav.push(navButton(t.lists.next, view.list, shown + 1));
  return {
    text: [view.title, ...texts].join("\n") + footer,
    keyboard: new InlineKeyboard([...rows, ...(nav.length > 0 ? [nav] : [])]),
    page: shown,
    pages: bounds.length,
  };
}

function navButton(text: string, list: ListName, page: number): InlineKeyboardButton {
  return { text, callback_data: listPage.encode({ list, page }) };
}

/** Shows a page: in place of `messageId` when given (paging), else as a new message. */
export async function showPage(
  ctx: BotContext,
  view: ListView,
  page: number,
  messageId?: number,
): Promise<void> {
  const rendered = renderPage(view, page, ctx.t);
  const chatId = ctx.chat?.id ?? ctx.from?.id;
  if (chatId === undefined) return;
  await editOrSend(ctx.api, chatId, messageId, rendered.text, rendered.keyboard);
}

/**
 * ‹ › taps on `list`: answered, then `show` draws the asked page from the services as they are now,
 * in place of the tapped message. Taps for other lists go on.
 */
export function onPage(
  composer: Composer<BotContext>,
  list: ListName,
  show: (ctx: BotContext, page: number, messageId: number | undefined) => Promise<void>,
): void {
  composer.callbackQuery(listPage.pattern, async (ctx, next) => {
    const tapped = listPage.decode(ctx.callbackQuery.data);
    if (tapped?.list !== list) return next();
    await answer(ctx);
    await show(ctx, tapped.page, ctx.callbackQuery.message?.message_id);
  });
}

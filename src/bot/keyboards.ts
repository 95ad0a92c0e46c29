import { InlineKeyboard } from "grammy";
import type { Messages } from "../i18n/index.js";
import { accessDecision, menu } from "./callback-data.js";

export function mainMenu(t: Messages): InlineKeyboard {
  return new InlineKeyboard()
    .text(t.buttons.book, menu.encode({ item: "book" }))
    .text(t.buttons.myBookings, menu.encode({ item: "mybookings" }))
    .row()
    .text(t.buttons.help, menu.encode({ item: "help" }));
}

export function decisionButtons(t: Messages, userId: number): InlineKeyboard {
  return new InlineKeyboard()
    .text(t.buttons.approve, accessDecision.encode({ action: "approve", userId }))
    .text(t.buttons.reject, accessDecision.encode({ action: "reject", userId }));
}

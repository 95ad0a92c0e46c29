import { InlineKeyboard } from "grammy";
import type { Messages } from "../../i18n/index.js";
import type { Change } from "../../members/access.js";
import { accessDecision, bookingDecision, manageBooking, menu } from "./callback-data.js";

export function mainMenu(t: Messages): InlineKeyboard {
  return new InlineKeyboard()
    .text(t.buttons.book, menu.encode({ item: "book" }))
    .text(t.buttons.myBookings, menu.encode({ item: "mybookings" }))
    .row()
    .text(t.buttons.help, menu.encode({ item: "help" }));
}

/** The one way to the member's list, e.g. under "you already hold as many bookings as allowed". */
export function myBookingsButton(t: Messages): InlineKeyboard {
  return new InlineKeyboard().text(t.buttons.myBookings, menu.encode({ item: "mybookings" }));
}

export function decisionButtons(t: Messages, userId: number): InlineKeyboard {
  return new InlineKeyboard()
    .text(t.buttons.approve, accessDecision.encode({ action: "approve", userId }))
    .text(t.buttons.reject, accessDecision.encode({ action: "reject", userId }));
}

/** Confirm / Decline under a booking request to the admins. */
export function requestButtons(t: Messages, uid: string): InlineKeyboard {
  return new InlineKeyboard()
    .text(t.confirmations.confirmButton, bookingDecision.encode({ action: "confirm", uid }))
    .text(t.confirmations.declineButton, bookingDecision.encode({ action: "decline", uid }));
}

/**
 * Move and Cancel for one booking, those of them the member may use (AccessService
 * `changesAllowed`); `label` (e.g. its date) tells rows of a list apart.
 */
export function manageButtons(
  t: Messages,
  uid: string,
  changes: ReadonlySet<Change>,
  label?: string,
  keyboard = new InlineKeyboard(),
): InlineKeyboard {
  const suffix = label ? ` ${label}` : "";
  if (changes.has("move")) {
    keyboard.text(
      `${t.myBookings.rescheduleButton}${suffix}`,
      manageBooking.encode({ action: "reschedule", uid }),
    );
  }
  if (changes.has("cancel")) {
    keyboard.text(`${t.myBookings.cancelButton}${suffix}`, manageBooking.encode({ action: "cancel", uid }));
  }
  return keyboard.row();
}

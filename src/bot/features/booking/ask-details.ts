import type { Messages } from "../../../i18n/index.js";
import { truncate } from "../../../text/graphemes.js";
import { ACTION } from "./actions.js";
import type { Button, Dialog, Next } from "./dialog.js";
import { validEmail, validName } from "./validate.js";

/** Visible characters of a name or address on a button (clients cut longer labels anyway). */
const BUTTON_NAME_MAX = 40;
const BUTTON_EMAIL_MAX = 60;

export type NameAnswer = { name: string } | "cancel";

/** Step 3: the name to book under, with a one-tap "Use <Telegram name>". */
export async function askName(
  dialog: Dialog,
  t: Messages,
  suggestion: string | undefined,
): Promise<NameAnswer> {
  // Booked under the whole name; only the button's label is shortened (between characters).
  const suggested = suggestion === undefined ? undefined : validName(suggestion);
  const rows: Button[][] = [];
  if (suggested) {
    rows.push([{ text: t.buttons.useName(truncate(suggested, BUTTON_NAME_MAX)), action: ACTION.useName }]);
  }
  rows.push([{ text: t.buttons.cancel, action: ACTION.cancel }]);
  return dialog.loop(t.booking.askName, async (text): Promise<Next<string, NameAnswer>> => {
    const choice = await dialog.ask({ text, rows, acceptsText: true });
    if (choice.kind === "button") {
      return { done: choice.action === ACTION.useName && suggested ? { name: suggested } : "cancel" };
    }
    const name = validName(choice.text);
    return name ? { done: { name } } : { again: `${t.booking.nameInvalid}\n\n${t.booking.askName}` };
  });
}

export type EmailAnswer = { email: string | null; typed: boolean } | "cancel";

/**
 * Step 4: the email. Optional (with Skip) when a fallback mailbox is configured; a saved address
 * is offered with one tap.
 */
export async function askEmail(
  dialog: Dialog,
  t: Messages,
  optional: boolean,
  saved: string | null,
  problem?: string,
): Promise<EmailAnswer> {
  const rows: Button[][] = [];
  if (saved) rows.push([{ text: truncate(saved, BUTTON_EMAIL_MAX), action: ACTION.useSavedEmail }]);
  if (optional) rows.push([{ text: t.buttons.skip, action: ACTION.skipEmail }]);
  rows.push([{ text: t.buttons.cancel, action: ACTION.cancel }]);
  const question = optional ? t.booking.askEmailOptional : t.booking.askEmailRequired;
  const first = problem ? `${problem}\n\n${question}` : question;
  return dialog.loop(first, async (text): Promise<Next<string, EmailAnswer>> => {
    const choice = await dialog.ask({ text, rows, acceptsText: true });
    if (choice.kind === "button") {
      if (choice.action === ACTION.useSavedEmail && saved) return { done: { email: saved, typed: false } };
      if (choice.action === ACTION.skipEmail && optional) return { done: { email: null, typed: false } };
      return { done: "cancel" };
    }
    const email = validEmail(choice.text);
    return email
      ? { done: { email, typed: email !== saved } }
      : { again: `${t.booking.emailInvalid}\n\n${question}` };
  });
}

/** Asked once after a newly typed email: may the bot remember it for next time? */
export async function askRememberEmail(dialog: Dialog, t: Messages, email: string): Promise<boolean> {
  const choice = await dialog.ask({
    text: t.booking.rememberEmail(email),
    rows: [
      [
        { text: t.buttons.yes, action: ACTION.yes },
        { text: t.buttons.no, action: ACTION.no },
      ],
    ],
  });
  return choice.kind === "button" && choice.action === ACTION.yes;
}

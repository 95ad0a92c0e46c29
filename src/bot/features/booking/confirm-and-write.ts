import { newReference } from "../../../bookings/inputs.js";
import { type FailureKind, failureKind, isPassing } from "../../../bookings/outcomes.js";
import type { Booking } from "../../../calcom/types.js";
import type { Messages } from "../../../i18n/index.js";
import type { BotDeps } from "../../context.js";
import { tellAdmins } from "../../ui/notify.js";
import { ACTION } from "./actions.js";
import type { Button, Dialog, Next } from "./dialog.js";
import { sendCalendarFile } from "./ics.js";

export type WriteOutcome = { ok: true; booking: Booking } | { ok: false; kind: FailureKind };

/** How one confirmation is shown and what it writes (booking a time, or moving a booking). */
export interface Confirmation {
  /** The summary the member confirms. */
  summary: string;
  /** A notice above the summary the first time it is shown (e.g. why we are back here). */
  notice?: string | undefined;
  /** The summary's buttons besides Confirm (Edit, Back, Cancel…). */
  rows: Button[][];
  /** Shown under the summary while Cal.com is asked. */
  writing: string;
  /** The Cal.com write; `reference` is the same for every retry of this confirmation. */
  write(reference: string): Promise<Booking>;
}

/** What the member did with the summary: confirmed and got an outcome, or tapped another button. */
export type Confirmed =
  | { kind: "written"; outcome: WriteOutcome }
  | { kind: "button"; action: string }
  | { kind: "cancel" };

/**
 * The shared "confirm and write" step: the summary with Confirm, then the journalled write.
 * While Cal.com is down or throttling it says so under the summary and offers Retry — the same
 * reference, so safe even if an attempt did reach Cal.com — or Cancel.
 */
export async function confirmAndWrite(
  dialog: Dialog,
  deps: BotDeps,
  t: Messages,
  c: Confirmation,
): Promise<Confirmed> {
  // One reference per confirmation: a retry or a second tap reuses it, so Cal.com writes once.
  const reference = await dialog.run(() => newReference());
  const rows: Button[][] = [
    [{ text: t.buttons.confirm, action: ACTION.confirm }, ...(c.rows[0] ?? [])],
    ...c.rows.slice(1),
  ];
  const choice = await dialog.ask({ text: c.notice ? `${c.notice}\n\n${c.summary}` : c.summary, rows });
  if (choice.kind !== "button" || choice.action === ACTION.cancel) return { kind: "cancel" };
  if (choice.action !== ACTION.confirm) return { kind: "button", action: choice.action };
  return dialog.loop({}, async (): Promise<Next<object, Confirmed>> => {
    await dialog.show({ text: `${c.summary}\n\n${c.writing}`, rows: [] });
    const outcome = await attemptWrite(dialog, deps, () => c.write(reference));
    if (outcome.ok || !isPassing(outcome.kind)) return { done: { kind: "written", outcome } };
    const retry = await dialog.ask({
      text: `${t.booking.calcomDown}\n\n${c.summary}`,
      rows: [
        [{ text: t.buttons.retry, action: ACTION.retry }],
        [{ text: t.buttons.cancel, action: ACTION.cancel }],
      ],
    });
    if (retry.kind !== "button" || retry.action !== ACTION.retry) return { done: { kind: "cancel" } };
    return { again: {} };
  });
}

/**
 * Runs a Cal.com write once (never again on replay) for a member still allowed to book — access
 * is checked right before Cal.com is asked, as it may have been revoked while the dialog was open.
 * Errors come back as a JSON-safe kind.
 */
function attemptWrite(dialog: Dialog, deps: BotDeps, write: () => Promise<Booking>): Promise<WriteOutcome> {
  return dialog.run(async (octx): Promise<WriteOutcome> => {
    if (!deps.services.access.mayBook(octx.from?.id)) return { ok: false, kind: "no_access" };
    try {
      return { ok: true, booking: await write() };
    } catch (err) {
      deps.log.warn({ err }, "booking write failed");
      return { ok: false, kind: failureKind(err) };
    }
  });
}

/**
 * After a write Cal.com applied: the result in the dialog message, the "Add to calendar" file,
 * and the admins' notice — not awaited: the admin chat is paced at about one message a second,
 * and a busy hour's notices must not hold every member's update (and its memory) open.
 */
export async function announceWritten(
  dialog: Dialog,
  deps: BotDeps,
  chatId: number,
  t: Messages,
  result: { text: string; booking: Booking; adminNotice: (adminT: Messages) => string },
): Promise<void> {
  await dialog.show({ text: result.text, rows: [] });
  const { bookings } = deps.services;
  await dialog.run(async (octx) => {
    const event = { ...result.booking, title: bookings.eventType.title };
    await sendCalendarFile(octx.api, chatId, t, event, deps.log);
    void tellAdmins(octx.api, deps, result.adminNotice);
  });
}

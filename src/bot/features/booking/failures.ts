import { CalcomError } from "../../../calcom/errors.js";
import type { Messages } from "../../../i18n/index.js";
import type { BotDeps } from "../../context.js";
import type { Dialog } from "./dialog.js";

/** A JSON-safe name for what went wrong (the conversation log cannot hold Error objects). */
export function failureKind(err: unknown): string {
  return err instanceof CalcomError ? err.kind : "unavailable";
}

/** The outcome kind for a user whose access was revoked mid-dialog. */
export const NO_ACCESS = "no_access";

/** Admins always; others while approved. */
export function mayBook(deps: BotDeps, telegramId: number | undefined): boolean {
  if (telegramId === undefined) return false;
  return deps.config.adminIds.includes(telegramId) || deps.repos.users.isApproved(telegramId);
}

export type WriteOutcome<T> = { ok: true; value: T } | { ok: false; kind: string };

/**
 * Runs a Cal.com write once (never again on replay) for a user still allowed to book — access is
 * checked right before Cal.com is asked, as it may have been revoked while the dialog was open.
 * Errors come back as a JSON-safe kind.
 */
export function attemptWrite<T>(
  dialog: Dialog,
  deps: BotDeps,
  telegramId: number | undefined,
  what: string,
  write: () => Promise<T>,
): Promise<WriteOutcome<T>> {
  return dialog.once(async (): Promise<WriteOutcome<T>> => {
    if (!mayBook(deps, telegramId)) return { ok: false, kind: NO_ACCESS };
    try {
      return { ok: true, value: await write() };
    } catch (err) {
      deps.log.warn({ err }, `${what} failed`);
      return { ok: false, kind: failureKind(err) };
    }
  });
}

/**
 * Runs a write; while Cal.com is down or throttling, says so under the summary and offers Retry
 * (the same write, so the same reference: safe even if an attempt did reach Cal.com) or Cancel.
 * Returns undefined when the user cancels.
 */
export async function writeUntilAnswered<T>(
  dialog: Dialog,
  t: Messages,
  summary: string,
  write: () => Promise<WriteOutcome<T>>,
): Promise<WriteOutcome<T> | undefined> {
  let outcome = await write();
  while (!outcome.ok && (outcome.kind === "unavailable" || outcome.kind === "rate_limited")) {
    const retry = await dialog.ask({
      text: `${t.booking.calcomDown}\n\n${summary}`,
      rows: [[{ text: t.buttons.retry, action: "c" }], [{ text: t.buttons.cancel, action: "x" }]],
    });
    if (retry.kind !== "button" || retry.action !== "c") return undefined;
    outcome = await write();
  }
  return outcome;
}

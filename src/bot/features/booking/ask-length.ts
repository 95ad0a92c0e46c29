import type { Messages } from "../../../i18n/index.js";
import { ACTION } from "./actions.js";
import type { Dialog, Next } from "./dialog.js";

export type LengthAnswer = { lengthMinutes: number } | "cancel";

/**
 * The length step, shown only when the member may pick among several lengths (the event type's
 * `lengthInMinutesOptions` up to their cap): one button per length, then Cancel.
 */
export async function askLength(
  dialog: Dialog,
  t: Messages,
  lengths: readonly number[],
  notice: string | undefined,
): Promise<LengthAnswer> {
  const rows = [
    lengths.map((m) => ({ text: t.durations.lengthButton(m), action: ACTION.length, arg: String(m) })),
    [{ text: t.buttons.cancel, action: ACTION.cancel }],
  ];
  const first = notice ? `${notice}\n\n${t.durations.pickLength}` : t.durations.pickLength;
  return dialog.loop(first, async (text): Promise<Next<string, LengthAnswer>> => {
    const choice = await dialog.ask({ text, rows });
    if (choice.kind !== "button" || choice.action === ACTION.cancel) return { done: "cancel" };
    // Only a length that was offered (callback data can be forged).
    const picked = Number(choice.arg);
    if (choice.action === ACTION.length && lengths.includes(picked))
      return { done: { lengthMinutes: picked } };
    return { again: t.durations.pickLength };
  });
}

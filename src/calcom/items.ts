import type { z } from "zod";
import type { Logger } from "../log.js";

/**
 * Reads a list Cal.com answered item by item: an item the schema cannot read (a shape this bot
 * does not know, say a booking someone made on the web under an older build) is skipped and
 * logged — by index, path and issue code, never its values — instead of failing the whole list.
 * Used for every list the bot reads (bookings, event types) so one odd item never breaks
 * /mybookings, a lookup or a reconcile.
 */
export function readItems<S extends z.ZodType>(
  schema: S,
  items: readonly unknown[],
  log: Logger,
  what: string,
  onSkip?: (item: unknown, index: number) => void,
): Array<z.output<S>> {
  const read: Array<z.output<S>> = [];
  const skipped: Array<{ index: number; issues: string[] }> = [];
  items.forEach((item, index) => {
    const parsed = schema.safeParse(item);
    if (parsed.success) read.push(parsed.data);
    else {
      skipped.push({ index, issues: parsed.error.issues.map((i) => `${i.path.join(".")}:${i.code}`) });
      onSkip?.(item, index);
    }
  });
  if (skipped.length > 0) {
    log.warn(
      { calcom: what, skipped: skipped.length, of: items.length, items: skipped.slice(0, 5) },
      "Cal.com list items skipped: shape not understood",
    );
  }
  return read;
}

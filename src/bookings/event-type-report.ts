import { assessEventType, refusalsOf, type SettingLine } from "../calcom/event-type-check.js";
import type { EventTypeInfo } from "../calcom/types.js";
import type { Store } from "../db/index.js";
import type { Logger } from "../log.js";
import { entry } from "../notices/notice.js";

/**
 * At start-up: one log line per event-type setting that matters (what the bot will do about it)
 * and, where one refuses, a notice to every admin naming the settings to change in Cal.com —
 * queued once per event type and set of refusals, so a restart does not repeat it.
 */
export function reportEventTypeSettings(
  et: EventTypeInfo,
  d: { store: Pick<Store, "outbox">; adminIds: readonly number[]; log: Logger; nowIso: string },
): SettingLine[] {
  const lines = assessEventType(et);
  for (const l of lines) {
    const fields = { eventTypeId: et.id, setting: l.setting, verdict: l.verdict };
    if (l.verdict === "refuse") d.log.warn(fields, l.text);
    else d.log.info(fields, l.text);
  }
  const refusals = refusalsOf(lines);
  if (refusals.length > 0) {
    const fact = `event-type-refused:${et.id}:${refusals.map((r) => `${r.code}=${r.detail}`).join(",")}`;
    d.store.outbox.enqueue(
      d.adminIds.map((id) => entry(fact, id, { kind: "eventTypeRefused", refusals })),
      d.nowIso,
    );
  }
  return lines;
}

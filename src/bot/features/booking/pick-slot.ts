import type { Calcom } from "../../../calcom/index.js";
import type { Language } from "../../../config.js";
import type { Messages } from "../../../i18n/index.js";
import { dayHeader, groupByLocalDay, paginateDays } from "../../../time/slots.js";
import { zoneLabel } from "../../../time/zones.js";
import { decodeSlot, encodeSlot } from "./callback.js";
import type { Button, Dialog } from "./dialog.js";
import { failureKind } from "./failures.js";

export type SlotAnswer = { startUtc: string } | "changeZone" | "cancel";

type Loaded = { ok: true; starts: string[] } | { ok: false; kind: string };

/**
 * Step 2: free slots of the booking window in the user's zone, a few days a page. "Loading" is
 * shown only when the slots are not already in the cache.
 */
export async function pickSlot(
  dialog: Dialog,
  t: Messages,
  lang: Language,
  calcom: Calcom,
  windowDays: number,
  zone: string,
  notice?: string,
  /** When moving a booking: its uid, so its own time counts as free (never cached). */
  rescheduleUid?: string,
): Promise<SlotAnswer> {
  let page = 0;
  let prefix = notice ? `${notice}\n\n` : "";
  // Loaded once per visit to this step and paged from memory: the replay log keeps every external
  // result, so fetching on each page turn would grow it by a whole slot list per tap.
  let loaded: Loaded | undefined;
  let label = "";
  for (;;) {
    if (!loaded) {
      const ready = rescheduleUid === undefined && (await dialog.once(() => calcom.slotsReady()));
      if (!ready) await dialog.show({ text: prefix + t.booking.loading, rows: [] });
      loaded = await dialog.once(async (): Promise<Loaded> => {
        try {
          const slots = await calcom.availableSlots({ bookingUidToReschedule: rescheduleUid });
          return { ok: true, starts: slots.map((s) => s.startUtc) };
        } catch (err) {
          return { ok: false, kind: failureKind(err) };
        }
      });
      label = zoneLabel(zone, lang, await dialog.now());
    }

    if (!loaded.ok || loaded.starts.length === 0) {
      const text = prefix + (loaded.ok ? t.booking.noSlots(windowDays) : t.booking.calcomDown);
      const choice = await dialog.ask({
        text,
        rows: [
          [{ text: t.buttons.retry, action: "r" }],
          [{ text: t.buttons.changeZone, action: "cz" }],
          [{ text: t.buttons.cancel, action: "x" }],
        ],
      });
      prefix = "";
      if (choice.kind === "button" && choice.action === "cz") return "changeZone";
      if (choice.kind === "button" && choice.action === "r") {
        // An empty window is cached like any other answer: Retry must really ask Cal.com again.
        if (loaded.ok) await dialog.once(() => calcom.invalidateAvailability());
        loaded = undefined;
        continue;
      }
      return "cancel";
    }

    const pages = paginateDays(groupByLocalDay(loaded.starts, zone));
    page = Math.min(page, pages.length - 1);
    const days = pages[page] ?? [];
    const rows: Button[][] = [];
    for (const day of days) {
      rows.push([{ text: `📅 ${dayHeader(day.date, lang)}`, action: "noop" }]);
      for (let i = 0; i < day.slots.length; i += 3) {
        rows.push(
          day.slots.slice(i, i + 3).map((s) => ({ text: s.label, action: "s", arg: encodeSlot(s.startUtc) })),
        );
      }
    }
    const nav: Button[] = [];
    if (page > 0) nav.push({ text: t.buttons.back, action: "p", arg: String(page - 1) });
    if (page < pages.length - 1) nav.push({ text: t.buttons.moreDates, action: "p", arg: String(page + 1) });
    if (nav.length > 0) rows.push(nav);
    rows.push([
      { text: t.buttons.changeZone, action: "cz" },
      { text: t.buttons.cancel, action: "x" },
    ]);

    const choice = await dialog.ask({
      text: prefix + t.booking.slotsTitle(label, page + 1, pages.length),
      rows,
    });
    prefix = "";
    if (choice.kind !== "button" || choice.action === "x") return "cancel";
    if (choice.action === "cz") return "changeZone";
    if (choice.action === "p") {
      page = Number(choice.arg) || 0;
      continue;
    }
    if (choice.action === "s") {
      // Only a slot that was on the page shown (callback data can be forged).
      const at = decodeSlot(choice.arg);
      const slot = days.flatMap((d) => d.slots).find((s) => Date.parse(s.startUtc) === at);
      if (slot) return { startUtc: slot.startUtc };
    }
  }
}

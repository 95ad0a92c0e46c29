import { failureKind } from "../../../bookings/outcomes.js";
import type { Language } from "../../../config.js";
import type { Messages } from "../../../i18n/index.js";
import { dayHeader, groupByLocalDay, type LocalDay, paginateDays } from "../../../time/slots.js";
import { zoneLabel } from "../../../time/zones.js";
import type { BotDeps } from "../../context.js";
import { ACTION } from "./actions.js";
import { decodeSlot, encodeSlot } from "./callback.js";
import type { Button, Dialog } from "./dialog.js";

export type SlotAnswer = { startUtc: string } | "changeZone" | "cancel";

type Loaded = { ok: true; starts: string[] } | { ok: false; kind: string };

/**
 * Step 2: free slots of the booking window in the member's zone, a few days a page. "Loading" is
 * shown only when the slots are not already in the cache.
 */
export async function pickSlot(
  dialog: Dialog,
  t: Messages,
  lang: Language,
  deps: BotDeps,
  zone: string,
  notice?: string,
  /** When moving a booking: its uid, so its own time counts as free (never cached). */
  rescheduleUid?: string,
): Promise<SlotAnswer> {
  let page = 0;
  let prefix = notice ? `${notice}\n\n` : "";
  for (;;) {
    // Loaded once per visit to this step and paged from memory: the replay log keeps every external
    // result, so fetching on each page turn would grow it by a whole slot list per tap.
    const loaded = await loadSlots(dialog, deps, prefix + t.booking.loading, rescheduleUid);
    if (!loaded.ok || loaded.starts.length === 0) {
      const text =
        prefix + (loaded.ok ? t.booking.noSlots(deps.config.bookingWindowDays) : t.booking.calcomDown);
      prefix = "";
      const next = await nothingToPick(dialog, t, text);
      if (next !== "retry") return next;
      // An empty window is cached like any other answer: Retry must really ask Cal.com again.
      if (loaded.ok) await dialog.run(() => deps.services.bookings.invalidateAvailability());
      continue;
    }
    const label = zoneLabel(zone, lang, await dialog.now());
    const pages = paginateDays(groupByLocalDay(loaded.starts, zone));
    for (;;) {
      page = Math.min(page, pages.length - 1);
      const days = pages[page] ?? [];
      const choice = await dialog.ask({
        text: prefix + t.booking.slotsTitle(label, page + 1, pages.length),
        rows: slotRows(t, lang, days, page, pages.length),
      });
      prefix = "";
      if (choice.kind !== "button" || choice.action === ACTION.cancel) return "cancel";
      if (choice.action === ACTION.changeZone) return "changeZone";
      if (choice.action === ACTION.page) page = Number(choice.arg) || 0;
      if (choice.action === ACTION.slot) {
        // Only a slot that was on the page shown (callback data can be forged).
        const at = decodeSlot(choice.arg);
        const slot = days.flatMap((d) => d.slots).find((s) => Date.parse(s.startUtc) === at);
        if (slot) return { startUtc: slot.startUtc };
      }
    }
  }
}

/** The free starts, from the cache when it is fresh (else "loading" is shown while Cal.com answers). */
async function loadSlots(
  dialog: Dialog,
  deps: BotDeps,
  loadingText: string,
  rescheduleUid?: string,
): Promise<Loaded> {
  const { bookings } = deps.services;
  const ready = rescheduleUid === undefined && (await dialog.run(() => bookings.slotsReady()));
  if (!ready) await dialog.show({ text: loadingText, rows: [] });
  return dialog.run(async (): Promise<Loaded> => {
    try {
      const slots = await bookings.availableSlots({ bookingUidToReschedule: rescheduleUid });
      return { ok: true, starts: slots.map((s) => s.startUtc) };
    } catch (err) {
      return { ok: false, kind: failureKind(err) };
    }
  });
}

/** No free time, or Cal.com down: Retry, Change zone or Cancel. */
async function nothingToPick(
  dialog: Dialog,
  t: Messages,
  text: string,
): Promise<"retry" | "changeZone" | "cancel"> {
  const choice = await dialog.ask({
    text,
    rows: [
      [{ text: t.buttons.retry, action: ACTION.retry }],
      [{ text: t.buttons.changeZone, action: ACTION.changeZone }],
      [{ text: t.buttons.cancel, action: ACTION.cancel }],
    ],
  });
  if (choice.kind === "button" && choice.action === ACTION.changeZone) return "changeZone";
  if (choice.kind === "button" && choice.action === ACTION.retry) return "retry";
  return "cancel";
}

/** One page: a header per day, up to three times a row, paging, Change zone and Cancel. */
function slotRows(
  t: Messages,
  lang: Language,
  days: readonly LocalDay[],
  page: number,
  pageCount: number,
): Button[][] {
  const rows: Button[][] = [];
  for (const day of days) {
    rows.push([{ text: `📅 ${dayHeader(day.date, lang)}`, action: ACTION.noop }]);
    for (let i = 0; i < day.slots.length; i += 3) {
      rows.push(
        day.slots
          .slice(i, i + 3)
          .map((s) => ({ text: s.label, action: ACTION.slot, arg: encodeSlot(s.startUtc) })),
      );
    }
  }
  const nav: Button[] = [];
  if (page > 0) nav.push({ text: t.buttons.back, action: ACTION.page, arg: String(page - 1) });
  if (page < pageCount - 1)
    nav.push({ text: t.buttons.moreDates, action: ACTION.page, arg: String(page + 1) });
  if (nav.length > 0) rows.push(nav);
  rows.push([
    { text: t.buttons.changeZone, action: ACTION.changeZone },
    { text: t.buttons.cancel, action: ACTION.cancel },
  ]);
  return rows;
}

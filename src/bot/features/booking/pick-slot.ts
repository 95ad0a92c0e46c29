import { failureKind } from "../../../bookings/outcomes.js";
import type { Language } from "../../../config.js";
import type { Messages } from "../../../i18n/index.js";
import { dayHeader, groupByLocalDay, type LocalDay, paginateDays } from "../../../time/slots.js";
import { zoneLabel } from "../../../time/zones.js";
import type { BotDeps } from "../../context.js";
import { ACTION } from "./actions.js";
import { decodeSlot, encodeSlot } from "./callback.js";
import type { Button, Dialog, Next } from "./dialog.js";

export type SlotAnswer = { startUtc: string } | "changeZone" | "cancel";

type Loaded = { ok: true; starts: string[] } | { ok: false; kind: string };

/** Where the member is in the step: the page, and a notice above it (shown once). */
interface Visit {
  page: number;
  prefix: string;
}

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
  /**
   * `rescheduleUid`: when moving a booking, its uid, so its own time counts as free (never cached).
   * `lengthMinutes`: the meeting length picked (default: the event type's).
   */
  which: { rescheduleUid?: string | undefined; lengthMinutes?: number | undefined } = {},
): Promise<SlotAnswer> {
  const first: Visit = { page: 0, prefix: notice ? `${notice}\n\n` : "" };
  return dialog.loop(first, async (visit): Promise<Next<Visit, SlotAnswer>> => {
    // Loaded once per visit to this step and paged from memory: the replay log keeps every external
    // result, so fetching on each page turn would grow it by a whole slot list per tap.
    const loaded = await loadSlots(dialog, deps, visit.prefix + t.booking.loading, which);
    if (!loaded.ok || loaded.starts.length === 0) {
      const text =
        visit.prefix + (loaded.ok ? t.booking.noSlots(deps.config.bookingWindowDays) : t.booking.calcomDown);
      const next = await nothingToPick(dialog, t, text);
      if (next !== "retry") return { done: next };
      // An empty window is cached like any other answer: Retry must really ask Cal.com again.
      if (loaded.ok) await dialog.run(() => deps.services.bookings.invalidateAvailability());
      return { again: { page: visit.page, prefix: "" } };
    }
    const label = zoneLabel(zone, lang, await dialog.now());
    const pages = paginateDays(groupByLocalDay(loaded.starts, zone));
    return { done: await pageThrough(dialog, t, lang, pages, label, visit) };
  });
}

/** The pages of free times, "More dates" / "Back", until a time (or Change zone, or Cancel) is picked. */
function pageThrough(
  dialog: Dialog,
  t: Messages,
  lang: Language,
  pages: LocalDay[][],
  label: string,
  first: Visit,
): Promise<SlotAnswer> {
  return dialog.loop(first, async ({ page, prefix }): Promise<Next<Visit, SlotAnswer>> => {
    const at = Math.max(0, Math.min(page, pages.length - 1));
    const days = pages[at] ?? [];
    const choice = await dialog.ask({
      text: prefix + t.booking.slotsTitle(label, at + 1, pages.length),
      rows: slotRows(t, lang, days, at, pages.length),
    });
    if (choice.kind !== "button" || choice.action === ACTION.cancel) return { done: "cancel" };
    if (choice.action === ACTION.changeZone) return { done: "changeZone" };
    if (choice.action === ACTION.page) return { again: { page: Number(choice.arg) || 0, prefix: "" } };
    if (choice.action === ACTION.slot) {
      // Only a slot that was on the page shown (callback data can be forged).
      const startMs = decodeSlot(choice.arg);
      const slot = days.flatMap((d) => d.slots).find((s) => Date.parse(s.startUtc) === startMs);
      if (slot) return { done: { startUtc: slot.startUtc } };
    }
    return { again: { page: at, prefix: "" } };
  });
}

/** The free starts, from the cache when it is fresh (else "loading" is shown while Cal.com answers). */
async function loadSlots(
  dialog: Dialog,
  deps: BotDeps,
  loadingText: string,
  {
    rescheduleUid,
    lengthMinutes,
  }: { rescheduleUid?: string | undefined; lengthMinutes?: number | undefined },
): Promise<Loaded> {
  const { bookings } = deps.services;
  const ready =
    rescheduleUid === undefined && (await dialog.run(() => bookings.slotsReady({ lengthMinutes })));
  if (!ready) await dialog.show({ text: loadingText, rows: [] });
  return dialog.run(async (): Promise<Loaded> => {
    try {
      const slots = await bookings.availableSlots({ bookingUidToReschedule: rescheduleUid, lengthMinutes });
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

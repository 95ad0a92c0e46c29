import { DateTime } from "luxon";
import type { WorkingHours } from "./types.js";

/**
 * Slot starts of a working-hours schedule in [from, to]: every `stepMinutes` from startHour, the
 * last one ending (after `lengthMinutes`) by endHour, on the working days, in the schedule's own
 * zone (so DST and offsets behave as in Cal.com). Cal.com's step is slotInterval || duration ||
 * length and the slot length duration || length (packages/trpc/server/routers/viewer/slots/util.ts).
 */
export function workingStarts(
  hours: WorkingHours,
  from: number,
  to: number,
  stepMinutes: number,
  lengthMinutes: number,
): number[] {
  const out: number[] = [];
  const stepMs = stepMinutes * 60_000;
  const lengthMs = lengthMinutes * 60_000;
  let day = DateTime.fromMillis(from, { zone: hours.timeZone }).startOf("day");
  while (day.toMillis() <= to) {
    if (hours.days.includes(day.weekday)) {
      const close = day.set({ hour: hours.endHour }).toMillis();
      for (let t = day.set({ hour: hours.startHour }).toMillis(); t + lengthMs <= close; t += stepMs) {
        if (t >= from && t <= to) out.push(t);
      }
    }
    day = day.plus({ days: 1 });
  }
  return out;
}

export interface SlotItem {
  start: string;
  end?: string;
  seatsBooked?: number;
  seatsRemaining?: number;
  seatsTotal?: number;
  bookingUid?: string;
}

/**
 * Groups starts by local date in `zone`, as GET /v2/slots does; `firstOnly` keeps the first of each
 * day (onlyShowFirstAvailableSlot, slots/util.ts _mapSlotsToDate). `extra` adds the seated fields
 * (apps/api/v2/src/modules/slots/slots-2024-09-04/services/slots-output.service.ts).
 */
export function groupByDate(
  starts: readonly number[],
  zone: string,
  lengthMinutes: number,
  range: boolean,
  firstOnly = false,
  extra: (t: number) => Partial<SlotItem> = () => ({}),
): Record<string, SlotItem[]> {
  const out: Record<string, SlotItem[]> = {};
  for (const t of starts) {
    const dt = DateTime.fromMillis(t, { zone });
    const key = dt.toISODate() as string;
    const list = out[key] ?? [];
    if (firstOnly && list.length > 0) continue;
    const item: SlotItem = { start: dt.toISO() as string };
    if (range) item.end = dt.plus({ minutes: lengthMinutes }).toISO() as string;
    list.push({ ...item, ...extra(t) });
    out[key] = list;
  }
  return out;
}

import { DateTime } from "luxon";
import type { FakeEventType, WorkingHours } from "./types.js";

/**
 * Slot starts of a working-hours schedule in [from, to]: every `lengthInMinutes` from startHour,
 * the last one ending by endHour, on the working days, in the schedule's own zone (so DST and
 * offsets behave as in Cal.com).
 */
export function workingStarts(et: FakeEventType, hours: WorkingHours, from: number, to: number): number[] {
  const out: number[] = [];
  const stepMs = et.lengthInMinutes * 60_000;
  let day = DateTime.fromMillis(from, { zone: hours.timeZone }).startOf("day");
  while (day.toMillis() <= to) {
    if (hours.days.includes(day.weekday)) {
      const close = day.set({ hour: hours.endHour }).toMillis();
      for (let t = day.set({ hour: hours.startHour }).toMillis(); t + stepMs <= close; t += stepMs) {
        if (t >= from && t <= to) out.push(t);
      }
    }
    day = day.plus({ days: 1 });
  }
  return out;
}

/** Groups starts by local date in `zone`, as GET /v2/slots does. */
export function groupByDate(
  starts: readonly number[],
  zone: string,
  lengthMinutes: number,
  range: boolean,
): Record<string, Array<{ start: string; end?: string }>> {
  const out: Record<string, Array<{ start: string; end?: string }>> = {};
  for (const t of starts) {
    const dt = DateTime.fromMillis(t, { zone });
    const key = dt.toISODate() as string;
    const item: { start: string; end?: string } = { start: dt.toISO() as string };
    if (range) item.end = dt.plus({ minutes: lengthMinutes }).toISO() as string;
    const list = out[key] ?? [];
    list.push(item);
    out[key] = list;
  }
  return out;
}

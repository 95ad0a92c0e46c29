import { type Api, InputFile } from "grammy";
import ical from "ical-generator";
import type { Messages } from "../../../i18n/index.js";
import type { Logger } from "../../../log.js";

export interface IcsEvent {
  uid: string;
  startUtc: string;
  endUtc: string;
  title: string;
  location: string | null;
}

/** An "Add to calendar" file for one meeting (RFC 5545, via ical-generator). */
export function meetingIcs(event: IcsEvent): string {
  const calendar = ical({ prodId: { company: "telecalbot", product: "telecalbot" }, name: event.title });
  calendar.createEvent({
    id: event.uid,
    start: new Date(event.startUtc),
    end: new Date(event.endUtc),
    summary: event.title,
    ...(event.location ? { location: event.location } : {}),
    ...(event.location && /^https?:\/\//.test(event.location) ? { url: event.location } : {}),
  });
  return calendar.toString();
}

/** Sends the "Add to calendar" file; a failure is logged, never shown (the booking stands). */
export async function sendCalendarFile(
  api: Api,
  chatId: number,
  t: Messages,
  event: IcsEvent,
  log: Logger,
): Promise<void> {
  const ics = meetingIcs(event);
  await api
    .sendDocument(chatId, new InputFile(Buffer.from(ics, "utf8"), t.booking.icsFileName), {
      caption: t.booking.icsCaption,
    })
    .catch((err: unknown) => log.warn({ err }, "could not send the calendar file"));
}

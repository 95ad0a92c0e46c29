import ical from "ical-generator";

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

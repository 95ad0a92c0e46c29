/**
 * The "Cal.com" panel: the sponsor's calendar as the fake Cal.com holds it, and what the sponsor
 * can do in Cal.com's web app (cancel, move, confirm… a booking; a slow or absent calendar; the
 * event type's "requires confirmation" switch). Nothing here talks to the bot.
 */
import type { FakeCalcom, FakeEventType, OutageMode } from "../fakes/calcom/index.js";

const DAY_MS = 86_400_000;
const SHOWN_FREE = 12;

export interface BookingOut {
  uid: string;
  start: number;
  end: number;
  status: string;
  attendee: string;
  /** Cancelled because it was moved, or the host asked to pick another time. */
  rescheduled: boolean;
}

export interface CalendarOut {
  zone: string;
  outage: OutageMode | false;
  latencyMs: number;
  requiresConfirmation: boolean;
  free: number[];
  bookings: BookingOut[];
}

export type HostAction = "cancel" | "move" | "requestReschedule" | "confirm" | "decline" | "delete";

export class CalcomPanel {
  private outage: OutageMode | false = false;
  private latencyMs = 0;

  constructor(private readonly cal: FakeCalcom) {}

  private get eventType(): FakeEventType {
    const et = this.cal.state.eventTypes[0];
    if (!et) throw new Error("the fake Cal.com has no event type");
    return et;
  }

  view(): CalendarOut {
    const now = this.cal.state.now();
    const state = this.cal.state;
    return {
      zone: state.owner.timeZone,
      outage: this.outage,
      latencyMs: this.latencyMs,
      requiresConfirmation: this.eventType.requiresConfirmation,
      free: state.freeStarts(this.eventType, now, now + 14 * DAY_MS).slice(0, SHOWN_FREE),
      bookings: state
        .visibleBookings()
        .filter((b) => b.end > now - DAY_MS)
        .sort((a, b) => a.start - b.start)
        .map((b) => ({
          uid: b.uid,
          start: b.start,
          end: b.end,
          status: b.status,
          attendee: b.attendee.name,
          rescheduled: b.rescheduled === true,
        })),
    };
  }

  /** The sponsor acts on one booking in Cal.com's web app. `start` is where "move" puts it. */
  host(action: HostAction, uid: string, start?: number): void {
    const host = this.cal.host;
    switch (action) {
      case "cancel":
        host.cancel(uid, "Cancelled in Cal.com by the sponsor");
        return;
      case "move":
        if (start === undefined || !Number.isFinite(start)) throw new Error("move needs a start");
        host.reschedule(uid, start);
        return;
      case "requestReschedule":
        host.requestReschedule(uid, "Please pick another time");
        return;
      case "confirm":
        host.confirm(uid);
        return;
      case "decline":
        host.decline(uid, "Declined in Cal.com by the sponsor");
        return;
      case "delete":
        host.delete(uid);
        return;
    }
  }

  async setOutage(mode: OutageMode | false): Promise<void> {
    await this.cal.setOutage(mode);
    this.outage = mode;
  }

  setLatency(ms: number): void {
    this.cal.setLatency(ms);
    this.latencyMs = ms;
  }

  setRequiresConfirmation(on: boolean): void {
    this.eventType.requiresConfirmation = on;
  }
}

export const HOST_ACTIONS: readonly HostAction[] = [
  "cancel",
  "move",
  "requestReschedule",
  "confirm",
  "decline",
  "delete",
];

import { type Api, GrammyError } from "grammy";
import {
  type DeliveryFailure,
  type DueReminder,
  minutesLeft,
  type ReminderPlanner,
} from "../bookings/reminders.js";
import type { Clock } from "../clock.js";
import type { Language } from "../config.js";
import { type Messages, messages } from "../i18n/index.js";
import type { Logger } from "../log.js";
import type { Change } from "../members/access.js";
import { howItHappens, meetingWhenParts } from "./ui/format.js";
import { manageButtons } from "./ui/keyboards.js";
import { isUnreachable } from "./ui/notify.js";

/** "in 1 hour", "tomorrow at this time", "in 30 min". */
export function inWhat(t: Messages, offsetMinutes: number): string {
  if (offsetMinutes % 1440 === 0) return t.myBookings.inDays(offsetMinutes / 1440);
  if (offsetMinutes % 60 === 0) return t.myBookings.inHours(offsetMinutes / 60);
  return t.myBookings.inMinutes(offsetMinutes);
}

export interface ReminderSenderDeps {
  planner: ReminderPlanner;
  api: Api;
  clock: Clock;
  log: Logger;
  defaultLanguage: Language;
  /** What the member may do with the booking (Move and Cancel, or Cancel only once revoked). */
  changesAllowed: (telegramId: number) => ReadonlySet<Change>;
}

/**
 * Sends the Telegram reminders the planner hands out, every 30 s. A pass never overlaps the
 * previous one; a failed send is reported back to the planner (blocked chat, refusal, or retry).
 */
export class ReminderScheduler {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;

  constructor(private readonly d: ReminderSenderDeps) {}

  start(intervalMs = 30_000): void {
    this.timer = setInterval(() => void this.tick(), intervalMs);
    this.timer.unref();
    void this.tick();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One pass: plan missing reminders, send the due ones. Returns how many were sent. */
  tick(): Promise<number> {
    this.running ??= this.pass().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async pass(): Promise<number> {
    let sent = 0;
    try {
      for await (const r of this.d.planner.claimDue()) {
        const failure = await this.send(r);
        if (failure) this.d.planner.failed(r, failure);
        else sent++;
      }
    } catch (err) {
      this.d.log.error({ err }, "reminder pass failed");
    }
    return sent;
  }

  private async send(r: DueReminder): Promise<DeliveryFailure | undefined> {
    const lang: Language = r.language === "en" || r.language === "ru" ? r.language : this.d.defaultLanguage;
    const t = messages(lang);
    const left = minutesLeft(r.offsetMinutes, Date.parse(r.startUtc) - this.d.clock.now());
    try {
      await this.d.api.sendMessage(
        r.telegramId,
        t.myBookings.reminder({
          inWhat: inWhat(t, left),
          ...meetingWhenParts(r.startUtc, r.timeZone, lang),
          duration: Math.round((Date.parse(r.endUtc) - Date.parse(r.startUtc)) / 60_000),
          how: howItHappens(r.location, t),
        }),
        { reply_markup: manageButtons(t, r.bookingUid, this.d.changesAllowed(r.telegramId)) },
      );
      return undefined;
    } catch (err) {
      if (isUnreachable(err)) {
        this.d.log.warn({ bookingUid: r.bookingUid }, "reminder not sent: the user blocked the bot");
        return "unreachable";
      }
      this.d.log.error({ err, bookingUid: r.bookingUid }, "reminder not sent; will retry");
      return err instanceof GrammyError && err.error_code === 400 ? "refused" : "transient";
    }
  }
}

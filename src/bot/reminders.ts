import { type Api, GrammyError, InlineKeyboard } from "grammy";
import { isActive } from "../calcom/index.js";
import type { Language } from "../config.js";
import { type DueReminder, RemindersRepo } from "../db/reminders.js";
import { type Messages, messages } from "../i18n/index.js";
import { longDateTime } from "../time/slots.js";
import { zoneLabel } from "../time/zones.js";
import { manageBooking } from "./callback-data.js";
import type { BotDeps } from "./context.js";
import { howItHappens } from "./features/booking/flow.js";
import { isUnreachable } from "./notify.js";

const MAX_TRIES = 5;

/** "in 1 hour", "tomorrow at this time", "in 30 min". */
export function inWhat(t: Messages, offsetMinutes: number): string {
  if (offsetMinutes % 1440 === 0) return t.myBookings.inDays(offsetMinutes / 1440);
  if (offsetMinutes % 60 === 0) return t.myBookings.inHours(offsetMinutes / 60);
  return t.myBookings.inMinutes(offsetMinutes);
}

/** Reschedule and Cancel for one booking; `label` (e.g. its date) tells rows of a list apart. */
export function manageButtons(
  t: Messages,
  uid: string,
  label?: string,
  keyboard = new InlineKeyboard(),
): InlineKeyboard {
  const suffix = label ? ` ${label}` : "";
  return keyboard
    .text(`${t.myBookings.rescheduleButton}${suffix}`, manageBooking.encode({ action: "reschedule", uid }))
    .text(`${t.myBookings.cancelButton}${suffix}`, manageBooking.encode({ action: "cancel", uid }))
    .row();
}

/**
 * Sends Telegram reminders before each booking. Reminders live in SQLite, so they survive
 * restarts: one missed while the bot was down goes out at the next tick if the meeting has not
 * begun. A reminder is claimed before it is sent, so none goes twice; a user who blocked the bot
 * is recorded and not retried.
 */
export class ReminderScheduler {
  private readonly repo: RemindersRepo;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;

  constructor(
    private readonly deps: BotDeps,
    private readonly api: Api,
  ) {
    this.repo = new RemindersRepo(deps.db);
  }

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
    const { config, clock, log } = this.deps;
    const now = new Date(clock.now()).toISOString();
    try {
      this.repo.plan(config.reminderOffsetsMinutes, now);
      this.repo.skipPast(now);
      let sent = 0;
      const due = this.repo.due(now);
      for (const r of due) {
        // After downtime several offsets of one meeting may be due at once: only the nearest goes.
        if (due.some((o) => o.bookingUid === r.bookingUid && o.offsetMinutes < r.offsetMinutes)) {
          this.repo.skip(r.id, "superseded by a nearer reminder", now);
          continue;
        }
        if (!(await this.stillAsBooked(r, now))) continue;
        if (!this.repo.claim(r.id, now)) continue;
        const lang: Language =
          r.language === "en" || r.language === "ru" ? r.language : config.defaultLanguage;
        const t = messages(lang);
        try {
          await this.api.sendMessage(
            r.telegramId,
            t.myBookings.reminder({
              inWhat: inWhat(t, minutesLeft(r.offsetMinutes, Date.parse(r.startUtc) - clock.now())),
              when: longDateTime(r.startUtc, r.timeZone, lang),
              zone: zoneLabel(r.timeZone, lang, Date.parse(r.startUtc)),
              duration: Math.round((Date.parse(r.endUtc) - Date.parse(r.startUtc)) / 60_000),
              how: howItHappens(r.location, t),
            }),
            { reply_markup: manageButtons(t, r.bookingUid) },
          );
          sent++;
        } catch (err) {
          if (isUnreachable(err)) {
            log.warn({ bookingUid: r.bookingUid }, "reminder not sent: the user blocked the bot");
            this.repo.skip(r.id, "user unreachable", now);
          } else {
            log.error({ err, bookingUid: r.bookingUid }, "reminder not sent; will retry");
            this.repo.release(
              r.id,
              err instanceof GrammyError && err.error_code === 400 ? 0 : MAX_TRIES,
              now,
            );
          }
        }
      }
      return sent;
    } catch (err) {
      log.error({ err }, "reminder pass failed");
      return 0;
    }
  }

  /**
   * Asks Cal.com whether the meeting still stands as booked (the host may have cancelled or moved
   * it there). Cancelled: the reminder is dropped. Moved: its reminders are planned anew. Cal.com
   * unreachable: the stored booking is trusted (a reminder is better late than lost).
   */
  private async stillAsBooked(r: DueReminder, now: string): Promise<boolean> {
    try {
      const fresh = await this.deps.calcom.refreshBooking(r.bookingUid);
      if (!isActive(fresh)) {
        this.repo.skip(r.id, "cancelled on the calendar", now);
        return false;
      }
      if (Date.parse(fresh.startUtc) !== Date.parse(r.startUtc)) {
        this.repo.forgetUnsent(r.bookingUid);
        return false;
      }
    } catch (err) {
      this.deps.log.warn(
        { err, bookingUid: r.bookingUid },
        "could not re-check a booking before its reminder",
      );
    }
    return true;
  }
}

/**
 * What to say: the reminder's own offset when it goes out on time, else the real time left
 * (a reminder sent late after downtime must not say "tomorrow" two hours before).
 */
export function minutesLeft(offsetMinutes: number, msLeft: number): number {
  const left = Math.max(1, Math.round(msLeft / 60_000));
  if (Math.abs(left - offsetMinutes) <= 5) return offsetMinutes;
  return left >= 120 ? Math.round(left / 60) * 60 : left;
}

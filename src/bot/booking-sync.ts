import type { SyncReport } from "../bookings/sync.js";
import { isTransient } from "../calcom/errors.js";
import type { Logger } from "../log.js";

export interface SyncSchedulerDeps {
  /** One pass (BookingService.syncWithCalendar). */
  pass: () => Promise<SyncReport>;
  log: Logger;
}

/**
 * Runs the Cal.com sync every `BOOKING_SYNC_INTERVAL_SECONDS`: never two passes at once (a tick
 * during a pass joins it), and a pass while Cal.com is down or throttling is skipped cleanly —
 * nothing is changed or said, the next tick tries again.
 */
export class SyncScheduler {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<SyncReport | undefined> | undefined;
  private stopped = false;

  constructor(private readonly d: SyncSchedulerDeps) {}

  start(intervalMs: number): void {
    this.timer = setInterval(() => void this.tick(), intervalMs);
    this.timer.unref();
    void this.tick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running;
  }

  /** One pass now (or the one running); undefined when it was skipped or failed. */
  tick(): Promise<SyncReport | undefined> {
    if (this.stopped) return Promise.resolve(undefined);
    this.running ??= this.pass().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async pass(): Promise<SyncReport | undefined> {
    try {
      const report = await this.d.pass();
      if (report.requests > 0) this.d.log.debug({ ...report }, "Cal.com sync pass");
      return report;
    } catch (err) {
      if (isTransient(err)) {
        this.d.log.warn({ err }, "Cal.com sync pass skipped: Cal.com is not answering");
      } else {
        this.d.log.error({ err }, "Cal.com sync pass failed");
      }
      return undefined;
    }
  }
}

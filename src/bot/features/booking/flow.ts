import type { Context } from "grammy";
import { failureText } from "../../../bookings/outcomes.js";
import type { BotDeps } from "../../context.js";
import { meetingWhenParts } from "../../ui/format.js";
import { ACTION } from "./actions.js";
import { askEmail, askName, askRememberEmail } from "./ask-details.js";
import { askLength } from "./ask-length.js";
import { askZone } from "./ask-zone.js";
import { confirmAndWrite, type WriteOutcome } from "./confirm-and-write.js";
import { type BookingConversation, type Button, type Next, type OpenedDialog, openDialog } from "./dialog.js";
import { pickSlot } from "./pick-slot.js";

interface Draft {
  zone: string | undefined;
  /** The picked length (several offered) or the only one allowed; undefined before the length step. */
  lengthMinutes: number | undefined;
  startUtc: string | undefined;
  name: string | undefined;
  /** null: skipped (the operator's fallback mailbox is used). */
  email: string | null | undefined;
}

/** The draft once every step has answered (at the summary). */
type Complete = { zone: string; lengthMinutes: number; startUtc: string; name: string; email: string | null };

type Step = "zone" | "length" | "slots" | "name" | "email" | "summary" | "end";

/** Where the member is and what they have answered: all a step needs (it crosses rewinds). */
interface Snapshot {
  step: Exclude<Step, "end">;
  draft: Draft;
  notice: string | undefined;
  savedEmail: string | null;
  zoneIsSaved: boolean;
}

/**
 * The booking dialog, top to bottom as the member lives it: zone → length (only when several
 * are offered) → slot → name → email → confirm
 * → result. Runs under @grammyjs/conversations; everything that touches the world goes through
 * the Dialog (external calls), so replay after a restart continues exactly where the member was.
 */
export function bookingConversation(deps: BotDeps) {
  return async function booking(conversation: BookingConversation, ctx: Context): Promise<void> {
    const opened = await openDialog(conversation, ctx, deps);
    if (!opened) return;
    await new BookingDialog(deps, opened).run();
  };
}

/** One member's way through the booking steps; each step returns the next. */
class BookingDialog {
  private draft: Draft;
  private notice: string | undefined;
  private savedEmail: string | null;
  /** The zone is the one saved last time (the member has not picked one in this dialog). */
  private zoneIsSaved: boolean;

  constructor(
    private readonly deps: BotDeps,
    private readonly o: OpenedDialog,
  ) {
    this.draft = {
      zone: o.prefs.timezone ?? undefined,
      lengthMinutes: undefined,
      startUtc: undefined,
      name: undefined,
      email: undefined,
    };
    this.savedEmail = o.prefs.email;
    this.zoneIsSaved = o.prefs.timezone !== null;
  }

  async run(): Promise<void> {
    await this.o.dialog.run(() => this.deps.services.bookings.prefetch());
    const first = this.snapshot(this.draft.zone ? "length" : "zone");
    await this.o.dialog.loop(first, async (at): Promise<Next<Snapshot, undefined>> => {
      this.restore(at);
      const step = await this[at.step]();
      return step === "end" ? { done: undefined } : { again: this.snapshot(step) };
    });
  }

  private snapshot(step: Exclude<Step, "end">): Snapshot {
    return {
      step,
      draft: { ...this.draft },
      notice: this.notice,
      savedEmail: this.savedEmail,
      zoneIsSaved: this.zoneIsSaved,
    };
  }

  /** Each field from the snapshot (one stored as JSON has lost its undefined fields). */
  private restore(at: Snapshot): void {
    const { zone, lengthMinutes, startUtc, name, email } = at.draft;
    this.draft = { zone, lengthMinutes, startUtc, name, email };
    this.notice = at.notice;
    this.savedEmail = at.savedEmail;
    this.zoneIsSaved = at.zoneIsSaved;
  }

  /** After a step: straight back to the summary once everything is known (an Edit). */
  private orSummary(normal: Step): Step {
    return this.draft.name !== undefined && this.draft.email !== undefined ? "summary" : normal;
  }

  private async leave(): Promise<Step> {
    await this.o.dialog.show({ text: this.o.t.booking.cancelled, rows: [] });
    return "end";
  }

  private async zone(): Promise<Step> {
    const answer = await askZone(this.o.dialog, this.o.t, this.o.lang);
    if (answer === "cancel") return this.leave();
    this.draft.zone = answer.zone;
    this.zoneIsSaved = false;
    await this.o.dialog.run(() =>
      this.deps.services.preferences.set(this.o.from.id, { timezone: answer.zone }),
    );
    return this.draft.lengthMinutes === undefined ? "length" : "slots";
  }

  /** The lengths this member may pick; one (or none known yet) → no question. A new length needs a new time. */
  private async length(): Promise<Step> {
    const { dialog, t, from } = this.o;
    const { bookings, lengthCaps } = this.deps.services;
    const lengths = await dialog.run(() => lengthCaps.lengthsFor(from.id));
    const before = this.draft.lengthMinutes;
    // None known (Cal.com never reached yet): the free times say the calendar is unreachable.
    if (lengths.length <= 1) {
      this.draft.lengthMinutes = lengths[0];
    } else {
      const answer = await askLength(dialog, t, lengths, this.takeNotice());
      if (answer === "cancel") return this.leave();
      this.draft.lengthMinutes = answer.lengthMinutes;
    }
    if (before === this.draft.lengthMinutes && this.draft.startUtc !== undefined)
      return this.orSummary("name");
    this.draft.startUtc = undefined;
    const lengthMinutes = this.draft.lengthMinutes;
    await dialog.run(() => bookings.prefetch({ lengthMinutes }));
    return "slots";
  }

  private async slots(): Promise<Step> {
    const { dialog, t, lang } = this.o;
    const zone = this.draft.zone as string;
    const answer = await pickSlot(dialog, t, lang, this.deps, zone, this.takeNotice(), {
      lengthMinutes: this.draft.lengthMinutes,
    });
    if (answer === "cancel") return this.leave();
    if (answer === "changeZone") return "zone";
    if (this.draft.lengthMinutes === undefined) {
      // The length step knew no event type (Cal.com unreachable since a first start); now it does.
      const { lengthCaps } = this.deps.services;
      const lengths = await this.o.dialog.run(() => lengthCaps.lengthsFor(this.o.from.id));
      // Several: these were the default length's times; the length comes first, then its times.
      if (lengths.length > 1) return "length";
      this.draft.lengthMinutes = lengths[0];
    }
    this.draft.startUtc = answer.startUtc;
    return this.orSummary("name");
  }

  private async name(): Promise<Step> {
    const { from } = this.o;
    const telegramName = [from.first_name, from.last_name].filter(Boolean).join(" ");
    const answer = await askName(this.o.dialog, this.o.t, telegramName);
    if (answer === "cancel") return this.leave();
    this.draft.name = answer.name;
    return this.orSummary("email");
  }

  private async email(): Promise<Step> {
    const { dialog, t, from } = this.o;
    const optional = this.deps.services.bookings.emailOptional;
    const answer = await askEmail(dialog, t, optional, this.savedEmail, this.takeNotice());
    if (answer === "cancel") return this.leave();
    this.draft.email = answer.email;
    if (answer.email === null) this.notice = t.booking.emailSkipped;
    const email = answer.email;
    if (email !== null && answer.typed && (await askRememberEmail(dialog, t, email))) {
      await dialog.run(() => this.deps.services.preferences.set(from.id, { email }));
      this.savedEmail = email;
    }
    return "summary";
  }

  private summaryText(): string {
    const { zone, startUtc, name, email, lengthMinutes } = this.draft as Complete;
    return this.o.t.booking.summary({
      ...meetingWhenParts(startUtc, zone, this.o.lang),
      duration: lengthMinutes,
      name,
      email,
    });
  }

  /**
   * What the summary says about remembered things in use (the saved zone, the remembered email),
   * each with a one-tap change.
   */
  private remembered(): { notes: string[]; buttons: Button[] } {
    const { t } = this.o;
    const { email } = this.draft as Complete;
    const notes: string[] = [];
    const buttons: Button[] = [];
    if (this.zoneIsSaved) {
      notes.push(t.privacy.summarySavedZone);
      buttons.push({ text: t.buttons.changeZone, action: ACTION.changeZone });
    }
    if (email !== null && email === this.savedEmail) {
      notes.push(t.privacy.summaryRememberedEmail);
      buttons.push({ text: t.privacy.changeEmailButton, action: ACTION.editEmail });
    }
    return { notes, buttons };
  }

  private async summary(): Promise<Step> {
    const { dialog, t, lang } = this.o;
    const { zone, startUtc, name, email, lengthMinutes } = this.draft as Complete;
    const { bookings } = this.deps.services;
    const remembered = this.remembered();
    const confirmed = await confirmAndWrite(dialog, this.deps, t, {
      summary: [this.summaryText(), ...remembered.notes].join("\n\n"),
      notice: this.takeNotice(),
      rows: [
        [{ text: t.buttons.edit, action: ACTION.edit }],
        ...(remembered.buttons.length > 0 ? [remembered.buttons] : []),
        [{ text: t.buttons.cancel, action: ACTION.cancel }],
      ],
      writing: t.booking.booking,
      adds: true,
      write: (reference, messageId) =>
        bookings.createBooking({
          reference,
          replaceMessageId: messageId,
          telegramId: this.o.from.id,
          startUtc,
          name,
          email: email ?? undefined,
          timeZone: zone,
          language: lang,
          lengthMinutes,
        }),
    });
    if (confirmed.kind === "cancel") return this.leave();
    if (confirmed.kind === "button") {
      if (confirmed.action === ACTION.changeZone) return "zone";
      if (confirmed.action === ACTION.editEmail) return "email";
      return this.edit();
    }
    return this.afterWrite(confirmed.outcome);
  }

  /** Edit: pick the field to change; back to the summary otherwise. */
  private async edit(): Promise<Step> {
    const { dialog, t, from } = this.o;
    const { lengthCaps } = this.deps.services;
    const several = (await dialog.run(() => lengthCaps.lengthsFor(from.id))).length > 1;
    const time: Button = { text: t.buttons.editTime, action: ACTION.editTime };
    const person: Button[] = [
      { text: t.buttons.editName, action: ACTION.editName },
      { text: t.buttons.editEmail, action: ACTION.editEmail },
    ];
    // Four in a row would cut "Длительность" short on a phone: the meeting, then the person.
    const fields = several
      ? [[{ text: t.durations.editLength, action: ACTION.editLength }, time], person]
      : [[time, ...person]];
    const field = await dialog.ask({
      text: `${this.summaryText()}\n\n${t.booking.editWhat}`,
      rows: [...fields, [{ text: t.buttons.backToSummary, action: ACTION.backToSummary }]],
    });
    if (field.kind !== "button") return "summary";
    if (field.action === ACTION.editTime) return "slots";
    if (field.action === ACTION.editLength) return "length";
    if (field.action === ACTION.editName) return "name";
    if (field.action === ACTION.editEmail) return "email";
    return "summary";
  }

  /** Booked: the result comes from the outbox (it replaces the summary); else why not. */
  private async afterWrite(outcome: WriteOutcome): Promise<Step> {
    const { dialog, t } = this.o;
    if (outcome.ok) return "end";
    if (outcome.kind === "still_open") {
      // The outcome reaches the member through the outbox; it replaces this message.
      await dialog.show({ text: `${t.calendar.stillAnswering}\n\n${this.summaryText()}`, rows: [] });
      return "end";
    }
    if (outcome.kind === "slot_unavailable") {
      this.notice = t.booking.slotTaken;
      return "slots";
    }
    if (outcome.kind === "invalid_email") {
      this.notice = t.booking.emailRefused;
      // Cal.com will never take this address: do not keep offering it with one tap.
      if (this.draft.email && this.draft.email === this.savedEmail) {
        this.savedEmail = null;
        await dialog.run(() => this.deps.services.preferences.set(this.o.from.id, { email: null }));
      }
      return "email";
    }
    await dialog.show({
      text: failureText(outcome.kind, t, { retryOffered: false, existing: false }),
      rows: [],
    });
    return "end";
  }

  private takeNotice(): string | undefined {
    const notice = this.notice;
    this.notice = undefined;
    return notice;
  }
}

import type { Context } from "grammy";
import { type Booking, newReference } from "../../../calcom/index.js";
import type { Language } from "../../../config.js";
import type { Messages } from "../../../i18n/index.js";
import { longDateTime, shortLocal } from "../../../time/slots.js";
import { zoneLabel } from "../../../time/zones.js";
import type { BotDeps } from "../../context.js";
import { tellAdmins } from "../../notify.js";
import { askEmail, askName, askRememberEmail } from "./ask-details.js";
import { askZone } from "./ask-zone.js";
import { type BookingConversation, type Dialog, openDialog } from "./dialog.js";
import { attemptWrite, NO_ACCESS, type WriteOutcome, writeUntilAnswered } from "./failures.js";
import { sendCalendarFile } from "./ics.js";
import { pickSlot } from "./pick-slot.js";

interface Draft {
  zone: string | undefined;
  startUtc: string | undefined;
  name: string | undefined;
  /** null: skipped (the operator's fallback mailbox is used). */
  email: string | null | undefined;
}

type Step = "zone" | "slots" | "name" | "email" | "summary";

/**
 * The booking dialog, top to bottom as the user lives it: zone → slot → name → email → confirm →
 * result. Runs under @grammyjs/conversations; everything that touches the world goes through the
 * Dialog (external calls), so replay after a restart continues exactly where the user was.
 */
export function bookingConversation(deps: BotDeps) {
  const { config, repos, calcom, clock, log } = deps;

  return async function booking(conversation: BookingConversation, ctx: Context): Promise<void> {
    const opened = await openDialog(conversation, ctx, deps);
    if (!opened) return;
    const { from, chatId, prefs, lang, t, dialog } = opened;
    await dialog.once(() => calcom.prefetch());

    const draft: Draft = {
      zone: prefs.timezone ?? undefined,
      startUtc: undefined,
      name: undefined,
      email: undefined,
    };
    let step: Step = draft.zone ? "slots" : "zone";
    let notice: string | undefined;
    const telegramName = [from.first_name, from.last_name].filter(Boolean).join(" ");
    let savedEmail = prefs.email;
    const next = (normal: Step): Step =>
      draft.name !== undefined && draft.email !== undefined ? "summary" : normal;

    for (;;) {
      if (step === "zone") {
        const answer = await askZone(dialog, t, lang);
        if (answer === "cancel") return end(dialog, t);
        draft.zone = answer.zone;
        const zone = answer.zone;
        await dialog.once(() => repos.preferences.set(from.id, { timezone: zone }, iso(clock.now())));
        step = "slots";
      } else if (step === "slots") {
        const zone = draft.zone as string;
        const answer = await pickSlot(dialog, t, lang, calcom, config.bookingWindowDays, zone, notice);
        notice = undefined;
        if (answer === "cancel") return end(dialog, t);
        if (answer === "changeZone") {
          step = "zone";
          continue;
        }
        draft.startUtc = answer.startUtc;
        step = next("name");
      } else if (step === "name") {
        const answer = await askName(dialog, t, telegramName);
        if (answer === "cancel") return end(dialog, t);
        draft.name = answer.name;
        step = next("email");
      } else if (step === "email") {
        const answer = await askEmail(dialog, t, calcom.emailOptional, savedEmail, notice);
        notice = undefined;
        if (answer === "cancel") return end(dialog, t);
        draft.email = answer.email;
        if (answer.email === null) notice = t.booking.emailSkipped;
        if (answer.email !== null && answer.typed && (await askRememberEmail(dialog, t, answer.email))) {
          const email = answer.email;
          await dialog.once(() => repos.preferences.set(from.id, { email }, iso(clock.now())));
          savedEmail = email;
        }
        step = "summary";
      } else {
        const result = await confirmAndBook(dialog, t, lang, draft, notice);
        notice = undefined;
        if (result === "done" || result === "cancel") return result === "cancel" ? end(dialog, t) : undefined;
        if (result === "slotTaken") notice = t.booking.slotTaken;
        if (result === "emailRefused") {
          notice = t.booking.emailRefused;
          // Cal.com will never take this address: do not keep offering it with one tap.
          if (draft.email && draft.email === savedEmail) {
            savedEmail = null;
            await dialog.once(() => repos.preferences.set(from.id, { email: null }, iso(clock.now())));
          }
        }
        step = result === "slotTaken" ? "slots" : result === "emailRefused" ? "email" : result;
      }
    }

    async function confirmAndBook(
      dialog: Dialog,
      t: Messages,
      lang: Language,
      draft: Draft,
      notice: string | undefined,
    ): Promise<"done" | "cancel" | "slotTaken" | "emailRefused" | "slots" | "name" | "email"> {
      const zone = draft.zone as string;
      const startUtc = draft.startUtc as string;
      const name = draft.name as string;
      const email = draft.email ?? null;
      // The zone's offset at the meeting's time (it may differ from today's across a DST change).
      const summary = t.booking.summary({
        when: longDateTime(startUtc, zone, lang),
        zone: zoneLabel(zone, lang, Date.parse(startUtc)),
        duration: calcom.eventType.lengthInMinutes,
        name,
        email,
      });
      // One reference per confirmation: a retry or a second tap reuses it, so Cal.com books once.
      const reference = await dialog.once(() => newReference());
      let text = notice ? `${notice}\n\n${summary}` : summary;
      for (;;) {
        const choice = await dialog.ask({
          text,
          rows: [
            [
              { text: t.buttons.confirm, action: "c" },
              { text: t.buttons.edit, action: "e" },
            ],
            [{ text: t.buttons.cancel, action: "x" }],
          ],
        });
        if (choice.kind !== "button" || choice.action === "x") return "cancel";
        if (choice.action === "e") {
          const field = await dialog.ask({
            text: `${summary}\n\n${t.booking.editWhat}`,
            rows: [
              [
                { text: t.buttons.editTime, action: "et" },
                { text: t.buttons.editName, action: "en" },
                { text: t.buttons.editEmail, action: "ee" },
              ],
              [{ text: t.buttons.backToSummary, action: "bs" }],
            ],
          });
          if (field.kind === "button" && field.action === "et") return "slots";
          if (field.kind === "button" && field.action === "en") return "name";
          if (field.kind === "button" && field.action === "ee") return "email";
          text = summary;
          continue;
        }
        const outcome = await writeUntilAnswered(dialog, t, summary, book);
        if (!outcome) return "cancel";
        if (outcome.ok) {
          await announce(dialog, t, lang, zone, name, outcome.value);
          return "done";
        }
        if (outcome.kind === "slot_unavailable") return "slotTaken";
        if (outcome.kind === "invalid_email") return "emailRefused";
        const refusal =
          outcome.kind === NO_ACCESS
            ? t.access.notApproved
            : outcome.kind === "booking_limit"
              ? t.booking.bookingLimit
              : t.booking.contactAdmin;
        await dialog.show({ text: refusal, rows: [] });
        return "done";
      }

      function book(): Promise<WriteOutcome<Booking>> {
        return dialog.show({ text: `${summary}\n\n${t.booking.booking}`, rows: [] }).then(() =>
          attemptWrite(dialog, deps, from?.id, "booking", () =>
            calcom.createBooking({
              reference,
              telegramId: from?.id ?? 0,
              startUtc,
              name,
              email: email ?? undefined,
              timeZone: zone,
              language: lang,
            }),
          ),
        );
      }
    }

    async function announce(
      dialog: Dialog,
      t: Messages,
      lang: Language,
      zone: string,
      name: string,
      meeting: Booking,
    ): Promise<void> {
      const at = Date.parse(meeting.startUtc);
      await dialog.show({
        text: t.booking.success({
          when: longDateTime(meeting.startUtc, zone, lang),
          zone: zoneLabel(zone, lang, at),
          duration: calcom.eventType.lengthInMinutes,
          how: howItHappens(meeting.location, t),
        }),
        rows: [],
      });
      const target = chatId as number;
      await dialog.once(async (octx) => {
        await sendCalendarFile(octx.api, target, t, { ...meeting, title: calcom.eventType.title }, log);
        // Not awaited: the admin chat is paced at about one message a second, and a busy hour's
        // notices must not hold every member's update (and its memory) open behind them.
        void tellAdmins(octx.api, deps, (adminT) =>
          adminT.booking.adminNew({
            name,
            when: shortLocal(meeting.startUtc, config.adminTimezone),
            zone: zoneLabel(zone, lang, at),
          }),
        );
      });
    }
  };
}

async function end(dialog: Dialog, t: Messages): Promise<void> {
  await dialog.show({ text: t.booking.cancelled, rows: [] });
}

/** How the meeting happens, from Cal.com's location. */
export function howItHappens(location: string | null, t: Messages): string {
  if (!location) return t.booking.howUnknown;
  if (/^https?:\/\//.test(location)) return location;
  if (/^integrations?:|cal-?video|daily|zoom|google|meet|teams/i.test(location)) return t.booking.howOnline;
  return location;
}

const iso = (ms: number) => new Date(ms).toISOString();

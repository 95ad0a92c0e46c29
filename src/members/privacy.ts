import { type Clock, nowIso } from "../clock.js";
import type { AccessRequest } from "../db/access-requests.js";
import type { StoredBooking } from "../db/bookings.js";
import type { Store } from "../db/index.js";
import type { Preferences } from "../db/preferences.js";

/** A person's names as the bot stored them (from their access request or the members list). */
export interface StoredNames {
  firstName: string;
  lastName: string | null;
  username: string | null;
}

/** Everything the bot keeps about one person, as /privacy shows it. */
export interface PrivacyReport {
  telegramId: number;
  names: StoredNames | undefined;
  /** On the members list now (approved, not revoked). */
  approved: boolean;
  request: AccessRequest | undefined;
  preferences: Preferences;
  /** The remembered email, masked (`i***@example.org`), or null. */
  maskedEmail: string | null;
  upcoming: StoredBooking[];
  /** Bookings that are over, cancelled or declined. */
  past: number;
  /** A reminder could not reach them: they blocked the bot. */
  remindersBlocked: boolean;
  /** They have a random tag for the operator's fallback mailbox. */
  hasFallbackTag: boolean;
  /** The longest meeting an admin lets them book (/limit), in minutes. */
  lengthCap: number | undefined;
  /**
   * A booking of theirs Cal.com may still commit (an open create: the calendar is still
   * answering). Erasing now would leave that meeting on the sponsor's calendar unknown to the bot.
   */
  writeOpen: boolean;
  /** (An admin) their open "why decline?": their next plain message becomes a decline's reason. */
  declinePromptOpen: boolean;
}

/** What an erase removed, row counts per kind (for the member's "done" and the tests). */
export interface Erased {
  bookings: number;
  attempts: number;
  any: boolean;
}

/** `ivan@example.org` → `i***@example.org`: enough to recognise one's own address, not to read it. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf("@");
  if (at <= 0) return "***";
  return `${[...email.slice(0, at)][0]}***${email.slice(at)}`;
}

/**
 * A member's view of and say over their data: what the bot keeps, forgetting the remembered
 * email or zone, and erasing everything. Cal.com is not touched here (cancelling bookings first
 * is the member's choice, made before the erase).
 */
export class MemberPrivacy {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  report(telegramId: number): PrivacyReport {
    const {
      users,
      requests,
      preferences,
      bookings,
      reminders,
      emailTags,
      lengthCaps,
      attempts,
      declinePrompts,
    } = this.store;
    const now = nowIso(this.clock);
    const user = users.find(telegramId);
    const request = requests.get(telegramId);
    const prefs = preferences.get(telegramId);
    return {
      telegramId,
      names: user ?? request,
      approved: users.isApproved(telegramId),
      request,
      preferences: prefs,
      maskedEmail: prefs.email === null ? null : maskEmail(prefs.email),
      upcoming: bookings.upcomingFor(telegramId, now),
      past: bookings.countPastFor(telegramId, now),
      remindersBlocked: reminders.blockedFor(telegramId),
      hasFallbackTag: emailTags.get(telegramId) !== undefined,
      lengthCap: lengthCaps.get(telegramId),
      // A create, move or cancel of theirs Cal.com has not answered yet (erase waits for it).
      writeOpen: attempts.hasUnsettledOf(telegramId),
      declinePromptOpen: declinePrompts.get(telegramId) !== undefined,
    };
  }

  /** Forgets the remembered email; false when there was none. */
  forgetEmail(telegramId: number): boolean {
    return this.forget(telegramId, "email");
  }

  /** Forgets the saved time zone; false when there was none. */
  forgetZone(telegramId: number): boolean {
    return this.forget(telegramId, "timezone");
  }

  private forget(telegramId: number, field: "email" | "timezone"): boolean {
    const { preferences } = this.store;
    if (preferences.get(telegramId)[field] === null) return false;
    preferences.set(telegramId, { [field]: null }, nowIso(this.clock));
    return true;
  }

  /**
   * Removes every row that names this person, in one transaction: preferences, the dialog state,
   * its "Start over?" question, an admin's open "why decline?", reminders, bookings and booking attempts, the fallback email tag, the invites they used, the
   * members list, their access request and the admins' length limit for them. The admin audit keeps its entries (admin, action,
   * target id, time: the id and the decision, nothing else), so a rejection still holds. Afterwards
   * the person is a stranger to the bot.
   */
  erase(telegramId: number): Erased {
    const s = this.store;
    return s.transaction(() => {
      const reminders = s.reminders.deleteFor(telegramId);
      const bookings = s.bookings.deleteFor(telegramId);
      const attempts = s.attempts.deleteFor(telegramId);
      const others = [
        s.preferences.delete(telegramId),
        s.emailTags.delete(telegramId),
        s.invites.deleteUsedBy(telegramId) > 0,
        s.users.delete(telegramId),
        s.requests.delete(telegramId),
        s.lengthCaps.clear(telegramId),
      ];
      s.conversations.delete(String(telegramId)); // a private chat's id is the user's id
      s.restartQuestions.clear(telegramId); // the dialog's "Start over?", gone with the dialog
      s.declinePrompts.clear(telegramId); // an admin's open "why decline?": no later message is a reason
      s.outbox.deleteFor(telegramId); // nothing still waits to reach them, or to name them to admins
      return { bookings, attempts, any: reminders + bookings + attempts > 0 || others.some(Boolean) };
    });
  }
}

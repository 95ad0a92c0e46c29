/** The shapes the `privacy`, `invites` and `stats` texts are built from (kept apart from ru.ts's own). */

/** What /privacy shows: the stored facts, already formatted for the reader. */
export interface PrivacyView {
  id: number;
  /** "Anna K (@anna_k)", or null when no name is stored. */
  person: string | null;
  language: string;
  zone: string | null;
  /** Masked: `i***@example.org`. */
  email: string | null;
  upcoming: number;
  past: number;
  remindersBlocked: boolean;
  fallbackTag: boolean;
  /** The admin's /limit for them (minutes), or null. */
  lengthCap: number | null;
  /** A booking the calendar has not answered yet (an open write). */
  writeOpen: boolean;
  /** (An admin) an open "why decline?" question. */
  declinePromptOpen: boolean;
  /** Where they stand: a stranger's request waits since (a local date and time), or was declined. */
  access:
    | { kind: "admin" }
    | { kind: "member" }
    | { kind: "pending"; since: string }
    | { kind: "rejected" }
    | { kind: "none" };
}

/** An open invite in /invites. */
export interface InviteView {
  n: number;
  note: string | null;
  createdAt: string;
  expiresAt: string;
}

/** A person an admin looks up with /whois, formatted. */
export interface WhoisView {
  id: number;
  pseudonym: string;
  /** "Anna K (@anna_k)", or null when no name is stored. */
  person: string | null;
  standing: string;
}

/** Counts for /stats: `[last 7 days, last 30 days]` where a pair. */
export interface StatsView {
  approved: number;
  pending: number;
  revoked: number;
  made: [number, number];
  upcoming: number;
  cancelledByMembers: [number, number];
  cancelledBySponsor: [number, number];
  movedByMembers: [number, number];
  movedBySponsor: [number, number];
  remindersSent: [number, number];
  blockedUsers: number;
}

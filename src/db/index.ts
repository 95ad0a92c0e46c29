import type { Clock } from "../clock.js";
import { nowIso } from "../clock.js";
import { AccessRequestsRepo } from "./access-requests.js";
import { AdminAuditRepo } from "./admin-audit.js";
import { BookingAttemptsRepo } from "./booking-attempts.js";
import { BookingsRepo } from "./bookings.js";
import { ConversationStore } from "./conversations.js";
import { DeclinePromptsRepo } from "./decline-prompts.js";
import { EmailTagsRepo } from "./email-tags.js";
import { EventTypeRepo } from "./event-type.js";
import { InvitesRepo } from "./invites.js";
import { LengthCapsRepo } from "./length-caps.js";
import type { Db } from "./open.js";
import { OutboxRepo } from "./outbox.js";
import { PreferencesRepo } from "./preferences.js";
import { RemindersRepo } from "./reminders.js";
import { RestartQuestionsRepo } from "./restart-questions.js";
import { StatsQueries } from "./stats.js";
import { UpdateJournal } from "./updates.js";
import { UsersRepo } from "./users.js";

/**
 * Every table's repository over one database, and a transaction for changes that must land
 * together. The domain services take this; features never see it.
 */
export interface Store {
  users: UsersRepo;
  requests: AccessRequestsRepo;
  preferences: PreferencesRepo;
  audit: AdminAuditRepo;
  bookings: BookingsRepo;
  attempts: BookingAttemptsRepo;
  emailTags: EmailTagsRepo;
  /** The last event type Cal.com described (start-up while Cal.com is down). */
  eventType: EventTypeRepo;
  invites: InvitesRepo;
  /** Admins' caps on a member's longest meeting length. */
  lengthCaps: LengthCapsRepo;
  reminders: RemindersRepo;
  /** Read-only counts across tables for the admins' /stats. */
  stats: StatsQueries;
  conversations: ConversationStore<never>;
  restartQuestions: RestartQuestionsRepo;
  declinePrompts: DeclinePromptsRepo;
  updates: UpdateJournal;
  outbox: OutboxRepo;
  /** Runs `work` in one SQLite transaction (nested calls join the outer one). */
  transaction<T>(work: () => T): T;
}

export function createStore(db: Db, clock: Clock): Store {
  return {
    users: new UsersRepo(db),
    requests: new AccessRequestsRepo(db),
    preferences: new PreferencesRepo(db),
    audit: new AdminAuditRepo(db),
    bookings: new BookingsRepo(db),
    attempts: new BookingAttemptsRepo(db, () => nowIso(clock)),
    emailTags: new EmailTagsRepo(db),
    eventType: new EventTypeRepo(db, () => nowIso(clock)),
    invites: new InvitesRepo(db),
    lengthCaps: new LengthCapsRepo(db),
    reminders: new RemindersRepo(db),
    stats: new StatsQueries(db),
    conversations: new ConversationStore<never>(db, clock),
    restartQuestions: new RestartQuestionsRepo(db, () => nowIso(clock)),
    declinePrompts: new DeclinePromptsRepo(db),
    updates: new UpdateJournal(db),
    outbox: new OutboxRepo(db),
    transaction: (work) => db.transaction(work)(),
  };
}

export type { Db } from "./open.js";

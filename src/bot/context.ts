import type { ConversationFlavor, VersionedStateStorage } from "@grammyjs/conversations";
import type { Context } from "grammy";
import type { LengthCaps } from "../bookings/length-caps.js";
import type { BookingService } from "../bookings/service.js";
import type { UsageStats } from "../bookings/stats.js";
import type { Clock } from "../clock.js";
import type { Config, Language } from "../config.js";
import type { RestartQuestionsRepo } from "../db/restart-questions.js";
import type { Messages } from "../i18n/index.js";
import type { Logger } from "../log.js";
import type { AccessService, Role } from "../members/access.js";
import type { Invitations } from "../members/invites.js";
import type { MemberPreferences } from "../members/preferences.js";
import type { MemberPrivacy } from "../members/privacy.js";
import type { Pseudonyms } from "../members/pseudonym.js";
import type { Whois } from "../members/whois.js";

/** The domain services features use (never the database or its repositories). */
export interface Services {
  access: AccessService;
  bookings: BookingService;
  /** Which meeting lengths a member may pick; the admins' /limit. */
  lengthCaps: LengthCaps;
  preferences: MemberPreferences;
  /** One-time invite links (/invite, /invites, /start <code>). */
  invitations: Invitations;
  /** /privacy: what the bot keeps about a person, forgetting and erasing it. */
  privacy: MemberPrivacy;
  /** Admins' /stats. */
  stats: UsageStats;
  /** How logs name a person (never by id). */
  pseudonyms: Pseudonyms;
  /** Admins' /whois: pseudonym ↔ person. */
  whois: Whois;
  /** Where the conversations plugin keeps each chat's dialog (the `conversations` table). */
  dialogState: VersionedStateStorage<string, never>;
  /** The "Start over?" question live in each chat (kept with the dialogs, across restarts). */
  restartQuestions: Pick<RestartQuestionsRepo, "live" | "asked" | "clear">;
}

/** Everything a feature needs, passed in rather than imported. */
export interface BotDeps {
  config: Config;
  services: Services;
  clock: Clock;
  log: Logger;
  /** Delivers the outbox now (the domain queued something a person must learn). */
  deliverNotices(): void;
}

export type { Role };

interface Flavor {
  deps: BotDeps;
  /** This update's logger (carries the update id and the sender's pseudonym). */
  log: Logger;
  lang: Language;
  t: Messages;
  role: Role;
}

export type BotContext = ConversationFlavor<Context & Flavor>;

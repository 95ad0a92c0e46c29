import type { ConversationFlavor } from "@grammyjs/conversations";
import type { Context } from "grammy";
import type { Calcom } from "../calcom/index.js";
import type { Clock } from "../clock.js";
import type { Config, Language } from "../config.js";
import type { AccessRequestsRepo } from "../db/access-requests.js";
import type { AdminAuditRepo } from "../db/admin-audit.js";
import type { Db } from "../db/open.js";
import type { PreferencesRepo } from "../db/preferences.js";
import type { UsersRepo } from "../db/users.js";
import type { Messages } from "../i18n/index.js";
import type { Logger } from "../log.js";

export interface Repos {
  users: UsersRepo;
  requests: AccessRequestsRepo;
  preferences: PreferencesRepo;
  audit: AdminAuditRepo;
}

/** Everything a feature needs, passed in rather than imported. */
export interface BotDeps {
  config: Config;
  db: Db;
  repos: Repos;
  clock: Clock;
  log: Logger;
  calcom: Calcom;
}

export type Role = "admin" | "user" | "stranger";

interface Flavor {
  deps: BotDeps;
  /** This update's logger (carries update id and chat id). */
  log: Logger;
  lang: Language;
  t: Messages;
  role: Role;
}

export type BotContext = ConversationFlavor<Context & Flavor>;

import type { Store } from "../db/index.js";
import type { Pseudonyms } from "./pseudonym.js";

/** Where a person stands with the bot, as an admin sees it. */
export type Standing = "admin" | "member" | "revoked" | "pending" | "rejected" | "unknown";

export interface Identity {
  telegramId: number;
  pseudonym: string;
  firstName: string;
  lastName: string | null;
  username: string | null;
  standing: Standing;
}

/**
 * Admins' bridge between the logs and people: the logs name members by pseudonym only; an admin
 * asks who a pseudonym is (among admins, approved or revoked members and access requests) or
 * which pseudonym an id has. Someone who deleted their data is found by id only.
 */
export class Whois {
  constructor(
    private readonly store: Pick<Store, "users" | "requests">,
    private readonly pseudonyms: Pseudonyms,
    private readonly adminIds: readonly number[],
  ) {}

  /** The people the bot knows whose pseudonym this is (normally one; none after an erase). */
  byPseudonym(pseudonym: string): Identity[] {
    const wanted = pseudonym.trim().toLowerCase();
    const ids = new Set<number>(this.adminIds);
    for (const u of this.store.users.listAll()) ids.add(u.telegramId);
    for (const r of this.store.requests.listAll()) ids.add(r.telegramId);
    return [...ids].filter((id) => this.pseudonyms.of(id) === wanted).map((id) => this.byId(id));
  }

  /** The pseudonym of an id, with what the bot knows about that person. */
  byId(telegramId: number): Identity {
    const user = this.store.users.find(telegramId);
    const request = this.store.requests.get(telegramId);
    const names = user ?? request;
    return {
      telegramId,
      pseudonym: this.pseudonyms.of(telegramId),
      firstName: names?.firstName ?? "",
      lastName: names?.lastName ?? null,
      username: names?.username ?? null,
      standing: this.standing(telegramId, user?.revokedAt, request?.status),
    };
  }

  private standing(id: number, revokedAt: string | null | undefined, request: string | undefined): Standing {
    if (this.adminIds.includes(id)) return "admin";
    if (revokedAt === null) return "member";
    if (request === "pending" || request === "rejected") return request;
    if (revokedAt !== undefined) return "revoked";
    return "unknown";
  }
}

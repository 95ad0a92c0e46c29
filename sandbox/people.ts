/** The three people of the sandbox: who they are in the fake Telegram, and the roles the page shows. */

export type PersonKey = "sponsee" | "sponsor" | "stranger";
export type Language = "ru" | "en";

export interface Person {
  key: PersonKey;
  id: number;
  first_name: string;
  username: string;
  language: Language;
  /** Has the chat with the bot been opened before the page shows it? */
  started: boolean;
}

/** The sponsor is the bot's admin (ADMIN_TELEGRAM_ID). */
export const SPONSOR: Person = {
  key: "sponsor",
  id: 700_001,
  first_name: "Анна",
  username: "anna_sponsor",
  language: "ru",
  started: true,
};

/** A member: the sponsor approves her at start-up. */
export const SPONSEE: Person = {
  key: "sponsee",
  id: 700_101,
  first_name: "Ольга",
  username: "olga_s",
  language: "ru",
  started: true,
};

/** Someone who has never written to the bot. */
export const STRANGER: Person = {
  key: "stranger",
  id: 700_202,
  first_name: "Pavel",
  username: "pavel_k",
  language: "en",
  started: false,
};

export const PEOPLE: readonly Person[] = [SPONSEE, SPONSOR, STRANGER];

export function person(key: unknown): Person | undefined {
  return PEOPLE.find((p) => p.key === key);
}

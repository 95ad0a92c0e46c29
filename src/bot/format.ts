import type { AccessRequest } from "../db/access-requests.js";
import type { ApprovedUser } from "../db/users.js";
import type { RequestView } from "../i18n/index.js";

type Person = Pick<AccessRequest | ApprovedUser, "firstName" | "lastName" | "username"> & {
  telegramId: number;
};

/** How a person is shown to admins: their Telegram names, or their id when we know nothing else. */
export function personView(p: Person): RequestView {
  const name = [p.firstName, p.lastName].filter((s) => s && s.trim() !== "").join(" ");
  return { name: name || `ID ${p.telegramId}`, username: p.username, id: p.telegramId };
}

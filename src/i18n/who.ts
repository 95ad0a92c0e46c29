import type { RequestView } from "./ru.js";

/**
 * A person in an admin's line, the same in both languages: "Anna K (@anna_k), ID 501", or only
 * what is known — "@anna_k, ID 501", "ID 501" (someone approved by id before they ever wrote: their
 * name is only the "ID 501" placeholder, which is not repeated).
 */
export function who(r: RequestView): string {
  const name = r.name === `ID ${r.id}` ? "" : r.name;
  const handle = r.username ? `@${r.username}` : "";
  const person = name && handle ? `${name} (${handle})` : name || handle;
  return person ? `${person}, ID ${r.id}` : `ID ${r.id}`;
}

/**
 * Typed callback data. Every button's data is made by `encode` and read back by `decode`, which
 * rejects anything malformed (forged or stale data from old versions is simply "not ours").
 * Telegram allows 1–64 bytes; encode throws if a codec would exceed that, so a bug shows up in
 * tests rather than as a 400 from Telegram.
 */
export interface CallbackCodec<T> {
  readonly prefix: string;
  encode(value: T): string;
  decode(data: string | undefined): T | undefined;
  /** A regex matching any data of this codec, for grammY's `callbackQuery()` filter. */
  readonly pattern: RegExp;
}

const MAX_BYTES = 64;

export function defineCallback<T>(
  prefix: string,
  parts: {
    format(value: T): readonly (string | number)[];
    parse(fields: readonly string[]): T | undefined;
  },
): CallbackCodec<T> {
  if (!/^[a-z]{1,6}$/.test(prefix)) throw new Error(`bad callback prefix ${prefix}`);
  return {
    prefix,
    pattern: new RegExp(`^${prefix}(?::|$)`),
    encode(value) {
      const fields = parts.format(value).map(String);
      for (const f of fields) {
        if (f.includes(":")) throw new Error(`callback field contains ':' (${prefix})`);
      }
      const data = [prefix, ...fields].join(":");
      if (Buffer.byteLength(data, "utf8") > MAX_BYTES)
        throw new Error(`callback data over 64 bytes (${prefix})`);
      return data;
    },
    decode(data) {
      if (data === undefined || Buffer.byteLength(data, "utf8") > MAX_BYTES) return undefined;
      const [head, ...fields] = data.split(":");
      if (head !== prefix) return undefined;
      try {
        return parts.parse(fields);
      } catch {
        return undefined;
      }
    },
  };
}

/**
 * The one definition of a Telegram id as the bot reads it (callback data, admin commands): a
 * positive integer in digits, no sign, no leading zeros, at most Number.MAX_SAFE_INTEGER (Telegram
 * ids fit in 52 bits; a larger number would silently round to another id).
 */
export function parseId(field: string | undefined): number | undefined {
  if (field === undefined || !/^[1-9]\d{0,15}$/.test(field)) return undefined;
  const id = Number(field);
  return Number.isSafeInteger(id) ? id : undefined;
}

/** A page number as it appears in callback data (0–999, no leading zeros). */
function parsePage(field: string | undefined): number | undefined {
  if (field === undefined || !/^(0|[1-9]\d{0,2})$/.test(field)) return undefined;
  return Number(field);
}

/**
 * Admin decision on an access request: from the request's own message, or (with `page`) from that
 * page of /pending, which is then shown again as it is after the decision.
 */
export const accessDecision = defineCallback<{ action: "approve" | "reject"; userId: number; page?: number }>(
  "acc",
  {
    format: (v) => [v.action === "approve" ? "a" : "r", v.userId, ...(v.page === undefined ? [] : [v.page])],
    parse: ([action, id, pageField, ...rest]) => {
      const userId = parseId(id);
      const page = pageField === undefined ? undefined : parsePage(pageField);
      if (rest.length > 0 || userId === undefined || (action !== "a" && action !== "r")) return undefined;
      if (pageField !== undefined && page === undefined) return undefined;
      const decision = action === "a" ? "approve" : "reject";
      return page === undefined ? { action: decision, userId } : { action: decision, userId, page };
    },
  },
);

/** The lists that page (see ui/pager.ts). */
export type ListName = "myBookings" | "allBookings" | "pending" | "users" | "limits";
const LIST_CODES: Record<ListName, string> = {
  myBookings: "mb",
  allBookings: "ab",
  pending: "pn",
  users: "us",
  limits: "lm",
};
const LISTS_BY_CODE = new Map(Object.entries(LIST_CODES).map(([name, code]) => [code, name as ListName]));

/** ‹ and › under a list: which list, and the page to show. */
export const listPage = defineCallback<{ list: ListName; page: number }>("pg", {
  format: (v) => [LIST_CODES[v.list], v.page],
  parse: ([code, pageField, ...rest]) => {
    const list = LISTS_BY_CODE.get(code ?? "");
    const page = parsePage(pageField);
    return rest.length === 0 && list && page !== undefined ? { list, page } : undefined;
  },
});

/** After /revoke: cancel every upcoming meeting the revoked member still holds. */
export const cancelHeld = defineCallback<{ userId: number }>("rvc", {
  format: (v) => [v.userId],
  parse: ([id, ...rest]) => {
    const userId = parseId(id);
    return rest.length === 0 && userId !== undefined ? { userId } : undefined;
  },
});

/** Buttons of the main menu. */
export const menu = defineCallback<{ item: "book" | "mybookings" | "help" }>("menu", {
  format: (v) => [v.item],
  parse: ([item, ...rest]) =>
    rest.length === 0 && (item === "book" || item === "mybookings" || item === "help") ? { item } : undefined,
});

const MANAGE_ACTIONS = new Map<string, "reschedule" | "cancel" | "confirmCancel" | "keep">([
  ["r", "reschedule"],
  ["c", "cancel"],
  ["cy", "confirmCancel"],
  ["cn", "keep"],
]);

/** Reschedule / cancel a booking, and the answer to "cancel it?". */
export const manageBooking = defineCallback<{
  action: "reschedule" | "cancel" | "confirmCancel" | "keep";
  uid: string;
}>("mb", {
  format: (v) => [{ reschedule: "r", cancel: "c", confirmCancel: "cy", keep: "cn" }[v.action], v.uid],
  parse: ([code, uid, ...rest]) => {
    const action = MANAGE_ACTIONS.get(code ?? "");
    if (rest.length > 0 || !action || !isUid(uid)) return undefined;
    return { action, uid };
  },
});

/** A Cal.com booking uid as callback data carries it. */
function isUid(uid: string | undefined): uid is string {
  return uid !== undefined && /^[A-Za-z0-9_-]{1,56}$/.test(uid);
}

/** What a /privacy button does. `n`: how many upcoming meetings the member was shown (re-asked if changed). */
export type PrivacyAction =
  | { action: "show" | "forgetEmail" | "forgetZone" | "ask" | "back" }
  | { action: "erase"; cancelBookings: boolean; n: number };

const PRIVACY_CODES = { show: "s", forgetEmail: "fe", forgetZone: "fz", ask: "d", back: "b" } as const;

/** The /privacy buttons (also the help reply's Privacy button). */
export const privacyAction = defineCallback<PrivacyAction>("prv", {
  format: (v) => (v.action === "erase" ? [v.cancelBookings ? "dc" : "dk", v.n] : [PRIVACY_CODES[v.action]]),
  parse: ([code, n, ...rest]) => {
    if (rest.length > 0) return undefined;
    if (code === "dc" || code === "dk") {
      if (n === undefined || !/^(0|[1-9]\d{0,2})$/.test(n)) return undefined;
      return { action: "erase", cancelBookings: code === "dc", n: Number(n) };
    }
    const action = (Object.keys(PRIVACY_CODES) as (keyof typeof PRIVACY_CODES)[]).find(
      (k) => PRIVACY_CODES[k] === code,
    );
    return action && n === undefined ? { action } : undefined;
  },
});

const DECISION_CODES = { confirm: "c", decline: "d", skipReason: "s", keep: "k" } as const;
export type BookingDecisionAction = keyof typeof DECISION_CODES;

/**
 * An admin's answer to a booking request (an event type that requires confirmation): Confirm,
 * Decline (which asks why), and on that question No reason / Don't decline.
 */
export const bookingDecision = defineCallback<{ action: BookingDecisionAction; uid: string }>("cnf", {
  format: (v) => [DECISION_CODES[v.action], v.uid],
  parse: ([code, uid, ...rest]) => {
    const action = (Object.keys(DECISION_CODES) as BookingDecisionAction[]).find(
      (k) => DECISION_CODES[k] === code,
    );
    if (rest.length > 0 || !action || !isUid(uid)) return undefined;
    return { action, uid };
  },
});

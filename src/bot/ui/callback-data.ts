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

/** Admin decision on an access request. */
export const accessDecision = defineCallback<{ action: "approve" | "reject"; userId: number }>("acc", {
  format: (v) => [v.action === "approve" ? "a" : "r", v.userId],
  parse: ([action, id, ...rest]) => {
    const userId = parseId(id);
    if (rest.length > 0 || userId === undefined || (action !== "a" && action !== "r")) return undefined;
    return { action: action === "a" ? "approve" : "reject", userId };
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
    if (rest.length > 0 || !action || !uid || !/^[A-Za-z0-9_-]{1,56}$/.test(uid)) return undefined;
    return { action, uid };
  },
});

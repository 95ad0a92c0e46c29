import { defineCallback } from "../../ui/callback-data.js";

/** A button of the booking dialog: `bk:<nonce>:<action>[:<arg>]`. */
export const dialogButton = defineCallback<{ nonce: string; action: string; arg: string | undefined }>("bk", {
  format: (v) => (v.arg === undefined ? [v.nonce, v.action] : [v.nonce, v.action, v.arg]),
  parse: ([nonce, action, arg, ...rest]) => {
    if (
      rest.length > 0 ||
      !nonce ||
      !/^[a-z0-9]{4}$/.test(nonce) ||
      !action ||
      !/^[a-z]{1,5}$/.test(action)
    ) {
      return undefined;
    }
    if (arg !== undefined && !/^[A-Za-z0-9_-]{1,40}$/.test(arg)) return undefined;
    return { nonce, action, arg };
  },
});

/** "Start over?" asked when /start or /book arrives mid-dialog. */
export const restartChoice = defineCallback<{ restart: boolean; after: "start" | "book" }>("rst", {
  format: (v) => [v.restart ? "y" : "n", v.after === "book" ? "b" : "s"],
  parse: ([answer, after, ...rest]) =>
    rest.length === 0 && (answer === "y" || answer === "n") && (after === "b" || after === "s")
      ? { restart: answer === "y", after: after === "b" ? "book" : "start" }
      : undefined,
});

/** A slot start as compact callback data: minutes since the epoch, base 36. */
export function encodeSlot(startUtc: string): string {
  return Math.round(Date.parse(startUtc) / 60_000).toString(36);
}

export function decodeSlot(arg: string | undefined): number | undefined {
  if (arg === undefined || !/^[0-9a-z]{1,9}$/.test(arg)) return undefined;
  return Number.parseInt(arg, 36) * 60_000;
}

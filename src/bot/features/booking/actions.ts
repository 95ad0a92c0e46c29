/**
 * The booking dialog's button actions (the `action` field of its callback data, `bk:<nonce>:<action>`).
 * Short because callback data has 64 bytes; named here so no step reuses another's code.
 */
export const ACTION = {
  cancel: "x",
  back: "b",
  /** A day header: a button that does nothing. */
  noop: "noop",
  zone: "z",
  otherZone: "zo",
  slot: "s",
  page: "p",
  retry: "r",
  changeZone: "cz",
  useName: "un",
  useSavedEmail: "us",
  skipEmail: "k",
  yes: "y",
  no: "n",
  confirm: "c",
  edit: "e",
  editTime: "et",
  editName: "en",
  editEmail: "ee",
  /** A meeting length (arg: minutes), and the summary's Edit → Length. */
  length: "l",
  editLength: "el",
  backToSummary: "bs",
} as const;

export type Action = (typeof ACTION)[keyof typeof ACTION];

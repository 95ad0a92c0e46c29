import { randomInt } from "node:crypto";
import type { EmailTagsRepo } from "../db/email-tags.js";

const ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";
const TAG_LENGTH = 6;

function randomTag(): string {
  let tag = "";
  for (let i = 0; i < TAG_LENGTH; i++) tag += ALPHABET[randomInt(ALPHABET.length)];
  return tag;
}

/**
 * Cal.com refuses invented placeholder domains, so a user who skips email is booked with the
 * operator's own mailbox, plus-addressed with a random per-user tag (`owner+k3f9x2@domain`): Cal.com's
 * per-attendee limits and our lookups stay per user, and the address says nothing about who it is.
 */
export class FallbackEmails {
  constructor(
    private readonly tags: EmailTagsRepo,
    private readonly mailbox: string | undefined,
    private readonly now: () => string,
    private readonly newTag: () => string = randomTag,
  ) {}

  /** True when a user may skip giving an email; otherwise the bot must ask for one. */
  get emailOptional(): boolean {
    return this.mailbox !== undefined;
  }

  /** The user's plus-addressed fallback address (tag created on first use), or undefined without a mailbox. */
  forUser(telegramId: number): string | undefined {
    if (this.mailbox === undefined) return undefined;
    const at = this.mailbox.lastIndexOf("@");
    return `${this.mailbox.slice(0, at)}+${this.tagFor(telegramId)}${this.mailbox.slice(at)}`;
  }

  /** Whether an address is one of ours (the user gave no email and gets no Cal.com mail). */
  isFallback(email: string): boolean {
    if (this.mailbox === undefined) return false;
    const at = this.mailbox.lastIndexOf("@");
    const local = this.mailbox.slice(0, at).toLowerCase();
    const domain = this.mailbox.slice(at).toLowerCase();
    const e = email.toLowerCase();
    return e.endsWith(domain) && (e === `${local}${domain}` || e.startsWith(`${local}+`));
  }

  private tagFor(telegramId: number): string {
    const existing = this.tags.get(telegramId);
    if (existing) return existing;
    // A new tag may collide with another user's (UNIQUE): draw again.
    for (let i = 0; i < 10; i++) {
      const tag = this.tags.insert(telegramId, this.newTag(), this.now());
      if (tag) return tag;
    }
    throw new Error("could not create a unique fallback email tag");
  }
}

import { createHmac, hkdfSync } from "node:crypto";

const ALPHABET = "abcdefghijklmnopqrstuvwxyz234567"; // RFC 4648 base32, lower case
const LENGTH = 12; // 60 bits: no collisions among a fellowship's members, short enough to read out
const INFO = "telecalbot log pseudonym";

/** A pseudonym as logs print it: 12 base32 characters. */
export const PSEUDONYM = /^[a-z2-7]{12}$/;

function base32(bytes: Buffer, length: number): string {
  let out = "";
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5 && out.length < length) {
      out += ALPHABET[(buffer >> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
    if (out.length >= length) break;
  }
  return out;
}

/**
 * Stable pseudonyms of Telegram ids for the logs: HMAC-SHA256 of the id under a key derived (HKDF)
 * from the bot token, cut to 12 base32 characters. The same person has the same pseudonym in every
 * line and across restarts, so an operator can follow one member's story; without the token nobody
 * can tell whose it is (an admin asks the bot: /whois). A new token gives everyone new pseudonyms.
 */
export class Pseudonyms {
  private readonly key: Buffer;

  constructor(botToken: string) {
    this.key = Buffer.from(hkdfSync("sha256", botToken, "", INFO, 32));
  }

  /** A Telegram id (a chat id as a string too: the same person gets the same pseudonym). */
  of(telegramId: number | string): string {
    return base32(createHmac("sha256", this.key).update(String(telegramId)).digest(), LENGTH);
  }

  /** The pseudonym for a log line; undefined stays undefined (an update without a user). */
  ofMaybe(telegramId: number | string | undefined): string | undefined {
    return telegramId === undefined ? undefined : this.of(telegramId);
  }
}

import { z } from "zod";

/** A name: trimmed, 2–100 characters, with at least one letter (not only digits or symbols). */
export function validName(input: string): string | undefined {
  const name = input.trim().replace(/\s+/g, " ");
  const length = [...name].length;
  if (length < 2 || length > 100 || !/\p{L}/u.test(name)) return undefined;
  return name;
}

const emailSchema = z.string().email();

/** An email address as Cal.com will accept its form (deliverability is Cal.com's to judge). */
export function validEmail(input: string): string | undefined {
  const email = input.trim();
  if (email.length > 254 || !emailSchema.safeParse(email).success) return undefined;
  return email.toLowerCase();
}

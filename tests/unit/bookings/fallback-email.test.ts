import { describe, expect, it } from "vitest";
import { FallbackEmails } from "../../../src/bookings/fallback-email.js";
import { EmailTagsRepo } from "../../../src/db/email-tags.js";
import { freshDb } from "../../integration/calcom/helpers.js";

const now = () => "2026-03-02T06:00:00.000Z";

describe("the fallback mailbox", () => {
  it("gives each user a stable, random plus-tag that does not contain their Telegram id", () => {
    const emails = new FallbackEmails(new EmailTagsRepo(freshDb()), "owner@mail.ru", now);
    const a = emails.forUser(123456789);
    expect(a).toMatch(/^owner\+[a-z0-9]{6}@mail\.ru$/);
    expect(a).not.toContain("123456789");
    expect(emails.forUser(123456789)).toBe(a);
    expect(emails.forUser(987654321)).not.toBe(a);
    expect(emails.emailOptional).toBe(true);
  });

  it("keeps the tag across restarts (it lives in SQLite)", () => {
    const db = freshDb();
    const first = new FallbackEmails(new EmailTagsRepo(db), "owner@mail.ru", now).forUser(5);
    expect(new FallbackEmails(new EmailTagsRepo(db), "owner@mail.ru", now).forUser(5)).toBe(first);
  });

  it("draws another tag when one is already taken", () => {
    const tags = ["aaaaaa", "aaaaaa", "bbbbbb"];
    const emails = new FallbackEmails(
      new EmailTagsRepo(freshDb()),
      "owner@mail.ru",
      now,
      () => tags.shift() as string,
    );
    expect(emails.forUser(1)).toBe("owner+aaaaaa@mail.ru");
    expect(emails.forUser(2)).toBe("owner+bbbbbb@mail.ru");
  });

  it("makes email required when no mailbox is configured", () => {
    const emails = new FallbackEmails(new EmailTagsRepo(freshDb()), undefined, now);
    expect(emails.emailOptional).toBe(false);
    expect(emails.forUser(1)).toBeUndefined();
  });

  it("recognises its own addresses", () => {
    const emails = new FallbackEmails(new EmailTagsRepo(freshDb()), "Owner@Mail.ru", now);
    expect(emails.isFallback(emails.forUser(1) as string)).toBe(true);
    expect(emails.isFallback("owner@mail.ru")).toBe(true);
    expect(emails.isFallback("anna@mail.ru")).toBe(false);
    expect(emails.isFallback("owner2@mail.ru")).toBe(false);
  });
});

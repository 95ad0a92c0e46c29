import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { AccessRequestsRepo } from "../../src/db/access-requests.js";
import { AdminAuditRepo } from "../../src/db/admin-audit.js";
import { BookingAttemptsRepo } from "../../src/db/booking-attempts.js";
import { migrate } from "../../src/db/migrate.js";
import { type Db, openDatabase } from "../../src/db/open.js";
import { PreferencesRepo } from "../../src/db/preferences.js";
import { RestartQuestionsRepo } from "../../src/db/restart-questions.js";
import { UpdateJournal } from "../../src/db/updates.js";
import { UsersRepo } from "../../src/db/users.js";

const at = "2026-11-22T10:00:00.000Z";
const later = "2026-11-22T11:00:00.000Z";

function freshDb() {
  const dir = mkdtempSync(join(tmpdir(), "tcb-db-"));
  const db = openDatabase(join(dir, "nested", "bot.db"));
  migrate(db);
  return db;
}

describe("database", () => {
  it("creates its folder, uses WAL and enforces foreign keys", () => {
    const db = freshDb();
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(db.pragma("foreign_keys", { simple: true })).toBe(1);
  });

  it("applies each migration once, in order, and records it", () => {
    const dir = mkdtempSync(join(tmpdir(), "tcb-mig-"));
    writeFileSync(join(dir, "002_b.sql"), "INSERT INTO t (v) VALUES ('second');");
    writeFileSync(join(dir, "001_a.sql"), "CREATE TABLE t (v TEXT);");
    writeFileSync(join(dir, "notes.txt"), "ignored");
    const db = openDatabase(":memory:");
    expect(migrate(db, dir)).toEqual(["001_a.sql", "002_b.sql"]);
    expect(migrate(db, dir)).toEqual([]);
    expect(db.prepare("SELECT v FROM t").all()).toEqual([{ v: "second" }]);
  });

  it("rolls back a failing migration entirely and does not record it", () => {
    const dir = mkdtempSync(join(tmpdir(), "tcb-mig-"));
    writeFileSync(join(dir, "001_a.sql"), "CREATE TABLE t (v TEXT);");
    writeFileSync(
      join(dir, "002_bad.sql"),
      "INSERT INTO t (v) VALUES ('x'); INSERT INTO missing VALUES (1);",
    );
    const db = openDatabase(":memory:");
    expect(() => migrate(db, dir)).toThrow(/missing/);
    expect(db.prepare("SELECT count(*) AS n FROM t").get()).toEqual({ n: 0 });
    expect(db.prepare("SELECT name FROM schema_migrations").all()).toEqual([{ name: "001_a.sql" }]);
  });

  it("the project's own migrations apply to an empty database", () => {
    const db = freshDb();
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as {
      name: string;
    }[];
    expect(tables.map((t) => t.name)).toEqual(
      expect.arrayContaining(["users", "access_requests", "user_preferences", "admin_audit", "updates"]),
    );
  });
});

/** Records SQLite's `synchronous` level at the moment each write statement runs (1 NORMAL, 2 FULL). */
function watchSyncLevel(db: Db): Array<{ sql: string; level: unknown }> {
  const seen: Array<{ sql: string; level: unknown }> = [];
  const prepare = db.prepare.bind(db);
  db.prepare = ((sql: string) => {
    const statement = prepare(sql);
    if (!/^\s*(INSERT|UPDATE)/i.test(sql)) return statement;
    return new Proxy(statement, {
      get(target, key) {
        if (key !== "run") return Reflect.get(target, key, target);
        return (...args: unknown[]) => {
          seen.push({ sql, level: db.pragma("synchronous", { simple: true }) });
          return target.run(...args);
        };
      },
    });
  }) as typeof db.prepare;
  return seen;
}

describe("durability", () => {
  it("the journal entry written before a Cal.com request survives a power loss (synchronous FULL); other writes stay NORMAL", () => {
    const db = freshDb();
    const attempts = new BookingAttemptsRepo(db, () => at);
    const seen = watchSyncLevel(db);
    attempts.record({
      reference: "ref-1",
      kind: "create",
      telegramId: 7,
      messageId: undefined,
      startUtc: later,
      targetUid: undefined,
      attendeeName: "Anna",
      attendeeEmail: undefined,
      timeZone: "Europe/Moscow",
      language: "ru",
      reason: undefined,
    });
    attempts.markTry("ref-1");
    attempts.succeed("ref-1", "uid-1");
    expect(seen.map((s) => [s.sql.trim().split(/\s+/).slice(0, 3).join(" "), s.level])).toEqual([
      ["INSERT INTO booking_attempts", 2],
      ["UPDATE booking_attempts SET", 2],
      ["UPDATE booking_attempts SET", 1],
    ]);
    // The connection is back to NORMAL for everything else (every update writes the dialog state).
    expect(db.pragma("synchronous", { simple: true })).toBe(1);
    expect(attempts.get("ref-1")).toMatchObject({ state: "succeeded", tries: 1, uid: "uid-1" });
    // SQLite cannot raise the level inside a transaction: such a call is a bug, and says so.
    expect(() => db.transaction(() => attempts.markTry("ref-1"))()).toThrow(/outside a transaction/);
  });
});

describe("repositories", () => {
  it("a request is opened once; a rejected one stays rejected; a decision is reported once", () => {
    const repo = new AccessRequestsRepo(freshDb());
    const first = repo.open({ id: 7, first_name: "Anna", username: "anna" }, at);
    expect(first.status).toBe("pending");
    expect(repo.open({ id: 7, first_name: "Anna B" }, later).requestedAt).toBe(at);
    expect(repo.listPending().map((r) => r.telegramId)).toEqual([7]);
    expect(repo.decide(7, "rejected", 1, later)).toBe("pending");
    expect(repo.decide(7, "rejected", 1, later)).toBe("rejected");
    expect(repo.open({ id: 7, first_name: "Anna" }, later).status).toBe("rejected");
    expect(repo.listPending()).toEqual([]);
    expect(repo.decide(8, "approved", 1, later)).toBeUndefined();
  });

  it("requests whose admin message never went out are found again", () => {
    const repo = new AccessRequestsRepo(freshDb());
    repo.open({ id: 7, first_name: "A" }, at);
    repo.open({ id: 8, first_name: "B" }, at);
    repo.markNotified(7, at);
    expect(repo.listUnnotified().map((r) => r.telegramId)).toEqual([8]);
  });

  it("approve, revoke and re-approve keep the whitelist and its history right", () => {
    const users = new UsersRepo(freshDb());
    expect(users.isApproved(5)).toBe(false);
    users.approve({ id: 5, first_name: "Bo" }, 1, at);
    users.approve({ id: 5, first_name: "Bo" }, 2, later);
    expect(users.get(5)).toMatchObject({ approvedBy: 1, approvedAt: at });
    expect(users.revoke(5, 1, later)).toBe(true);
    expect(users.revoke(5, 1, later)).toBe(false);
    expect(users.isApproved(5)).toBe(false);
    expect(users.listApproved()).toEqual([]);
    users.approve({ id: 5, first_name: "Bo" }, 2, later);
    expect(users.get(5)).toMatchObject({ approvedBy: 2, approvedAt: later });
  });

  it("preferences merge partial updates", () => {
    const prefs = new PreferencesRepo(freshDb());
    expect(prefs.get(1)).toEqual({ timezone: null, language: null, email: null });
    prefs.set(1, { timezone: "Asia/Omsk" }, at);
    prefs.set(1, { language: "en" }, at);
    expect(prefs.get(1)).toEqual({ timezone: "Asia/Omsk", language: "en", email: null });
  });

  it("a chat's Start-over question: the last one asked is live until cleared or swept", () => {
    let now = at;
    const repo = new RestartQuestionsRepo(freshDb(), () => now);
    expect(repo.live(5)).toBeUndefined();
    repo.asked(5, 10);
    repo.asked(5, 12);
    repo.asked(6, 3);
    expect([repo.live(5), repo.live(6)]).toEqual([12, 3]);
    repo.clear(5);
    expect(repo.live(5)).toBeUndefined();
    now = later;
    repo.asked(5, 14);
    expect(repo.sweep(later)).toBe(1);
    expect([repo.live(5), repo.live(6)]).toEqual([14, undefined]);
  });

  it("the audit log keeps who did what when", () => {
    const audit = new AdminAuditRepo(freshDb());
    audit.record({ adminId: 1, action: "approve", targetId: 5, at });
    audit.record({ adminId: 2, action: "revoke", targetId: 5, at: later });
    expect(audit.list()).toEqual([
      { adminId: 1, action: "approve", targetId: 5, at },
      { adminId: 2, action: "revoke", targetId: 5, at: later },
    ]);
  });

  it("the update journal admits each update id once and remembers unfinished ones", () => {
    const journal = new UpdateJournal(freshDb());
    const u = (id: number) => ({ update_id: id, message: undefined }) as never;
    expect(journal.admit([u(10), u(11)], at).map((x) => x.update_id)).toEqual([10, 11]);
    expect(journal.admit([u(11), u(12)], at).map((x) => x.update_id)).toEqual([12]);
    journal.markStarted(10);
    journal.markHandled(10, at);
    journal.markStarted(11);
    expect(journal.unhandled().map((x) => [x.update.update_id, x.attempts])).toEqual([
      [11, 1],
      [12, 0],
    ]);
    expect(journal.isHandled(10)).toBe(true);
    expect(journal.prune(later)).toBe(1);
    // A pruned id is forgotten; Telegram no longer re-sends updates that old.
    expect(journal.isHandled(10)).toBe(false);
  });
});

import { chmodSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";

export type Db = Database.Database;

/** Opens (creating if needed) the SQLite file with WAL and foreign keys on. */
export function openDatabase(path: string): Db {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  if (path !== ":memory:") restrictToOwner(path);
  db.pragma("journal_mode = WAL");
  db.pragma("foreign_keys = ON");
  db.pragma("busy_timeout = 5000");
  db.pragma("synchronous = NORMAL");
  cacheStatements(db);
  return db;
}

/**
 * Runs `write` so that its commit survives a power loss or an OS crash, not only a crash of the
 * process. The connection runs `synchronous = NORMAL`: in WAL mode a commit is then durable against
 * a process crash but may roll back after a power loss (SQLite syncs the WAL only at checkpoints).
 * With FULL, SQLite syncs the WAL at this commit, which also hardens every commit before it (the
 * WAL is appended in order). Only writes that must precede an action outside the process (the
 * journal entry before a Cal.com request) pay for it; the connection is back to NORMAL after.
 * SQLite refuses to change the level inside a transaction, so this must run outside one.
 */
export function durably<T>(db: Db, write: () => T): T {
  if (db.inTransaction) throw new Error("durably() must run outside a transaction");
  db.pragma("synchronous = FULL");
  try {
    return write();
  } finally {
    db.pragma("synchronous = NORMAL");
  }
}

/**
 * Mode 0600 for the database and its -wal/-shm: they hold members' names, emails and bookings.
 * chmod right after opening rather than a process umask: umask is process-wide (it would also
 * change every other file node creates, from any thread, for as long as it is set), and does not
 * tighten a file an older version left 0644. Opening creates the empty main file before the first
 * write (the WAL pragma below), and SQLite gives a -wal/-shm it creates the main file's mode.
 */
function restrictToOwner(path: string): void {
  chmodSync(path, 0o600);
  for (const sibling of [`${path}-wal`, `${path}-shm`]) {
    try {
      chmodSync(sibling, 0o600);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
    }
  }
}

/**
 * Makes `db.prepare(sql)` return the same compiled statement for the same SQL (the repositories
 * prepare their statements on every call; compiling them was a visible share of each update's CPU).
 * Safe because every statement runs synchronously to completion (none is left half-iterated).
 */
function cacheStatements(db: Db): void {
  const prepare = db.prepare.bind(db);
  const cache = new Map<string, ReturnType<typeof prepare>>();
  db.prepare = ((sql: string) => {
    let statement = cache.get(sql);
    if (!statement) {
      statement = prepare(sql);
      if (cache.size < 500) cache.set(sql, statement);
    }
    return statement;
  }) as typeof db.prepare;
}

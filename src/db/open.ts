import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";

export type Db = Database.Database;

/** Opens (creating if needed) the SQLite file with WAL and foreign keys on. */
export function openDatabase(path: string): Db {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma("journal_mode = WAL");
  db.pragma("foreign_keys = ON");
  db.pragma("busy_timeout = 5000");
  db.pragma("synchronous = NORMAL");
  cacheStatements(db);
  return db;
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

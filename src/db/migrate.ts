import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { nowIso, systemClock } from "../clock.js";
import type { Db } from "./open.js";

/** `migrations/` at the project root, whether running from src/ (tsx) or dist/src/ (compiled). */
export function defaultMigrationsDir(): string {
  const here = fileURLToPath(new URL(".", import.meta.url));
  const candidates = [join(here, "../../migrations"), join(here, "../../../migrations")];
  for (const dir of candidates) {
    try {
      readdirSync(dir);
      return dir;
    } catch {
      // try the next candidate
    }
  }
  throw new Error(`migrations folder not found next to ${here}`);
}

const NAME = /^(\d{3})_[a-z0-9_]+\.sql$/;

/**
 * Applies every `NNN_name.sql` not yet recorded in `schema_migrations`, in order, each in its own
 * transaction. Returns the names applied now.
 */
export function migrate(db: Db, dir = defaultMigrationsDir(), now = () => nowIso(systemClock)): string[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL
  )`);
  const files = readdirSync(dir)
    .filter((f) => NAME.test(f))
    .sort();
  const seen = new Set<number>();
  for (const f of files) {
    const version = Number(NAME.exec(f)?.[1]);
    if (seen.has(version)) throw new Error(`two migrations share number ${version}: ${f}`);
    seen.add(version);
  }
  const applied = new Set(
    (db.prepare("SELECT version FROM schema_migrations").all() as { version: number }[]).map(
      (r) => r.version,
    ),
  );
  const record = db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)");
  const done: string[] = [];
  for (const file of files) {
    const version = Number(NAME.exec(file)?.[1]);
    if (applied.has(version)) continue;
    const sql = readFileSync(join(dir, file), "utf8");
    db.transaction(() => {
      db.exec(sql);
      record.run(version, file, now());
    })();
    done.push(file);
  }
  return done;
}

/**
 * What a power-loss-proof journal entry costs: the median time of one record + markTry (the two
 * writes before each Cal.com request) with the connection's `synchronous = NORMAL` against the same
 * two writes under `synchronous = FULL` (src/db/open.ts `durably`, what BookingAttemptsRepo does).
 * A fresh WAL database in the OS temp folder (the disk under test); not part of `npm run bench`.
 *
 *   npx tsx bench/journal-sync.ts [rounds]      # default 300 rounds per mode, interleaved
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BookingAttemptsRepo, type NewAttempt } from "../src/db/booking-attempts.js";
import { migrate } from "../src/db/migrate.js";
import { type Db, durably, openDatabase } from "../src/db/open.js";

const rounds = Number(process.argv[2] ?? 300);
const dir = mkdtempSync(join(tmpdir(), "tcb-journal-sync-"));
const db = openDatabase(join(dir, "bot.db"));
migrate(db);
const now = () => new Date().toISOString();
const repo = new BookingAttemptsRepo(db, now);

const attempt = (reference: string): NewAttempt => ({
  reference,
  kind: "create",
  telegramId: 123_456_789,
  startUtc: "2026-12-01T10:00:00.000Z",
  targetUid: undefined,
  attendeeName: "Anna",
  attendeeEmail: undefined,
  messageId: undefined,
  timeZone: "Europe/Moscow",
  language: "ru",
  reason: undefined,
});

/** The same two statements as the repository, at the connection's level (NORMAL): the old code. */
function recordAndTryNormal(d: Db, reference: string): void {
  const at = now();
  d.prepare(
    `INSERT INTO booking_attempts (reference, kind, telegram_id, start_utc, target_uid, attendee_name,
       attendee_email, time_zone, language, reason, state, tries, created_at, updated_at)
     VALUES (?, 'create', 123456789, '2026-12-01T10:00:00.000Z', NULL, 'Anna', NULL, 'Europe/Moscow', 'ru', NULL, 'sent', 0, ?, ?)`,
  ).run(reference, at, at);
  d.prepare("SELECT * FROM booking_attempts WHERE reference = ?").get(reference);
  d.prepare(
    "UPDATE booking_attempts SET tries = tries + 1, state = 'sent', error_kind = NULL, updated_at = ? WHERE reference = ?",
  ).run(now(), reference);
}

const modes = {
  normal: (ref: string) => recordAndTryNormal(db, ref),
  /** The old statements, each under durably(): checks the repository adds nothing else. */
  full: (ref: string) => durably(db, () => recordAndTryNormal(db, ref)),
  repo: (ref: string) => {
    repo.record(attempt(ref));
    repo.markTry(ref);
  },
};
type Mode = keyof typeof modes;
const times: Record<Mode, number[]> = { normal: [], full: [], repo: [] };

// Warm-up (statement cache, WAL file created), then the modes interleaved so drift hits them alike.
for (const mode of Object.keys(modes) as Mode[]) for (let i = 0; i < 20; i++) modes[mode](`w-${mode}-${i}`);
for (let i = 0; i < rounds; i++) {
  for (const mode of Object.keys(modes) as Mode[]) {
    const started = process.hrtime.bigint();
    modes[mode](`${mode}-${i}`);
    times[mode].push(Number(process.hrtime.bigint() - started) / 1e6);
  }
}

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? Number.NaN;
};
for (const mode of Object.keys(modes) as Mode[]) {
  const xs = times[mode];
  console.log(
    `${mode.padEnd(6)} median ${quantile(xs, 0.5).toFixed(3)} ms  p95 ${quantile(xs, 0.95).toFixed(3)} ms  max ${Math.max(...xs).toFixed(3)} ms  (n=${xs.length})`,
  );
}
db.close();
rmSync(dir, { recursive: true, force: true });

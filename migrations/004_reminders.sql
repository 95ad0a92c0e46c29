-- Telegram reminders before each booking: one row per booking and offset. sent_at is set when a
-- reminder is claimed for sending, so a crash can never make it go out twice; skipped_at marks
-- reminders that must not go (the booking was made after their moment, or the user blocked the bot).
CREATE TABLE reminders (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  booking_uid TEXT NOT NULL REFERENCES bookings (uid) ON DELETE CASCADE,
  offset_minutes INTEGER NOT NULL,
  due_at TEXT NOT NULL,
  sent_at TEXT,
  skipped_at TEXT,
  skip_reason TEXT,
  tries INTEGER NOT NULL DEFAULT 0,
  UNIQUE (booking_uid, offset_minutes)
);
CREATE INDEX reminders_due ON reminders (due_at) WHERE sent_at IS NULL AND skipped_at IS NULL;

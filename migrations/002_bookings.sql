-- Cal.com bookings made through the bot, the journal of every write sent to Cal.com, and the
-- opaque per-user tags used to plus-address the operator's fallback mailbox.
-- All times are UTC ISO-8601 strings.

-- The bot lists a user's bookings from here and reminders hang off it; Cal.com stays the source of
-- truth and successful create/cancel/reschedule calls keep these rows current.
CREATE TABLE bookings (
  uid TEXT PRIMARY KEY,
  telegram_id INTEGER NOT NULL,
  reference TEXT,
  start_utc TEXT NOT NULL,
  end_utc TEXT NOT NULL,
  status TEXT NOT NULL,
  attendee_name TEXT NOT NULL,
  attendee_email TEXT NOT NULL,
  time_zone TEXT NOT NULL,
  language TEXT,
  location TEXT,
  rescheduled_from_uid TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX bookings_telegram_id ON bookings (telegram_id, start_utc);
CREATE INDEX bookings_start_utc ON bookings (start_utc);

-- Written BEFORE a create/reschedule/cancel request leaves the process and settled after, so a
-- crash or a lost answer is reconciled against Cal.com instead of guessed: zero duplicates, zero
-- lost bookings. `reference` is the caller's idempotency key (also sent to Cal.com in metadata for
-- creates); state 'sent' means the outcome is not known yet.
CREATE TABLE booking_attempts (
  reference TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('create', 'reschedule', 'cancel')),
  telegram_id INTEGER NOT NULL,
  start_utc TEXT,
  target_uid TEXT,
  attendee_name TEXT,
  attendee_email TEXT,
  time_zone TEXT,
  language TEXT,
  reason TEXT,
  state TEXT NOT NULL CHECK (state IN ('sent', 'succeeded', 'failed')),
  uid TEXT,
  error_kind TEXT,
  tries INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX booking_attempts_unsettled ON booking_attempts (state) WHERE state = 'sent';

-- Random, never derived from the Telegram id, so the address Cal.com sees reveals nothing.
CREATE TABLE calcom_email_tags (
  telegram_id INTEGER PRIMARY KEY,
  tag TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL
);

-- Access control, preferences, the admin audit log and the update journal.
-- All times are UTC ISO-8601 strings.

CREATE TABLE users (
  telegram_id INTEGER PRIMARY KEY,
  first_name TEXT NOT NULL DEFAULT '',
  last_name TEXT,
  username TEXT,
  approved_by INTEGER,
  approved_at TEXT,
  revoked_at TEXT,
  revoked_by INTEGER,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE access_requests (
  telegram_id INTEGER PRIMARY KEY,
  first_name TEXT NOT NULL DEFAULT '',
  last_name TEXT,
  username TEXT,
  status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
  requested_at TEXT NOT NULL,
  decided_at TEXT,
  decided_by INTEGER,
  admins_notified_at TEXT
);
CREATE INDEX access_requests_status ON access_requests (status, requested_at);

CREATE TABLE user_preferences (
  telegram_id INTEGER PRIMARY KEY,
  timezone TEXT,
  language TEXT CHECK (language IN ('ru', 'en')),
  email TEXT,
  updated_at TEXT NOT NULL
);

CREATE TABLE admin_audit (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  admin_id INTEGER NOT NULL,
  action TEXT NOT NULL,
  target_id INTEGER,
  at TEXT NOT NULL
);

-- Every update fetched from Telegram is written here before its offset is confirmed, so a crash
-- never loses one; handled_at marks it done, so a re-delivered update is never handled twice.
CREATE TABLE updates (
  update_id INTEGER PRIMARY KEY,
  payload TEXT,
  received_at TEXT NOT NULL,
  handled_at TEXT,
  attempts INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX updates_unhandled ON updates (handled_at) WHERE handled_at IS NULL;

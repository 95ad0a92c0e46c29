-- One-time invite links an admin creates (/invite): opening one approves a stranger at once.
-- Only a SHA-256 of the code is kept, so a copy of the database opens no door. A code is used by
-- one UPDATE … WHERE used_at IS NULL AND revoked_at IS NULL AND expires_at > now: two people (or
-- two taps) racing for it approve one. The note is the admin's own reminder of whom it was for.
CREATE TABLE invites (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  code_hash TEXT NOT NULL UNIQUE,
  note TEXT,
  created_by INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  used_at TEXT,
  used_by INTEGER,
  revoked_at TEXT,
  revoked_by INTEGER
);
CREATE INDEX invites_open ON invites (expires_at) WHERE used_at IS NULL AND revoked_at IS NULL;

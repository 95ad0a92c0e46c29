-- State of the booking dialogs (the conversations plugin's replay state), one row per chat, so
-- a restart continues every dialog where the user left it.
CREATE TABLE conversations (
  key TEXT PRIMARY KEY,
  state TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX conversations_updated ON conversations (updated_at);

-- What people must learn (a booking's result, admin notices, access decisions), written in the
-- same transaction as the change it reports and delivered by the bot's sender, in order per chat.
-- One row per fact and recipient (UNIQUE), so the same fact is never queued twice.
CREATE TABLE outbox (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  fact TEXT NOT NULL,
  chat_id INTEGER NOT NULL,
  kind TEXT NOT NULL,
  payload TEXT NOT NULL,
  created_at TEXT NOT NULL,
  due_at TEXT NOT NULL,
  tries INTEGER NOT NULL DEFAULT 0,
  sent_at TEXT,
  given_up_at TEXT,
  give_up_reason TEXT,
  UNIQUE (fact, chat_id)
);
CREATE INDEX outbox_due ON outbox (due_at) WHERE sent_at IS NULL AND given_up_at IS NULL;

-- The dialog message a write's result replaces (the summary the member confirmed), if any.
ALTER TABLE booking_attempts ADD COLUMN message_id INTEGER;

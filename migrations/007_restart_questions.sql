-- The "Start over?" question last asked mid-dialog in each chat (src/bot/features/booking/restart.ts):
-- only that one may be answered, also after a restart. At most one row per chat; none when no
-- question is live.
CREATE TABLE restart_questions (
  chat_id INTEGER PRIMARY KEY,
  message_id INTEGER NOT NULL,
  asked_at TEXT NOT NULL
);
CREATE INDEX restart_questions_asked ON restart_questions (asked_at);

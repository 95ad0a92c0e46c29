-- An admin's open "why decline?" question (src/bot/features/confirmations.ts): their next plain
-- message is the reason sent to the member. At most one per admin; kept here so that a restart
-- between the question and the answer neither loses the decline nor takes a later message for it.
CREATE TABLE decline_prompts (
  admin_id INTEGER PRIMARY KEY,
  booking_uid TEXT NOT NULL,
  message_id INTEGER NOT NULL,
  -- the admin's request message (its buttons go once decided); NULL when unknown
  request_message_id INTEGER,
  asked_at TEXT NOT NULL
);

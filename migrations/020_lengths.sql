-- Event types that offer several lengths (lengthInMinutesOptions): the length a member picked is
-- part of the write (a crash between "sent" and "answered" is looked up and re-sent with it), and
-- an admin may cap a member's longest length (/limit). NULL length: the event type's default.
ALTER TABLE booking_attempts ADD COLUMN length_minutes INTEGER;

CREATE TABLE length_caps (
  telegram_id INTEGER PRIMARY KEY,
  max_minutes INTEGER NOT NULL CHECK (max_minutes > 0),
  set_by INTEGER NOT NULL,
  set_at TEXT NOT NULL
);

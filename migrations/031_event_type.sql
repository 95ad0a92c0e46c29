-- The last event type Cal.com described, so the bot can start (access, admin commands,
-- /mybookings, reminders) while Cal.com is down. `selector` names the configuration that found it
-- ("id:1001" or "slug:sponsor/step"): after a configuration change an old copy is never used.
CREATE TABLE calcom_event_type (
  selector TEXT PRIMARY KEY,
  info TEXT NOT NULL,
  fetched_at TEXT NOT NULL
);

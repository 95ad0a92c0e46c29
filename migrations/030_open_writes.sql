-- A write whose outcome is unknown after an ambiguous try (a timeout, a reset, a 5xx) stays open:
-- Cal.com may still commit it, so it is looked up again on a schedule, backing off, before any
-- re-send (src/bookings/open-writes.ts). tried_at: when the last try was sent; check_at: when to
-- look next (NULL: not open); checks: lookups made since that try.
ALTER TABLE booking_attempts ADD COLUMN tried_at TEXT;
ALTER TABLE booking_attempts ADD COLUMN check_at TEXT;
ALTER TABLE booking_attempts ADD COLUMN checks INTEGER NOT NULL DEFAULT 0;

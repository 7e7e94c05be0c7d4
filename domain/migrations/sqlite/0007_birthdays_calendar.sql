-- 1 for a member's "Birthdays" calendar: read-only, its events computed from the birthdays of
-- the contacts the member sees, shown on the web only (never shared, published or synced).
ALTER TABLE calendars ADD COLUMN birthdays INTEGER NOT NULL DEFAULT 0;

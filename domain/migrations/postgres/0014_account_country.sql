-- The country of a member's profile: an ISO 3166-1 alpha-2 code in upper case, empty until
-- chosen (see `domain::country`).
ALTER TABLE accounts ADD COLUMN country TEXT NOT NULL DEFAULT '';

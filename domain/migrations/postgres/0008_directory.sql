-- 0 when an administrator hid the member from the organization's directory (the read-only
-- address book every member sees, made from the members themselves).
ALTER TABLE memberships ADD COLUMN in_directory BIGINT NOT NULL DEFAULT 1;

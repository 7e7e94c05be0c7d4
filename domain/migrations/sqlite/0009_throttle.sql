-- The throttle counts login failures per (account, client) and per client, and sign-ups per
-- client. Keys are SHA-256 digests, so their size is bounded whatever a client sends. An
-- attempt is reserved before the password is checked: last_attempt names the attempt that
-- last got through, so each attempt knows whether it was let through or refused.
DROP TABLE login_throttle;
CREATE TABLE throttle (
    key TEXT PRIMARY KEY,
    failures INTEGER NOT NULL,
    delay INTEGER NOT NULL,
    locked_until INTEGER NOT NULL,
    touched_at INTEGER NOT NULL,
    last_attempt TEXT NOT NULL
);
CREATE INDEX throttle_touched ON throttle(touched_at);

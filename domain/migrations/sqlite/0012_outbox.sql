-- Mail the suite sends (password resets, address confirmations, notices), kept until the SMTP
-- server has taken it: what the app accepted survives a restart and is retried with backoff.
CREATE TABLE outbox (
    id TEXT PRIMARY KEY,
    sender TEXT NOT NULL,
    recipient TEXT NOT NULL,
    -- The whole RFC 5322 message, 7-bit (its parts are encoded).
    message TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    -- When it may be tried next; a server sending it holds it a while by moving this on.
    next_attempt_at INTEGER NOT NULL,
    last_error TEXT NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL,
    -- When the SMTP server took it (0: not yet) or it was given up (see `failed`).
    sent_at INTEGER NOT NULL DEFAULT 0,
    failed INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX outbox_due ON outbox(sent_at, next_attempt_at);

-- Single-use links sent by mail: a password reset, an address to confirm. Only the hash of
-- the token is kept.
CREATE TABLE account_tokens (
    token_hash TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    purpose TEXT NOT NULL,
    -- The address the link went to: for a change of address, the new one.
    email TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX account_tokens_account ON account_tokens(account_id, purpose);

-- When the login address was confirmed (0: not yet). Accounts made before confirmation
-- existed count as confirmed.
ALTER TABLE accounts ADD COLUMN email_verified_at INTEGER NOT NULL DEFAULT 0;
UPDATE accounts SET email_verified_at = created_at;

CREATE TABLE accounts (
    id TEXT PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    locale TEXT NOT NULL,
    time_zone TEXT NOT NULL,
    presence TEXT NOT NULL DEFAULT 'online',
    presence_message TEXT NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL
);

CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
);
CREATE INDEX sessions_account ON sessions(account_id);

CREATE TABLE organizations (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    personal_owner TEXT REFERENCES accounts(id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL
);

CREATE TABLE memberships (
    org_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (org_id, account_id)
);
CREATE INDEX memberships_account ON memberships(account_id);

CREATE TABLE product_access (
    org_id TEXT NOT NULL,
    account_id TEXT NOT NULL,
    product TEXT NOT NULL,
    access TEXT NOT NULL,
    PRIMARY KEY (org_id, account_id, product),
    FOREIGN KEY (org_id, account_id) REFERENCES memberships(org_id, account_id) ON DELETE CASCADE
);

CREATE TABLE login_throttle (
    key TEXT PRIMARY KEY,
    failures INTEGER NOT NULL,
    locked_until INTEGER NOT NULL
);

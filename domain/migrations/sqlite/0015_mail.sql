-- Mail: the domains an organization receives mail for, its mailboxes with their addresses, and
-- their folders. Messages come with the next migration.

-- A domain belongs to one organization: the primary key refuses a second claim.
CREATE TABLE mail_domains (
    domain TEXT PRIMARY KEY,
    org_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL
);
CREATE INDEX mail_domains_org ON mail_domains(org_id, created_at);

-- A mailbox, owned by a member and shareable like a calendar. 'embedded' keeps its messages in
-- this database; another backend (an IMAP server) keeps them elsewhere.
CREATE TABLE mail_accounts (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    owner_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    -- The name its messages are sent under.
    name TEXT NOT NULL,
    backend TEXT NOT NULL DEFAULT 'embedded',
    signature TEXT NOT NULL DEFAULT '',
    -- Bumped on every change of the mailbox or its messages: the state "changes since" compares.
    revision INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    deleted_at INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX mail_accounts_org_owner ON mail_accounts(org_id, owner_id);

CREATE TABLE mail_account_shares (
    account_id TEXT NOT NULL REFERENCES mail_accounts(id) ON DELETE CASCADE,
    -- 'member' (an account id), 'team' (a team id) or 'org' (grantee_id = '').
    grantee_kind TEXT NOT NULL,
    grantee_id TEXT NOT NULL,
    level TEXT NOT NULL,
    PRIMARY KEY (account_id, grantee_kind, grantee_id)
);
CREATE INDEX mail_account_shares_grantee ON mail_account_shares(grantee_kind, grantee_id);

-- Where mail is delivered, lower-cased: whether a recipient exists is one lookup.
CREATE TABLE mail_addresses (
    address TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES mail_accounts(id) ON DELETE CASCADE,
    domain TEXT NOT NULL,
    -- The address messages are sent from; the others are aliases.
    is_primary INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL
);
CREATE INDEX mail_addresses_account ON mail_addresses(account_id);
CREATE INDEX mail_addresses_domain ON mail_addresses(domain);

CREATE TABLE mail_folders (
    id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES mail_accounts(id) ON DELETE CASCADE,
    -- '' at the top.
    parent_id TEXT NOT NULL DEFAULT '',
    name TEXT NOT NULL,
    -- The name without letter case or accents: two folders side by side differ in it.
    name_key TEXT NOT NULL,
    -- 'inbox', 'drafts', 'sent', 'archive', 'spam', 'trash', or '' for the member's own.
    role TEXT NOT NULL DEFAULT '',
    -- Kept by the transaction that changes the folder's messages, so the folder list reads no
    -- message.
    total INTEGER NOT NULL DEFAULT 0,
    unread INTEGER NOT NULL DEFAULT 0,
    -- IMAP's UIDVALIDITY and UIDNEXT, for mail clients.
    uid_validity INTEGER NOT NULL,
    uid_next INTEGER NOT NULL DEFAULT 1,
    created_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX mail_folders_name ON mail_folders(account_id, parent_id, name_key);
CREATE UNIQUE INDEX mail_folders_role ON mail_folders(account_id, role) WHERE role <> '';

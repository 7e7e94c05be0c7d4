CREATE TABLE address_books (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    owner_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    -- Bumped on every change of the book or its contacts (CTag for sync clients).
    revision INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    -- 0 while live; the deletion time while in the trash.
    deleted_at INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX address_books_org_owner ON address_books(org_id, owner_id);

CREATE TABLE contacts (
    id TEXT PRIMARY KEY,
    book_id TEXT NOT NULL REFERENCES address_books(id) ON DELETE CASCADE,
    org_id TEXT NOT NULL,
    uid TEXT NOT NULL,
    -- The vCard 4.0 text: the source of truth; the columns below are read from it.
    vcard TEXT NOT NULL,
    etag TEXT NOT NULL,
    full_name TEXT NOT NULL,
    -- Lower-cased family name then given name (or the full name): the list's order and sections.
    sort_key TEXT NOT NULL,
    -- What the list shows: the first e-mail and number as written, the organization.
    email TEXT NOT NULL,
    phone TEXT NOT NULL,
    organization TEXT NOT NULL,
    -- Lower-cased addresses and normalised numbers, one per line, for search and duplicates.
    emails TEXT NOT NULL,
    phones TEXT NOT NULL,
    -- 'YYYY-MM-DD', '--MM-DD' without a year, or ''.
    birthday TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    deleted_at INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX contacts_uid ON contacts(book_id, uid);
CREATE INDEX contacts_book_sort ON contacts(book_id, deleted_at, sort_key);

CREATE TABLE address_book_shares (
    book_id TEXT NOT NULL REFERENCES address_books(id) ON DELETE CASCADE,
    -- 'member' (an account id), 'team' (a team id) or 'org' (grantee_id = '').
    grantee_kind TEXT NOT NULL,
    grantee_id TEXT NOT NULL,
    level TEXT NOT NULL,
    PRIMARY KEY (book_id, grantee_kind, grantee_id)
);
CREATE INDEX address_book_shares_grantee ON address_book_shares(grantee_kind, grantee_id);

-- Per member and organization: the book new contacts go to.
CREATE TABLE contact_prefs (
    account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    org_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    default_book TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (account_id, org_id)
);

-- A contact's groups are its vCard CATEGORIES (what phones and desktop clients show), one per
-- line as written. NULL until read from the card: rows stored before this column existed are
-- indexed when the server starts (see contacts::groups::index_missing).
ALTER TABLE contacts ADD COLUMN categories TEXT;

-- The groups members created in a book, so a group with no contact yet stays listed. Groups
-- that imported cards bring are listed from the contacts' categories.
CREATE TABLE contact_groups (
    book_id TEXT NOT NULL REFERENCES address_books(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (book_id, name)
);

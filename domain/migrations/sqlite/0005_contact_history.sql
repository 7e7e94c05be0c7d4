-- Earlier states of contacts (text, book, in the trash or not), kept as long as the trash keeps things: a book is restored to its
-- state on a chosen day from them, and a merge is undone with the reference card's old text.
CREATE TABLE contact_versions (
    contact_id TEXT NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
    -- The book the contact was in with this text.
    book_id TEXT NOT NULL,
    vcard TEXT NOT NULL,
    -- Whether it was in the trash then (its deletion time) or not (0).
    deleted_at INTEGER NOT NULL,
    -- When this state stopped being the contact's.
    replaced_at INTEGER NOT NULL
);
CREATE INDEX contact_versions_contact ON contact_versions(contact_id, replaced_at);
CREATE INDEX contact_versions_book ON contact_versions(book_id, replaced_at);

-- A merge of duplicates, undoable from the trash: the merged cards are in the trash and the
-- reference card's text before the merge is kept here.
CREATE TABLE contact_merges (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL,
    book_id TEXT NOT NULL REFERENCES address_books(id) ON DELETE CASCADE,
    reference_id TEXT NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
    previous_vcard TEXT NOT NULL,
    -- The merged cards' ids, one per line.
    removed TEXT NOT NULL,
    merged_at INTEGER NOT NULL
);
CREATE INDEX contact_merges_book ON contact_merges(book_id);

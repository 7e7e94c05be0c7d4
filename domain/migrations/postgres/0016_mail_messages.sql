-- The messages of the embedded mail store: the raw bytes are a blob, these rows are what lists,
-- threads and mail clients read.
CREATE TABLE mail_messages (
    -- The order messages were stored in: the tie-breaker of every sort, and the search index's
    -- row id (never reused, so a row the index still holds names no other message).
    num BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    org_id TEXT NOT NULL,
    account_id TEXT NOT NULL REFERENCES mail_accounts(id) ON DELETE CASCADE,
    folder_id TEXT NOT NULL REFERENCES mail_folders(id),
    -- IMAP's UID: rises within the folder, never reused.
    uid BIGINT NOT NULL,
    thread_id TEXT NOT NULL,
    blob_hash TEXT NOT NULL,
    size BIGINT NOT NULL,
    received_at BIGINT NOT NULL,
    sent_at BIGINT NOT NULL,
    -- 1 seen, 2 flagged, 4 answered, 8 draft, 16 forwarded.
    flags BIGINT NOT NULL DEFAULT 0,
    has_attachment BIGINT NOT NULL DEFAULT 0,
    message_id TEXT NOT NULL,
    from_name TEXT NOT NULL,
    from_address TEXT NOT NULL,
    -- Who it was written to, as the Sent folder's list shows it.
    recipients TEXT NOT NULL,
    subject TEXT NOT NULL,
    snippet TEXT NOT NULL,
    -- Lower-cased, accent-free keys of the sender and the base subject: the sorts by sender and
    -- by subject compare them byte by byte, the same way on both databases.
    sort_from TEXT NOT NULL,
    sort_subject TEXT NOT NULL,
    -- The folder a message in the Trash came from, to restore it there.
    trashed_from TEXT NOT NULL DEFAULT '',
    snoozed_until BIGINT NOT NULL DEFAULT 0,
    -- The mailbox's revision when the row last changed: "changes since" reads above a state.
    modseq BIGINT NOT NULL
);
CREATE UNIQUE INDEX mail_messages_uid ON mail_messages(folder_id, uid);
CREATE INDEX mail_messages_by_date ON mail_messages(folder_id, received_at, num);
CREATE INDEX mail_messages_by_from ON mail_messages(folder_id, sort_from, num);
CREATE INDEX mail_messages_by_subject ON mail_messages(folder_id, sort_subject, num);
CREATE INDEX mail_messages_by_size ON mail_messages(folder_id, size, num);
CREATE INDEX mail_messages_changes ON mail_messages(account_id, modseq);
CREATE INDEX mail_messages_thread ON mail_messages(account_id, thread_id);
CREATE INDEX mail_messages_blob ON mail_messages(blob_hash);
CREATE INDEX mail_messages_message_id ON mail_messages(account_id, message_id);

-- What finds a message's thread: a hash of each message-id its messages carry or name, with
-- a hash of their base subject (a reply that changed the subject starts a new thread).
CREATE TABLE mail_thread_keys (
    account_id TEXT NOT NULL REFERENCES mail_accounts(id) ON DELETE CASCADE,
    subject_key TEXT NOT NULL,
    ref_key TEXT NOT NULL,
    thread_id TEXT NOT NULL,
    PRIMARY KEY (account_id, subject_key, ref_key)
);
CREATE INDEX mail_thread_keys_thread ON mail_thread_keys(account_id, thread_id);

-- Messages that left a folder (moved away or destroyed): "changes since" tells an open list to
-- drop them.
CREATE TABLE mail_removals (
    account_id TEXT NOT NULL REFERENCES mail_accounts(id) ON DELETE CASCADE,
    modseq BIGINT NOT NULL,
    message_id TEXT NOT NULL,
    folder_id TEXT NOT NULL
);
CREATE INDEX mail_removals_changes ON mail_removals(account_id, modseq);

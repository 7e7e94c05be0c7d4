-- Files attached to messages being written: the author's own until the message is sent (its
-- raw message holds its own copy of the bytes) or a day has passed. `outgoing_id` names the
-- message waiting in `mail_outgoing` that holds them, so a message taken back gets them again.
CREATE TABLE mail_uploads (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL,
    author_id TEXT NOT NULL,
    blob_hash TEXT NOT NULL,
    name TEXT NOT NULL,
    media_type TEXT NOT NULL,
    size INTEGER NOT NULL,
    outgoing_id TEXT NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL
);
CREATE INDEX mail_uploads_created ON mail_uploads(created_at);
CREATE INDEX mail_uploads_outgoing ON mail_uploads(outgoing_id);
CREATE INDEX mail_uploads_blob ON mail_uploads(blob_hash);
CREATE INDEX mail_uploads_org ON mail_uploads(org_id);

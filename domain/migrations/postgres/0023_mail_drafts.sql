-- What a member is writing, saved as they write: the form as typed (`composed`, JSON: the
-- recipients half-typed, the message it answers, the files it holds) beside the message it is
-- now in the mailbox's Drafts folder (`message_id`), which each save replaces. The files a
-- draft holds name it in `mail_uploads.outgoing_id`.
CREATE TABLE mail_drafts (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL,
    account_id TEXT NOT NULL REFERENCES mail_accounts(id) ON DELETE CASCADE,
    author_id TEXT NOT NULL,
    message_id TEXT NOT NULL,
    composed TEXT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX mail_drafts_message ON mail_drafts(message_id);
CREATE INDEX mail_drafts_account ON mail_drafts(account_id);

-- Messages members sent, waiting for their time: the seconds "Undo" offers, or the time chosen
-- with "Send later". The jobs send each when due (into Sent, the suite's mailboxes and the
-- outbox) and delete it; until then the member can take it back.
CREATE TABLE mail_outgoing (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL,
    account_id TEXT NOT NULL REFERENCES mail_accounts(id) ON DELETE CASCADE,
    author_id TEXT NOT NULL,
    blob_hash TEXT NOT NULL,
    size INTEGER NOT NULL,
    -- The envelope: the mailbox's address, and every recipient (To, Cc, Bcc) one per line.
    sender TEXT NOT NULL,
    recipients TEXT NOT NULL,
    -- The message this answers, marked answered once sent.
    replied_id TEXT NOT NULL DEFAULT '',
    -- The compose form as JSON, given back when the member takes the message back.
    composed TEXT NOT NULL,
    send_at INTEGER NOT NULL,
    -- Until when a server that took it to send has it.
    claimed_until INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL
);
CREATE INDEX mail_outgoing_due ON mail_outgoing(send_at);
CREATE INDEX mail_outgoing_blob ON mail_outgoing(blob_hash);
CREATE INDEX mail_outgoing_org ON mail_outgoing(org_id);

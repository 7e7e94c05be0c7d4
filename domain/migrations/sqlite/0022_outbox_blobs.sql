-- A member's message to other servers names the bytes of its Sent copy in the blob store, once
-- for all its recipients, instead of each recipient's row holding its own copy of the text.
-- Letters the suite writes (links, notices) keep their text in `message`.
ALTER TABLE outbox ADD COLUMN blob_hash TEXT NOT NULL DEFAULT '';
CREATE INDEX outbox_blob ON outbox(blob_hash);

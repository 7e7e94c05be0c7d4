-- Large binary objects, stored as files named by the SHA-256 of their bytes (see
-- `domain::blobs`). A row says the file is wanted; the garbage collector removes a file once no
-- row of a table in `blobs::REFERENCES` names it.
CREATE TABLE blobs (
    hash TEXT PRIMARY KEY,
    size BIGINT NOT NULL,
    -- When it was last stored or attached: a file younger than the collector's grace period is
    -- never removed, so an upload finishing meanwhile keeps it.
    last_used BIGINT NOT NULL
);

-- Files attached to a calendar event (RFC 8607's managed attachments: the server keeps the
-- bytes, the event carries a link). They go when the event is purged from the trash.
CREATE TABLE calendar_attachments (
    id TEXT PRIMARY KEY,
    object_id TEXT NOT NULL REFERENCES calendar_objects(id) ON DELETE CASCADE,
    org_id TEXT NOT NULL,
    blob_hash TEXT NOT NULL REFERENCES blobs(hash),
    name TEXT NOT NULL,
    media_type TEXT NOT NULL,
    size BIGINT NOT NULL,
    created_by TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX calendar_attachments_object ON calendar_attachments(object_id, created_at);
CREATE INDEX calendar_attachments_org ON calendar_attachments(org_id);
CREATE INDEX calendar_attachments_blob ON calendar_attachments(blob_hash);

-- What the organization's files may take in all, in bytes (10 GiB unless the operator sets
-- another with `ksuite org set-quota`).
ALTER TABLE organizations ADD COLUMN storage_quota BIGINT NOT NULL DEFAULT 10737418240;

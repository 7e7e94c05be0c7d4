-- Earlier texts of calendar objects that an import replaced, kept as long as the trash keeps
-- things: the import's Undo puts them back.
CREATE TABLE calendar_object_versions (
    object_id TEXT NOT NULL REFERENCES calendar_objects(id) ON DELETE CASCADE,
    ics TEXT NOT NULL,
    -- Whether it was in the trash then (its deletion time) or not (0).
    deleted_at BIGINT NOT NULL,
    -- When this text stopped being the object's.
    replaced_at BIGINT NOT NULL
);
CREATE INDEX calendar_object_versions_object ON calendar_object_versions(object_id, replaced_at);

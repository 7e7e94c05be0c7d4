CREATE TABLE calendars (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    owner_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    color TEXT NOT NULL,
    -- '' for the member's own events; a region code ('CH-VD', 'FR') for computed public holidays.
    holidays TEXT NOT NULL DEFAULT '',
    -- '' when the public .ics link is off.
    public_token TEXT NOT NULL DEFAULT '',
    -- Bumped on every change of the calendar or its objects (CTag for sync clients).
    revision BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL,
    -- 0 while live; the deletion time while in the trash.
    deleted_at BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX calendars_org_owner ON calendars(org_id, owner_id);
CREATE INDEX calendars_public_token ON calendars(public_token);

CREATE TABLE calendar_objects (
    id TEXT PRIMARY KEY,
    calendar_id TEXT NOT NULL REFERENCES calendars(id) ON DELETE CASCADE,
    org_id TEXT NOT NULL,
    uid TEXT NOT NULL,
    kind TEXT NOT NULL,
    ics TEXT NOT NULL,
    etag TEXT NOT NULL,
    summary TEXT NOT NULL,
    -- UTC seconds the object's occurrences can touch (an endless series ends in 9999).
    range_start BIGINT NOT NULL,
    range_end BIGINT NOT NULL,
    recurring BIGINT NOT NULL,
    done BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    deleted_at BIGINT NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX calendar_objects_uid ON calendar_objects(calendar_id, uid);
CREATE INDEX calendar_objects_range ON calendar_objects(calendar_id, deleted_at, range_start);

CREATE TABLE calendar_shares (
    calendar_id TEXT NOT NULL REFERENCES calendars(id) ON DELETE CASCADE,
    -- 'member' (grantee_id = account id) or 'org' (grantee_id = '').
    grantee_kind TEXT NOT NULL,
    grantee_id TEXT NOT NULL,
    level TEXT NOT NULL,
    PRIMARY KEY (calendar_id, grantee_kind, grantee_id)
);
CREATE INDEX calendar_shares_grantee ON calendar_shares(grantee_kind, grantee_id);

-- Per member and organization: default calendar and display settings (JSON).
CREATE TABLE calendar_prefs (
    account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    org_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    default_calendar TEXT NOT NULL DEFAULT '',
    settings TEXT NOT NULL DEFAULT '{}',
    PRIMARY KEY (account_id, org_id)
);

CREATE TABLE calendar_hidden (
    account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    calendar_id TEXT NOT NULL REFERENCES calendars(id) ON DELETE CASCADE,
    PRIMARY KEY (account_id, calendar_id)
);

-- The video meeting link of new events is this base URL plus a random room name.
ALTER TABLE organizations ADD COLUMN video_base_url TEXT NOT NULL DEFAULT '';

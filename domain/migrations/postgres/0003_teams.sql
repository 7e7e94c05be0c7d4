-- Teams group members of one organization; calendars (and later address books) are shared with them.
CREATE TABLE teams (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    -- The lower-cased name: two teams of one organization cannot differ only in case.
    name_key TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX teams_org_name ON teams(org_id, name_key);

CREATE TABLE team_members (
    team_id TEXT NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
    org_id TEXT NOT NULL,
    account_id TEXT NOT NULL,
    PRIMARY KEY (team_id, account_id),
    -- Leaving the organization leaves its teams.
    FOREIGN KEY (org_id, account_id) REFERENCES memberships(org_id, account_id) ON DELETE CASCADE
);
CREATE INDEX team_members_account ON team_members(account_id);

-- A mailbox sends from one address: two at once (a race of two changes) are refused.
CREATE UNIQUE INDEX mail_addresses_primary ON mail_addresses(account_id) WHERE is_primary = 1;
-- What an organization's messages take, for its storage quota.
CREATE INDEX mail_messages_org ON mail_messages(org_id);
